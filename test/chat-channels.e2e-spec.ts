/**
 * Channels through the real app: visibility (public, private by invitation, protected by an
 * argon2id password), the directory, the moderation hierarchy (nobody acts on the owner, admins
 * act on members only), bans and mutes that end on the injected clock, leaving and ownership.
 */
import { DataSource } from 'typeorm';
import { ManualClock } from '../src/common/clock/clock';
import { Account, bearer, registerAccount } from './support/accounts';
import { chatFence, chatPool, collect, nextEvent, request } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

interface Conversation {
  id: string;
  kind: string;
  name: string | null;
  visibility: string | null;
  role: string;
  members: number;
}

describe('chat channels (e2e)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 29, 9));
  let t: TestApp;
  const pool = chatPool(() => t);
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${process.pid % 1000}-${++counter}`;

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });

  afterEach(() => pool.closeAll());

  afterAll(async () => {
    await t.close();
  });

  const create = async (owner: Account, body: Record<string, unknown>, status = 201) =>
    (
      await t
        .http()
        .post('/api/chat/channels')
        .set(bearer(owner.accessToken))
        .send(body)
        .expect(status)
    ).body as Conversation & { message?: unknown };

  const join = (who: Account, id: string, body: Record<string, unknown> = {}, status = 200) =>
    t
      .http()
      .post(`/api/chat/channels/${id}/join`)
      .set(bearer(who.accessToken))
      .send(body)
      .expect(status);

  const act = (
    who: Account,
    id: string,
    target: Account,
    action: 'kick' | 'ban' | 'mute',
    body: Record<string, unknown> = {},
    status = 204,
  ) =>
    t
      .http()
      .post(`/api/chat/channels/${id}/members/${target.id}/${action}`)
      .set(bearer(who.accessToken))
      .send(body)
      .expect(status);

  const setRole = (who: Account, id: string, target: Account, role: string, status = 204) =>
    t
      .http()
      .put(`/api/chat/channels/${id}/members/${target.id}/role`)
      .set(bearer(who.accessToken))
      .send({ role })
      .expect(status);

  const send = (who: Account, id: string, body: string, status = 201) =>
    t
      .http()
      .post(`/api/chat/conversations/${id}/messages`)
      .set(bearer(who.accessToken))
      .send({ body })
      .expect(status);

  const signIn = async (who: Account) => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ login: who.username, password: who.password })
      .expect(200);
    who.accessToken = res.body.accessToken;
  };

  const roleOf = async (who: Account, id: string) => {
    const list = (
      await t.http().get('/api/chat/conversations').set(bearer(who.accessToken)).expect(200)
    ).body as Conversation[];
    return list.find((c) => c.id === id)?.role ?? null;
  };

  it('creates channels with unique names (case-insensitive) and lists public and protected ones', async () => {
    const owner = await registerAccount(t);
    const name = unique('Lobby');
    const lobby = await create(owner, { name, visibility: 'public' });
    expect(lobby).toMatchObject({
      kind: 'channel',
      name,
      visibility: 'public',
      role: 'owner',
      members: 1,
    });
    await create(owner, { name: name.toUpperCase(), visibility: 'public' }, 409);
    await create(owner, { name: unique('p'), visibility: 'protected' }, 400);
    await create(owner, { name: unique('p'), visibility: 'public', password: 'password1' }, 400);
    await create(owner, { name: 'bad\u202ename', visibility: 'public' }, 400);
    await create(owner, { name: 'x'.repeat(33), visibility: 'public' }, 400);
    const secret = await create(owner, {
      name: unique('Vault'),
      visibility: 'protected',
      password: 'open sesame',
    });
    const hidden = await create(owner, { name: unique('Den'), visibility: 'private' });

    const stored = await t.app
      .get(DataSource)
      .query<{ passwordHash: string }[]>(
        `SELECT "passwordHash" FROM "chat_conversations" WHERE "id" = '${secret.id}'`,
      );
    expect(stored[0].passwordHash).toMatch(/^\$argon2id\$/);

    const page = await t
      .http()
      .get(
        `/api/chat/channels?search=${encodeURIComponent(name.slice(0, 8).toLowerCase())}&limit=100`,
      )
      .set(bearer(owner.accessToken))
      .expect(200);
    const ids = (page.body.items as { id: string }[]).map((item) => item.id);
    expect(ids).toContain(lobby.id);
    const all = await t
      .http()
      .get('/api/chat/channels?limit=100')
      .set(bearer(owner.accessToken))
      .expect(200);
    const listed = all.body.items as { id: string; visibility: string; members: number }[];
    expect(listed.map((item) => item.id)).toEqual(expect.arrayContaining([lobby.id, secret.id]));
    expect(listed.map((item) => item.id)).not.toContain(hidden.id);
    expect(all.body.total).toBe(listed.length);
    expect(JSON.stringify(all.body)).not.toContain('argon2');
  });

  it('lets in a protected channel with its password only, and a private one by invitation only', async () => {
    const [owner, admin, guest, stranger] = await Promise.all(
      [0, 1, 2, 3].map(() => registerAccount(t)),
    );
    const vault = await create(owner, {
      name: unique('vault'),
      visibility: 'protected',
      password: 'open sesame',
    });
    await join(guest, vault.id, {}, 403);
    await join(guest, vault.id, { password: 'wrong password' }, 403);
    const joined = await join(guest, vault.id, { password: 'open sesame' });
    expect(joined.body).toMatchObject({ id: vault.id, role: 'member', members: 2 });
    await join(guest, vault.id, { password: 'open sesame' }, 409);

    const den = await create(owner, { name: unique('den'), visibility: 'private' });
    await join(admin, den.id, {}, 403);
    // Only the owner or an admin invites; the invitee hears of it live and in the inbox.
    const guestTab = await pool.open(guest);
    const invited = nextEvent<{ kind: string; data: { conversationId: string } }>(
      guestTab,
      'notification',
    );
    await t
      .http()
      .post(`/api/chat/channels/${den.id}/invite`)
      .set(bearer(owner.accessToken))
      .send({ userId: guest.id })
      .expect(204);
    expect(await invited).toMatchObject({ kind: 'chat_invite', data: { conversationId: den.id } });
    await join(guest, den.id);
    await t
      .http()
      .post(`/api/chat/channels/${den.id}/invite`)
      .set(bearer(guest.accessToken))
      .send({ userId: stranger.id })
      .expect(403);
    await t
      .http()
      .post(`/api/chat/channels/${den.id}/invite`)
      .set(bearer(owner.accessToken))
      .send({ userId: guest.id })
      .expect(409);
    await join(stranger, den.id, {}, 403);

    // The owner changes the password: the old one stops working.
    await t
      .http()
      .patch(`/api/chat/channels/${vault.id}`)
      .set(bearer(owner.accessToken))
      .send({ password: 'new password' })
      .expect(200);
    await join(stranger, vault.id, { password: 'open sesame' }, 403);
    await join(stranger, vault.id, { password: 'new password' });
    await t
      .http()
      .patch(`/api/chat/channels/${vault.id}`)
      .set(bearer(guest.accessToken))
      .send({ visibility: 'public' })
      .expect(403);
    const opened = await t
      .http()
      .patch(`/api/chat/channels/${vault.id}`)
      .set(bearer(owner.accessToken))
      .send({ visibility: 'public' })
      .expect(200);
    expect(opened.body).toMatchObject({ visibility: 'public' });
    await join(admin, vault.id);
  });

  it('holds the hierarchy: nobody acts on the owner, admins act on members only, members on nobody', async () => {
    const [owner, alice, bob, carol] = await Promise.all(
      [0, 1, 2, 3].map(() => registerAccount(t)),
    );
    const { id } = await create(owner, { name: unique('ring'), visibility: 'public' });
    for (const who of [alice, bob, carol]) await join(who, id);
    await setRole(owner, id, alice, 'admin');
    await setRole(owner, id, bob, 'admin');
    expect(await roleOf(alice, id)).toBe('admin');

    await act(alice, id, bob, 'kick', {}, 403);
    await act(alice, id, bob, 'mute', { minutes: 5 }, 403);
    await act(alice, id, bob, 'ban', {}, 403);
    await act(alice, id, owner, 'kick', {}, 403);
    await act(alice, id, owner, 'ban', {}, 403);
    await act(carol, id, alice, 'kick', {}, 403);
    await setRole(alice, id, carol, 'admin', 403);
    await setRole(owner, id, owner, 'member', 403);
    await act(owner, id, owner, 'kick', {}, 403);

    const carolTab = await pool.open(carol);
    const ownerTab = await pool.open(owner);
    const kicked = nextEvent(carolTab, 'chat:member');
    const seen = nextEvent(ownerTab, 'chat:member');
    await act(alice, id, carol, 'kick');
    const event = { conversationId: id, userId: carol.id, action: 'kicked' };
    expect(await kicked).toEqual(event);
    expect(await seen).toEqual(event);
    await send(carol, id, 'still here?', 403);
    // A kick is not a ban: carol may come back.
    await join(carol, id);
    // The owner acts on admins.
    await setRole(owner, id, bob, 'member');
    await act(owner, id, alice, 'kick');
    expect(await roleOf(alice, id)).toBeNull();
    await act(bob, id, carol, 'kick', {}, 403);
  });

  it('bans until the given time (or until lifted), and mutes until the given time, on the injected clock', async () => {
    const [owner, admin, troll, chatter] = await Promise.all(
      [0, 1, 2, 3].map(() => registerAccount(t)),
    );
    const { id } = await create(owner, { name: unique('court'), visibility: 'public' });
    for (const who of [admin, troll, chatter]) await join(who, id);
    await setRole(owner, id, admin, 'admin');

    await act(admin, id, troll, 'ban', { minutes: 10 });
    await join(troll, id, {}, 403);
    await send(troll, id, 'let me back', 403);
    clock.advance(9 * 60_000);
    await join(troll, id, {}, 403);
    clock.advance(60_000);
    await join(troll, id);

    await act(admin, id, troll, 'ban');
    clock.advance(30 * 24 * 60 * 60_000);
    // Access tokens live 15 minutes on the same clock: sign in again after the month.
    for (const who of [owner, admin, troll, chatter]) await signIn(who);
    await join(troll, id, {}, 403);
    await t
      .http()
      .delete(`/api/chat/channels/${id}/bans/${troll.id}`)
      .set(bearer(troll.accessToken))
      .expect(403);
    await t
      .http()
      .delete(`/api/chat/channels/${id}/bans/${troll.id}`)
      .set(bearer(admin.accessToken))
      .expect(204);
    await join(troll, id);

    await act(admin, id, chatter, 'mute', { minutes: 0 }, 400);
    await act(admin, id, chatter, 'mute', { minutes: 10081 }, 400);
    await act(admin, id, chatter, 'mute', {}, 400);
    const ownerTab = await pool.open(owner);
    const muted = nextEvent(ownerTab, 'chat:member');
    await act(admin, id, chatter, 'mute', { minutes: 5 });
    expect(await muted).toEqual({ conversationId: id, userId: chatter.id, action: 'muted' });
    const res = await send(chatter, id, 'hello?', 403);
    expect(res.body.message).toBe('You are muted in this channel');
    const chatterTab = await pool.open(chatter);
    expect(
      await request(chatterTab, 'chat:send', { conversationId: id, body: 'hello?' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const history = await t
      .http()
      .get(`/api/chat/conversations/${id}/messages`)
      .set(bearer(owner.accessToken))
      .expect(200);
    expect(history.body.items).toEqual([]);
    clock.advance(5 * 60_000);
    await send(chatter, id, 'back');
  });

  it('hands ownership to the oldest admin (else the oldest member) on leaving, and deletes an empty channel', async () => {
    const [owner, first, second, admin] = await Promise.all(
      [0, 1, 2, 3].map(() => registerAccount(t)),
    );
    const { id } = await create(owner, { name: unique('house'), visibility: 'public' });
    for (const who of [first, second, admin]) {
      clock.advance(1000);
      await join(who, id);
    }
    await setRole(owner, id, admin, 'admin');
    const firstTab = await pool.open(first);
    const left = collect(firstTab, 'chat:member');
    await t
      .http()
      .post(`/api/chat/channels/${id}/leave`)
      .set(bearer(owner.accessToken))
      .expect(204);
    expect(await roleOf(admin, id)).toBe('owner');
    await t
      .http()
      .post(`/api/chat/channels/${id}/leave`)
      .set(bearer(admin.accessToken))
      .expect(204);
    expect(await roleOf(first, id)).toBe('owner');
    await chatFence(firstTab);
    expect(left).toEqual([
      { conversationId: id, userId: owner.id, action: 'left' },
      { conversationId: id, userId: admin.id, action: 'left' },
    ]);
    await t
      .http()
      .post(`/api/chat/channels/${id}/leave`)
      .set(bearer(owner.accessToken))
      .expect(403);
    await t
      .http()
      .post(`/api/chat/channels/${id}/leave`)
      .set(bearer(first.accessToken))
      .expect(204);
    await t
      .http()
      .post(`/api/chat/channels/${id}/leave`)
      .set(bearer(second.accessToken))
      .expect(204);
    await join(owner, id, {}, 404);
  });
});
