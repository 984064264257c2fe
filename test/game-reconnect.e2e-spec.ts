/** Spectators, and players who lose their connection: pause, rejoin and resume, or time out. */
import { randomUUID } from 'node:crypto';
import { ManualClock } from '../src/common/clock/clock';
import { Account, bearer, registerAccount } from './support/accounts';
import { gameDriver } from './support/game-clock';
import { socketPool, collect, fence, nextEvent, request } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

interface Found {
  matchId: string;
  side: 'left' | 'right';
}
interface State {
  matchId: string;
  tick: number;
  paddles: { left: { y: number }; right: { y: number } };
  lastSeq: { left: number; right: number };
}

describe('spectators and reconnection (e2e)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 12));
  let t: TestApp;
  const game = gameDriver(() => t, clock);
  const pool = socketPool(() => t);
  const open = (account: Account) => pool.open(account);

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { GAME_COUNTDOWN_MS: '1000', GAME_RECONNECT_GRACE_MS: '5000', GAME_WINNING_SCORE: '11' },
    });
  });

  afterAll(async () => {
    pool.closeAll();
    await t.close();
  });

  /** Two fresh players paired in the casual queue, past the countdown. */
  async function pairedMatch() {
    const a = await registerAccount(t);
    const b = await registerAccount(t);
    const aSocket = await open(a);
    const bSocket = await open(b);
    const aFound = nextEvent<Found>(aSocket, 'match:found');
    const bFound = nextEvent<Found>(bSocket, 'match:found');
    await request(aSocket, 'queue:join', { mode: 'casual' });
    await request(bSocket, 'queue:join', { mode: 'casual' });
    const found = await aFound;
    await bFound;
    game.play(61);
    return { a, b, aSocket, bSocket, matchId: found.matchId, aSide: found.side };
  }

  it('lets anyone watch a live match and stop watching', async () => {
    const { a, matchId } = await pairedMatch();
    const viewer = await registerAccount(t);
    const viewerSocket = await open(viewer);
    const ack = await request<{ ok: boolean; match: Record<string, unknown> }>(
      viewerSocket,
      'match:spectate',
      { matchId },
    );
    expect(ack).toEqual({
      ok: true,
      match: {
        matchId,
        mode: 'casual',
        status: 'playing',
        players: [
          {
            side: 'left',
            user: expect.objectContaining({ id: expect.any(String) }),
            alias: expect.any(String),
            connected: true,
          },
          {
            side: 'right',
            user: expect.objectContaining({ id: expect.any(String) }),
            alias: expect.any(String),
            connected: true,
          },
        ],
        config: expect.objectContaining({ width: 800, tickRate: 60 }),
        state: expect.objectContaining({
          matchId,
          tick: expect.any(Number),
          score: { left: 0, right: 0 },
        }),
      },
    });
    expect(JSON.stringify(ack)).not.toContain('@example.com');
    const seen = collect<State>(viewerSocket, 'match:state');
    game.play(3);
    await fence(viewerSocket);
    expect(seen).toHaveLength(3);
    // A spectator's inputs are ignored, with a side or without: no paddle moves, no seq counts.
    const watched = seen[2];
    expect(watched.lastSeq).toEqual({ left: 0, right: 0 });
    viewerSocket.emit('game:input', { matchId, direction: 'up', seq: 5 });
    viewerSocket.emit('game:input', { matchId, direction: 'down', seq: 6, side: 'left' });
    viewerSocket.emit('game:input', { matchId, direction: 'down', seq: 7, side: 'right' });
    await fence(viewerSocket); // the server has read all three before the loop steps
    game.play(3);
    await fence(viewerSocket);
    expect(seen).toHaveLength(6);
    for (const state of seen.slice(3)) {
      expect(state.lastSeq).toEqual({ left: 0, right: 0 });
      expect(state.paddles).toEqual(watched.paddles);
    }
    expect(await request(viewerSocket, 'match:leave', { matchId })).toEqual({ ok: true });
    game.play(3);
    await fence(viewerSocket);
    expect(seen).toHaveLength(6);
    expect(await request(viewerSocket, 'match:join', { matchId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await request(viewerSocket, 'match:spectate', { matchId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const live = await t
      .http()
      .get(`/api/matches/${matchId}`)
      .set(bearer(a.accessToken))
      .expect(200);
    expect(live.body.status).toBe('in_progress');
  });

  it('pauses when a player’s every socket drops, and resumes after a countdown when it rejoins', async () => {
    const { b, aSocket, bSocket, matchId, aSide } = await pairedMatch();
    const bSide = aSide === 'left' ? 'right' : 'left';
    const paused = nextEvent<{
      matchId: string;
      side: string;
      reason: string;
      resumeDeadline: number;
    }>(aSocket, 'match:paused');
    const disconnectedAt = clock.now();
    bSocket.disconnect();
    expect(await paused).toEqual({
      matchId,
      side: bSide,
      reason: 'disconnect',
      resumeDeadline: disconnectedAt + 5000,
    });

    const states = collect<{ tick: number }>(aSocket, 'match:state');
    game.play(60);
    await fence(aSocket);
    expect(states).toEqual([]); // no steps while paused

    const back = await open(b);
    const resumed = nextEvent<{ matchId: string; startsAt: number }>(aSocket, 'match:resumed');
    const ack = await request<{
      ok: boolean;
      match: { status: string; players: { connected: boolean }[] };
    }>(back, 'match:join', { matchId });
    expect(ack.ok).toBe(true);
    expect(ack.match.status).toBe('countdown');
    expect(ack.match.players.map((p) => p.connected)).toEqual([true, true]);
    expect(await resumed).toEqual({ matchId, startsAt: clock.now() + 1000 });
    game.play(30);
    await fence(aSocket);
    expect(states).toEqual([]); // still counting down
    const again = nextEvent<{ matchId: string }>(back, 'match:state');
    game.play(31);
    expect(await again).toMatchObject({ matchId });
  });

  it('gives the match to the other player by timeout when the grace runs out', async () => {
    const { a, b, aSocket, bSocket, matchId, aSide } = await pairedMatch();
    const end = nextEvent<{ winnerSide: string; reason: string }>(
      aSocket,
      'match:end',
      () => true,
      10_000,
    );
    const paused = nextEvent(aSocket, 'match:paused');
    bSocket.disconnect();
    await paused; // the grace runs from the disconnect, so the clock moves only once it is seen
    game.play(60 * 5 + 1);
    expect(await end).toMatchObject({ winnerSide: aSide, reason: 'timeout' });
    const record = await t
      .http()
      .get(`/api/matches/${matchId}`)
      .set(bearer(a.accessToken))
      .expect(200);
    expect(record.body).toMatchObject({
      status: 'finished',
      endReason: 'timeout',
      winnerSide: aSide,
    });
    const back = await open(b);
    expect(await request(back, 'match:join', { matchId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
