/** Matchmaking and rated play between two users, cheating attempts included. */
import { ManualClock } from '../src/common/clock/clock';
import { Account, bearer, registerAccount } from './support/accounts';
import { gameDriver } from './support/game-clock';
import { socketPool, collect, connectedGame, fence, nextEvent, request } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

interface Found {
  matchId: string;
  mode: string;
  side: 'left' | 'right';
  opponent: { id: string; username: string };
}
interface State {
  matchId: string;
  tick: number;
  paddles: { left: { y: number }; right: { y: number } };
  lastSeq: { left: number; right: number };
}

describe('matchmaking and rated matches (e2e)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 12));
  let t: TestApp;
  const game = gameDriver(() => t, clock);
  const pool = socketPool(() => t);
  const open = (account: Account) => pool.open(account);

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { GAME_WINNING_SCORE: '1', GAME_COUNTDOWN_MS: '500' } });
  });

  afterAll(async () => {
    pool.closeAll();
    await t.close();
  });

  it('pairs two ranked players, plays to the end, and moves their ratings by ±16', async () => {
    const ann = await registerAccount(t, { username: 'q_ann' });
    const ben = await registerAccount(t, { username: 'q_ben' });
    const annSocket = await open(ann);
    const benSocket = await open(ben);
    const annTab2 = await open(ann);

    const annFound = nextEvent<Found>(annSocket, 'match:found');
    const annTab2Found = nextEvent<Found>(annTab2, 'match:found');
    const benFound = nextEvent<Found>(benSocket, 'match:found');
    expect(await request(annSocket, 'queue:join', { mode: 'ranked' })).toEqual({ ok: true });
    expect(await request(annTab2, 'queue:join', { mode: 'ranked' })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_IN_QUEUE' },
    });
    expect(await request(benSocket, 'queue:join', { mode: 'ranked' })).toEqual({ ok: true });

    const a = await annFound;
    const b = await benFound;
    expect(await annTab2Found).toEqual(a);
    expect(a).toMatchObject({ mode: 'ranked', opponent: { id: ben.id, username: 'q_ben' } });
    expect(b).toMatchObject({ matchId: a.matchId, mode: 'ranked', opponent: { id: ann.id } });
    expect(new Set([a.side, b.side])).toEqual(new Set(['left', 'right']));
    expect(b.opponent).not.toHaveProperty('email');
    expect(await request(benSocket, 'queue:join', { mode: 'casual' })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_IN_MATCH' },
    });
    expect(await request(annSocket, 'match:local', {})).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_IN_MATCH' },
    });

    const live = await t
      .http()
      .get('/api/matches?status=in_progress')
      .set(bearer(ann.accessToken))
      .expect(200);
    expect(live.body.items.map((m: { id: string }) => m.id)).toContain(a.matchId);

    game.play(30); // countdown over
    const annSide = a.side;
    const benSide = b.side;

    // Cheating: ann steers ben's paddle, and floods her own.
    const before = nextEvent<State>(annSocket, 'match:state');
    game.play(1);
    const start = await before;
    annSocket.emit('game:input', { matchId: a.matchId, direction: 'up', seq: 1, side: benSide });
    for (let seq = 2; seq < 300; seq++)
      annSocket.emit('game:input', { matchId: a.matchId, direction: 'up', seq, side: annSide });
    await fence(annSocket); // every input has been read before the loop steps
    const after = nextEvent<State>(annSocket, 'match:state');
    game.play(1);
    const moved = await after;
    expect(moved.paddles[benSide].y).toBe(start.paddles[benSide].y);
    expect(moved.lastSeq[benSide]).toBe(0);
    expect(start.paddles[annSide].y - moved.paddles[annSide].y).toBeLessThanOrEqual(10 + 1e-9);
    expect(moved.lastSeq[annSide]).toBeGreaterThan(0);

    const ends = collect<{
      winnerSide: 'left' | 'right';
      reason: string;
      ratingChange: { left: number; right: number };
    }>(benSocket, 'match:end');
    await game.playUntil(() => ends.length > 0);
    expect(ends).toHaveLength(1);
    const end = ends[0];
    expect(end.reason).toBe('score');
    const loserSide = end.winnerSide === 'left' ? 'right' : 'left';
    expect(end.ratingChange).toEqual({ [end.winnerSide]: 16, [loserSide]: -16 });

    // The result is stored before match:end goes out.
    const winner = end.winnerSide === annSide ? ann : ben;
    const stats = await t
      .http()
      .get(`/api/users/${winner.id}/stats`)
      .set(bearer(ann.accessToken))
      .expect(200);
    expect(stats.body).toMatchObject({ played: 1, wins: 1, rating: 1016 });
    const record = await t
      .http()
      .get(`/api/matches/${a.matchId}`)
      .set(bearer(ann.accessToken))
      .expect(200);
    expect(record.body).toMatchObject({
      mode: 'ranked',
      status: 'finished',
      winnerSide: end.winnerSide,
      endReason: 'score',
    });
    const board = await t.http().get('/api/leaderboard').set(bearer(ann.accessToken)).expect(200);
    expect(board.body.items[0]).toMatchObject({ rank: 1, rating: 1016, user: { id: winner.id } });
  });

  it('lets a player leave the queue, and drops a player whose sockets all closed', async () => {
    const cal = await registerAccount(t, { username: 'q_cal' });
    const dee = await registerAccount(t, { username: 'q_dee' });
    const eve = await registerAccount(t, { username: 'q_eve' });
    // dee is cal's friend, so dee hears when cal goes offline.
    const invite = await t
      .http()
      .post('/api/friends/requests')
      .set(bearer(cal.accessToken))
      .send({ userId: dee.id })
      .expect(201);
    await t
      .http()
      .post(`/api/friends/requests/${invite.body.id}/accept`)
      .set(bearer(dee.accessToken))
      .expect(200);
    const deeSocket = await open(dee);
    const calSocket = await open(cal);
    expect(await request(calSocket, 'queue:join', { mode: 'casual' })).toEqual({ ok: true });
    expect(await request(calSocket, 'queue:leave')).toEqual({ ok: true });
    expect(await request(calSocket, 'queue:join', { mode: 'casual' })).toEqual({ ok: true });
    const calOffline = nextEvent<{ userId: string; status: string }>(
      deeSocket,
      'presence:update',
      (update) => update.userId === cal.id && update.status === 'offline',
    );
    calSocket.disconnect();
    // The server takes cal out of the queue in the same turn as it tells cal's friends that cal
    // went offline (the last socket's disconnect), so by the time dee hears it cal is out.
    await calOffline;

    const eveSocket = await open(eve);
    const deeFound = nextEvent<Found>(deeSocket, 'match:found');
    expect(await request(deeSocket, 'queue:join', { mode: 'casual' })).toEqual({ ok: true });
    expect(await request(eveSocket, 'queue:join', { mode: 'casual' })).toEqual({ ok: true });
    expect(await deeFound).toMatchObject({ mode: 'casual', opponent: { id: eve.id } });
  });

  it('validates queue payloads', async () => {
    const fay = await registerAccount(t);
    const socket = await open(fay);
    expect(await request(socket, 'queue:join', { mode: 'blitz' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await request(socket, 'queue:join')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});

describe('socket rate limits (e2e)', () => {
  it('answers RATE_LIMITED beyond 20 events a second on one socket', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT: 'on' } });
    const account = await registerAccount(t);
    const socket = await connectedGame(t, account.accessToken);
    try {
      const acks = await Promise.all(
        Array.from({ length: 25 }, () =>
          request<{ ok: boolean; error?: { code: string } }>(socket, 'queue:leave'),
        ),
      );
      expect(acks.filter((ack) => ack.ok)).toHaveLength(20);
      expect(acks.filter((ack) => ack.error?.code === 'RATE_LIMITED')).toHaveLength(5);
    } finally {
      socket.disconnect();
      await t.close();
    }
  });
});
