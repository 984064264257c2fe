/**
 * Chat through the real app: direct conversations, messages over REST and `/chat` reaching every
 * tab of every member, history keyset by message, read positions, typing, bodies refused with
 * nothing stored, and blocks hiding a sender from one member of a channel but not another.
 */
import { ManualClock } from '../src/common/clock/clock';
import { Account, bearer, registerAccount } from './support/accounts';
import { openDirect } from './support/chat';
import { chatFence, chatPool, collect, nextEvent, request } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

interface Message {
  id: string;
  conversationId: string;
  sender: { id: string } | null;
  kind: string;
  body: string;
  challengeId: string | null;
  createdAt: string;
}

describe('chat (e2e)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 29, 9));
  let t: TestApp;
  const pool = chatPool(() => t);

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });

  afterEach(() => pool.closeAll());

  afterAll(async () => {
    await t.close();
  });

  const direct = (from: Account, to: Account, status = 201) => openDirect(t, from, to, status);

  const send = async (from: Account, conversationId: string, body: unknown, status = 201) =>
    t
      .http()
      .post(`/api/chat/conversations/${conversationId}/messages`)
      .set(bearer(from.accessToken))
      .send({ body })
      .expect(status);

  const history = async (who: Account, conversationId: string, query = '') =>
    (
      await t
        .http()
        .get(`/api/chat/conversations/${conversationId}/messages${query}`)
        .set(bearer(who.accessToken))
        .expect(200)
    ).body as { items: Message[]; nextBefore: string | null };

  const conversations = async (who: Account) =>
    (await t.http().get('/api/chat/conversations').set(bearer(who.accessToken)).expect(200))
      .body as { id: string; unread: number; lastMessage: Message | null; members: number }[];

  const channel = async (owner: Account, name: string, visibility = 'public') =>
    (
      await t
        .http()
        .post('/api/chat/channels')
        .set(bearer(owner.accessToken))
        .send({ name, visibility })
        .expect(201)
    ).body as { id: string };

  const join = (who: Account, channelId: string) =>
    t
      .http()
      .post(`/api/chat/channels/${channelId}/join`)
      .set(bearer(who.accessToken))
      .send({})
      .expect(200);

  it('opens one direct conversation per pair: 201, then 200 with the same; 400 yourself, 404 unknown', async () => {
    const [ann, bob] = [await registerAccount(t), await registerAccount(t)];
    const created = await direct(ann, bob);
    expect(created).toMatchObject({ kind: 'direct', peer: { id: bob.id }, role: 'member' });
    expect((await direct(bob, ann, 200)).id).toBe(created.id);
    expect((await direct(ann, bob, 200)).id).toBe(created.id);
    await t
      .http()
      .post('/api/chat/direct')
      .set(bearer(ann.accessToken))
      .send({ userId: ann.id })
      .expect(400);
    await t
      .http()
      .post('/api/chat/direct')
      .set(bearer(ann.accessToken))
      .send({ userId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
  });

  it('delivers a message to every tab of both people, from REST and from the socket', async () => {
    const [ann, bob] = [await registerAccount(t), await registerAccount(t)];
    const { id } = await direct(ann, bob);
    const [annTab1, annTab2, bobTab] = [
      await pool.open(ann),
      await pool.open(ann),
      await pool.open(bob),
    ];
    const seen = [annTab1, annTab2, bobTab].map((socket) =>
      collect<Message>(socket, 'chat:message'),
    );

    const sent = (await send(ann, id, '  hello <b>bob</b>  ')).body as Message;
    expect(sent).toMatchObject({
      conversationId: id,
      sender: { id: ann.id },
      kind: 'text',
      body: 'hello <b>bob</b>',
      challengeId: null,
    });
    const ack = await request<{ ok: boolean; message: Message }>(bobTab, 'chat:send', {
      conversationId: id,
      body: 'hi ann',
    });
    expect(ack).toMatchObject({ ok: true, message: { body: 'hi ann', sender: { id: bob.id } } });
    for (const socket of [annTab1, annTab2, bobTab]) await chatFence(socket);
    for (const messages of seen) {
      expect(messages.map((message) => message.body)).toEqual(['hello <b>bob</b>', 'hi ann']);
    }
  });

  it('pages history newest first by message, and lists conversations by last activity with unread counts', async () => {
    const [ann, bob, cid] = [
      await registerAccount(t),
      await registerAccount(t),
      await registerAccount(t),
    ];
    const withBob = await direct(ann, bob);
    const withCid = await direct(ann, cid);
    // Same clock time for these five: their order is the conversation's own numbering.
    for (let i = 1; i <= 5; i++) await send(bob, withBob.id, `b${i}`);
    clock.advance(1000);
    await send(cid, withCid.id, 'c1');

    const first = await history(ann, withBob.id, '?limit=2');
    expect(first.items.map((m) => m.body)).toEqual(['b5', 'b4']);
    const second = await history(ann, withBob.id, `?limit=2&before=${first.nextBefore}`);
    expect(second.items.map((m) => m.body)).toEqual(['b3', 'b2']);
    const last = await history(ann, withBob.id, `?limit=2&before=${second.nextBefore}`);
    expect(last).toMatchObject({ items: [{ body: 'b1' }], nextBefore: null });

    let list = await conversations(ann);
    expect(list.map((c) => [c.id, c.unread, c.lastMessage?.body])).toEqual([
      [withCid.id, 1, 'c1'],
      [withBob.id, 5, 'b5'],
    ]);
    clock.advance(1000);
    await send(bob, withBob.id, 'b6');
    list = await conversations(ann);
    expect(list.map((c) => [c.id, c.unread, c.lastMessage?.body])).toEqual([
      [withBob.id, 6, 'b6'],
      [withCid.id, 1, 'c1'],
    ]);
    expect((await conversations(bob))[0]).toMatchObject({ id: withBob.id, unread: 0 });

    // Reading up to b4 leaves b5 and b6; bob is told, ann's other tab is not needed.
    const bobTab = await pool.open(bob);
    const reads = nextEvent(bobTab, 'chat:read');
    const b4 = first.items[1];
    await t
      .http()
      .post(`/api/chat/conversations/${withBob.id}/read`)
      .set(bearer(ann.accessToken))
      .send({ messageId: b4.id })
      .expect(204);
    expect(await reads).toEqual({ conversationId: withBob.id, userId: ann.id, messageId: b4.id });
    expect((await conversations(ann))[0]).toMatchObject({ id: withBob.id, unread: 2 });
    // Over the socket too; a read position never moves back.
    const annTab = await pool.open(ann);
    const newest = (await history(ann, withBob.id, '?limit=1')).items[0];
    expect(
      await request(annTab, 'chat:read', { conversationId: withBob.id, messageId: newest.id }),
    ).toEqual({ ok: true });
    await t
      .http()
      .post(`/api/chat/conversations/${withBob.id}/read`)
      .set(bearer(ann.accessToken))
      .send({ messageId: b4.id })
      .expect(204);
    expect((await conversations(ann))[0]).toMatchObject({ id: withBob.id, unread: 0 });
    // An unknown anchor or message is a 404.
    await t
      .http()
      .get(`/api/chat/conversations/${withBob.id}/messages?before=${withCid.id}`)
      .set(bearer(ann.accessToken))
      .expect(404);
  });

  it('refuses bodies that are blank, too long, or hold U+0000 or controls, storing nothing', async () => {
    const [ann, bob] = [await registerAccount(t), await registerAccount(t)];
    const { id } = await direct(ann, bob);
    const annTab = await pool.open(ann);
    for (const body of ['', '   \n ', 'a'.repeat(2001), 'a\u0000b', 'bell\u0007', 'x\u202ey', 42]) {
      await send(ann, id, body, 400);
      expect(await request(annTab, 'chat:send', { conversationId: id, body })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
    expect(
      await request(annTab, 'chat:send', { conversationId: id, body: 'ok', extra: 1 }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await send(ann, id, `\t${'a'.repeat(2000)}\n`);
    expect((await history(ann, id)).items.map((m) => m.body)).toEqual(['a'.repeat(2000)]);
  });

  it('keeps non-members out of history and sending (403), and unknown conversations are 404', async () => {
    const [ann, bob, eve] = [
      await registerAccount(t),
      await registerAccount(t),
      await registerAccount(t),
    ];
    const { id } = await direct(ann, bob);
    await t
      .http()
      .get(`/api/chat/conversations/${id}/messages`)
      .set(bearer(eve.accessToken))
      .expect(403);
    await send(eve, id, 'let me in', 403);
    const eveTab = await pool.open(eve);
    expect(await request(eveTab, 'chat:send', { conversationId: id, body: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await send(ann, '00000000-0000-4000-8000-000000000000', 'x', 404);
    await t
      .http()
      .get('/api/chat/conversations/not-a-uuid/messages')
      .set(bearer(ann.accessToken))
      .expect(400);
  });

  it('hides a blocked sender from the member who blocked them, and from nobody else', async () => {
    const [owner, ann, cid] = [
      await registerAccount(t),
      await registerAccount(t),
      await registerAccount(t),
    ];
    const { id } = await channel(owner, `blocks-${owner.id.slice(0, 8)}`);
    await join(ann, id);
    await join(cid, id);
    await t
      .http()
      .post('/api/blocks')
      .set(bearer(cid.accessToken))
      .send({ userId: ann.id })
      .expect(204);
    const [ownerTab, cidTab] = [await pool.open(owner), await pool.open(cid)];
    const ownerSees = collect<Message>(ownerTab, 'chat:message');
    const cidSees = collect<Message>(cidTab, 'chat:message');
    const annTab = await pool.open(ann);
    expect(
      await request(annTab, 'chat:send', { conversationId: id, body: 'from ann' }),
    ).toMatchObject({
      ok: true,
    });
    await send(owner, id, 'from the owner');
    await chatFence(ownerTab);
    await chatFence(cidTab);
    expect(ownerSees.map((m) => m.body)).toEqual(['from ann', 'from the owner']);
    expect(cidSees.map((m) => m.body)).toEqual(['from the owner']);
    expect((await history(owner, id)).items.map((m) => m.body)).toEqual([
      'from the owner',
      'from ann',
    ]);
    expect((await history(cid, id)).items.map((m) => m.body)).toEqual(['from the owner']);
    // Typing from ann does not reach cid either; the owner sees it.
    const ownerTyping = nextEvent(ownerTab, 'chat:typing');
    const cidTyping = collect(cidTab, 'chat:typing');
    annTab.emit('chat:typing', { conversationId: id });
    expect(await ownerTyping).toEqual({ conversationId: id, userId: ann.id });
    await chatFence(cidTab);
    expect(cidTyping).toEqual([]);
    // cid's unread count leaves ann's message out.
    const cidList = await conversations(cid);
    expect(cidList.find((c) => c.id === id)).toMatchObject({
      unread: 1,
      members: 3,
      lastMessage: { body: 'from the owner' },
    });
  });

  it('stops both sides of a block sending in their direct conversation (BLOCKED), and hides the history', async () => {
    const [ann, bob] = [await registerAccount(t), await registerAccount(t)];
    const { id } = await direct(ann, bob);
    await send(ann, id, 'before');
    await send(bob, id, 'reply');
    await t
      .http()
      .post('/api/blocks')
      .set(bearer(bob.accessToken))
      .send({ userId: ann.id })
      .expect(204);
    for (const who of [ann, bob]) {
      const res = await send(who, id, 'after', 403);
      expect(res.body.message).toBe('One of you has blocked the other');
      const tab = await pool.open(who);
      expect(await request(tab, 'chat:send', { conversationId: id, body: 'after' })).toMatchObject({
        ok: false,
        error: { code: 'BLOCKED' },
      });
    }
    expect((await history(ann, id)).items.map((m) => m.body)).toEqual(['before']);
    expect((await history(bob, id)).items.map((m) => m.body)).toEqual(['reply']);
    await direct(ann, bob, 403);
  });

  it('relays typing to the other members at most once per 2 s per user and conversation', async () => {
    const [ann, bob] = [await registerAccount(t), await registerAccount(t)];
    const { id } = await direct(ann, bob);
    const [annTab, bobTab] = [await pool.open(ann), await pool.open(bob)];
    const bobSees = collect(bobTab, 'chat:typing');
    const annSees = collect(annTab, 'chat:typing');
    annTab.emit('chat:typing', { conversationId: id });
    annTab.emit('chat:typing', { conversationId: id });
    await nextEvent(bobTab, 'chat:typing');
    await chatFence(annTab);
    await chatFence(bobTab);
    expect(bobSees).toEqual([{ conversationId: id, userId: ann.id }]);
    clock.advance(2000);
    annTab.emit('chat:typing', { conversationId: id });
    await nextEvent(bobTab, 'chat:typing', () => bobSees.length === 2);
    expect(bobSees).toHaveLength(2);
    expect(annSees).toEqual([]);
  });
});
