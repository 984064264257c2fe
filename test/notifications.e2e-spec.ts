/**
 * The inbox through the real app: friend requests, accepted friendships, challenges (from
 * `/game` and from `chat:invite`, which makes a real private challenge and an `invite` message),
 * a tournament's ready match (with its `system` message) and its end each leave a notification,
 * pushed live on `/chat` and listed newest first.
 */
import { ManualClock } from '../src/common/clock/clock';
import { Account, bearer, registerAccount } from './support/accounts';
import { openDirect } from './support/chat';
import { gameDriver } from './support/game-clock';
import { chatFence, chatPool, collect, nextEvent, request, socketPool } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

interface Notification {
  id: string;
  kind: string;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

describe('notifications (e2e)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 29, 9));
  let t: TestApp;
  const chats = chatPool(() => t);
  const games = socketPool(() => t);
  const game = gameDriver(() => t, clock);

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { GAME_WINNING_SCORE: '1', GAME_COUNTDOWN_MS: '1000' },
    });
  });

  afterEach(() => {
    chats.closeAll();
    games.closeAll();
  });

  afterAll(async () => {
    await t.close();
  });

  const inbox = async (who: Account, query = '') =>
    (await t.http().get(`/api/notifications${query}`).set(bearer(who.accessToken)).expect(200))
      .body as { items: Notification[]; total: number };

  it('notifies a friend request and its acceptance, live and in the inbox', async () => {
    const [ann, bob] = [await registerAccount(t), await registerAccount(t)];
    const [annTab, bobTab] = [await chats.open(ann), await chats.open(bob)];
    const asked = nextEvent<Notification>(bobTab, 'notification');
    const sent = await t
      .http()
      .post('/api/friends/requests')
      .set(bearer(ann.accessToken))
      .send({ userId: bob.id })
      .expect(201);
    expect(await asked).toMatchObject({
      kind: 'friend_request',
      data: { requestId: sent.body.id, from: { id: ann.id } },
      readAt: null,
    });
    const accepted = nextEvent<Notification>(annTab, 'notification');
    await t
      .http()
      .post(`/api/friends/requests/${sent.body.id}/accept`)
      .set(bearer(bob.accessToken))
      .expect(200);
    expect(await accepted).toMatchObject({
      kind: 'friend_accepted',
      data: { user: { id: bob.id } },
    });
    expect((await inbox(bob)).items.map((n) => n.kind)).toEqual(['friend_request']);
    expect((await inbox(ann)).items.map((n) => n.kind)).toEqual(['friend_accepted']);

    // A request answered by one the other way makes friends at once: the first asker is told.
    const [cid, dee] = [await registerAccount(t), await registerAccount(t)];
    const cidTab = await chats.open(cid);
    const befriended = nextEvent<Notification>(cidTab, 'notification');
    await t
      .http()
      .post('/api/friends/requests')
      .set(bearer(cid.accessToken))
      .send({ userId: dee.id })
      .expect(201);
    await t
      .http()
      .post('/api/friends/requests')
      .set(bearer(dee.accessToken))
      .send({ userId: cid.id })
      .expect(200);
    // Stored before it is pushed: once it has arrived, the inbox holds it.
    await befriended;
    expect((await inbox(cid)).items).toEqual([
      expect.objectContaining({
        kind: 'friend_accepted',
        data: expect.objectContaining({ user: expect.objectContaining({ id: dee.id }) }),
      }),
    ]);
  });

  it('marks one read, then all, and filters the unread; nobody reads another’s', async () => {
    const [ann, bob, cid] = [
      await registerAccount(t),
      await registerAccount(t),
      await registerAccount(t),
    ];
    const annTab = await chats.open(ann);
    for (const from of [bob, cid]) {
      clock.advance(1000);
      // Stored before it is pushed: once it has arrived, the inbox holds it.
      const told = nextEvent(annTab, 'notification');
      await t
        .http()
        .post('/api/friends/requests')
        .set(bearer(from.accessToken))
        .send({ userId: ann.id })
        .expect(201);
      await told;
    }
    const all = await inbox(ann);
    expect(all.total).toBe(2);
    expect(all.items.map((n) => (n.data.from as { id: string }).id)).toEqual([cid.id, bob.id]);
    const [newest, oldest] = all.items;
    await t
      .http()
      .post(`/api/notifications/${newest.id}/read`)
      .set(bearer(bob.accessToken))
      .expect(404);
    await t
      .http()
      .post(`/api/notifications/${newest.id}/read`)
      .set(bearer(ann.accessToken))
      .expect(204);
    const unread = await inbox(ann, '?unread=true');
    expect(unread).toMatchObject({ total: 1, items: [{ id: oldest.id, readAt: null }] });
    expect((await inbox(ann, '?limit=1&page=1')).items[0]).toMatchObject({
      id: newest.id,
      readAt: new Date(clock.now()).toISOString(),
    });
    await t.http().post('/api/notifications/read-all').set(bearer(ann.accessToken)).expect(204);
    expect(await inbox(ann, '?unread=true')).toMatchObject({ total: 0, items: [] });
    await t.http().get('/api/notifications?unread=maybe').set(bearer(ann.accessToken)).expect(400);
  });

  it('notifies a challenge sent from /game', async () => {
    const [ann, bob] = [await registerAccount(t), await registerAccount(t)];
    const annGame = await games.open(ann);
    await games.open(bob);
    const bobTab = await chats.open(bob);
    const told = nextEvent<Notification>(bobTab, 'notification');
    const ack = await request<{ ok: boolean; challengeId: string }>(annGame, 'challenge:send', {
      userId: bob.id,
    });
    expect(ack).toMatchObject({ ok: true });
    expect(await told).toMatchObject({
      kind: 'challenge',
      data: { challengeId: ack.challengeId, from: { id: ann.id }, expiresAt: clock.now() + 30_000 },
    });
  });

  it('turns chat:invite into a real private challenge, an invite message and a notification', async () => {
    const [ann, bob] = [await registerAccount(t), await registerAccount(t)];
    const { id: conversationId } = await openDirect(t, ann, bob);
    const [annTab, bobTab] = [await chats.open(ann), await chats.open(bob)];
    const bobGame = await games.open(bob);
    const bobMessages = collect<{ kind: string; challengeId: string | null }>(
      bobTab,
      'chat:message',
    );
    const notified = nextEvent<Notification>(bobTab, 'notification');
    const received = nextEvent<{ challengeId: string }>(bobGame, 'challenge:received');

    const ack = await request<{ ok: boolean; challengeId: string }>(annTab, 'chat:invite', {
      conversationId,
    });
    expect(ack).toEqual({ ok: true, challengeId: expect.any(String) });
    expect(await received).toMatchObject({ challengeId: ack.challengeId, from: { id: ann.id } });
    expect(await notified).toMatchObject({
      kind: 'challenge',
      data: { challengeId: ack.challengeId },
    });
    await chatFence(bobTab);
    expect(bobMessages).toEqual([
      expect.objectContaining({ kind: 'invite', challengeId: ack.challengeId }),
    ]);
    // It is the /game challenge: bob accepts it there and a private match starts.
    const accepted = await request<{ ok: boolean; matchId: string }>(bobGame, 'challenge:accept', {
      challengeId: ack.challengeId,
    });
    expect(accepted).toMatchObject({ ok: true, matchId: expect.any(String) });

    // Not in a channel, nor across a block.
    const channel = await t
      .http()
      .post('/api/chat/channels')
      .set(bearer(ann.accessToken))
      .send({ name: `arena-${ann.id.slice(0, 8)}`, visibility: 'public' })
      .expect(201);
    expect(await request(annTab, 'chat:invite', { conversationId: channel.body.id })).toMatchObject(
      {
        ok: false,
        error: { code: 'VALIDATION' },
      },
    );
    await t
      .http()
      .post('/api/blocks')
      .set(bearer(bob.accessToken))
      .send({ userId: ann.id })
      .expect(204);
    expect(await request(annTab, 'chat:invite', { conversationId })).toMatchObject({
      ok: false,
      error: { code: 'BLOCKED' },
    });
  });

  it('posts a system message and a notification when a tournament match is ready, and tells everyone it finished', async () => {
    const host = await registerAccount(t);
    const hostTab = await chats.open(host);
    const hostGame = await games.open(host);
    const system = nextEvent<{
      kind: string;
      sender: unknown;
      conversationId: string;
      body: string;
    }>(hostTab, 'chat:message');
    const ready = nextEvent<Notification>(
      hostTab,
      'notification',
      (n) => n.kind === 'tournament_match',
    );
    const created = await t
      .http()
      .post('/api/tournaments')
      .set(bearer(host.accessToken))
      .send({ name: 'Sofa cup', kind: 'local', aliases: ['Ada', 'Grace'] })
      .expect(201);
    const matchId = created.body.rounds[0][0].matchId as string;
    expect(await ready).toMatchObject({
      kind: 'tournament_match',
      data: { tournamentId: created.body.id, matchId, round: 1 },
    });
    const message = await system;
    expect(message).toMatchObject({ kind: 'system', sender: null });
    expect(message.body).toContain('round 1');
    const list = (
      await t.http().get('/api/chat/conversations').set(bearer(host.accessToken)).expect(200)
    ).body as { id: string; kind: string; peer: unknown; unread: number; members: number }[];
    expect(list).toEqual([
      expect.objectContaining({
        id: message.conversationId,
        kind: 'direct',
        peer: null,
        unread: 1,
        members: 1,
      }),
    ]);
    // The system does not read replies.
    await t
      .http()
      .post(`/api/chat/conversations/${message.conversationId}/messages`)
      .set(bearer(host.accessToken))
      .send({ body: 'thanks' })
      .expect(403);

    const finished = nextEvent<Notification>(
      hostTab,
      'notification',
      (n) => n.kind === 'tournament_finished',
      10_000,
    );
    const ended = nextEvent(hostGame, 'match:end', () => true, 10_000);
    expect(await request(hostGame, 'match:join', { matchId })).toMatchObject({ ok: true });
    let done = false;
    void ended.then(() => (done = true));
    await game.playUntil(() => done);
    expect(await finished).toMatchObject({
      kind: 'tournament_finished',
      data: { tournamentId: created.body.id, name: 'Sofa cup', winner: expect.any(String) },
    });
  });
});
