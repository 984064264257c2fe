/**
 * Local matches over Socket.IO: one client steers both paddles. The app runs on a manual clock
 * and the test steps the game loop, so nothing waits for game time.
 */
import { randomUUID } from 'node:crypto';
import { ManualClock } from '../src/common/clock/clock';
import { GameService } from '../src/modules/game/game.service';
import { Account, bearer, registerAccount } from './support/accounts';
import { ClientSocket, collect, connectedGame, fence, nextEvent, request } from './support/sockets';
import { gameDriver } from './support/game-clock';
import { startTestApp, TestApp } from './support/test-app';

interface State {
  matchId: string;
  tick: number;
  paddles: { left: { y: number }; right: { y: number } };
  lastSeq: { left: number; right: number };
  score: { left: number; right: number };
}

describe('local matches (e2e)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 12));
  let t: TestApp;
  let owner: Account;
  let socket: ClientSocket;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { GAME_WINNING_SCORE: '2', GAME_COUNTDOWN_MS: '1000' } });
    owner = await registerAccount(t, { username: 'owner' });
    socket = await connectedGame(t, owner.accessToken);
    sockets.push(socket);
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  // Every test starts with the owner in no match: one a test left live is forfeited here.
  afterEach(async () => {
    const live = await t.app.get(GameService).liveMatchOf(owner.id);
    if (live === null) return;
    const ended = nextEvent<{ matchId: string }>(socket, 'match:end', (e) => e.matchId === live);
    await request(socket, 'match:leave', { matchId: live });
    await ended;
  });

  const game = gameDriver(() => t, clock);
  const play = (steps: number) => game.play(steps);

  it('refuses malformed payloads with VALIDATION', async () => {
    const ack = await request(socket, 'match:local', { aliases: ['only one'] });
    expect(ack).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.any(String) } });
    expect(
      await request(socket, 'match:local', { aliases: ['a', 'b'], cheat: true }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await request(socket, 'match:leave', 'nope')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    // Ids are UUIDs: anything else is malformed, a UUID nobody knows is unknown.
    expect(await request(socket, 'match:leave', { matchId: 'unknown' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await request(socket, 'match:leave', { matchId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('plays a whole local match: found, countdown, states every tick, both paddles, points, end, record', async () => {
    const found = nextEvent(socket, 'match:found');
    const countdown = nextEvent(socket, 'match:countdown');
    const ack = await request<{ ok: boolean; matchId: string }>(socket, 'match:local', {
      aliases: ['Lefty', 'Righty'],
    });
    expect(ack).toEqual({ ok: true, matchId: expect.any(String) });
    const { matchId } = ack;
    expect(await found).toEqual({
      matchId,
      mode: 'local',
      side: 'both',
      opponent: { alias: 'Righty' },
      config: {
        width: 800,
        height: 600,
        paddleWidth: 10,
        paddleHeight: 100,
        paddleSpeed: 600,
        ballRadius: 8,
        ballSpeed: 400,
        tickRate: 60,
        winningScore: 2,
      },
    });
    expect(await countdown).toEqual({ matchId, startsAt: clock.now() + 1000 });
    expect(await request(socket, 'match:local', {})).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_IN_MATCH' },
    });
    const me = await t.http().get('/api/users/me').set(bearer(owner.accessToken)).expect(200);
    expect(me.body.status).toBe('in_game');

    const states = collect<State>(socket, 'match:state');
    play(30); // still counting down: no state goes out
    await fence(socket);
    expect(states).toEqual([]);

    // The loop's 60th step may land a hair short of the countdown's end (its floating-point
    // accumulator rounds, depending on how far earlier tests moved the clock): 61 end it.
    const first = nextEvent<State>(socket, 'match:state');
    play(31);
    expect(await first).toMatchObject({ matchId, tick: 1 });

    // Steer both paddles: inputs carry `side` in a local match.
    socket.emit('game:input', { matchId, direction: 'up', seq: 7, side: 'left' });
    socket.emit('game:input', { matchId, direction: 'down', seq: 3, side: 'right' });
    await fence(socket); // the inputs have reached the match before the loop steps
    const moved = nextEvent<State>(
      socket,
      'match:state',
      (s) => s.lastSeq.left === 7 && s.lastSeq.right === 3,
    );
    play(2);
    const afterInput = await moved;
    expect(afterInput.paddles.left.y).toBeLessThan(300);
    expect(afterInput.paddles.right.y).toBeGreaterThan(300);

    // Park both paddles at the top, out of most serves' way, and play until someone has 2 points.
    socket.emit('game:input', { matchId, direction: 'up', seq: 8, side: 'left' });
    socket.emit('game:input', { matchId, direction: 'up', seq: 4, side: 'right' });
    await fence(socket);
    const points = collect<{ scorer: string }>(socket, 'match:point');
    const end = nextEvent<{
      matchId: string;
      winnerSide: string;
      reason: string;
      score: { left: number; right: number };
      ratingChange: unknown;
    }>(socket, 'match:end', () => true, 10_000);
    await game.playUntil(() => points.length >= 2);
    const result = await end;
    expect(result).toMatchObject({ matchId, reason: 'score', ratingChange: null });
    expect(Math.max(result.score.left, result.score.right)).toBe(2);
    expect(result.score[result.winnerSide as 'left' | 'right']).toBe(2);

    const ticks = states.map((s) => s.tick);
    expect(ticks.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(ticks.every((tick, i) => i === 0 || tick === ticks[i - 1] + 1)).toBe(true);

    const record = await t
      .http()
      .get(`/api/matches/${matchId}`)
      .set(bearer(owner.accessToken))
      .expect(200);
    expect(record.body).toMatchObject({
      mode: 'local',
      status: 'finished',
      winnerSide: result.winnerSide,
      endReason: 'score',
      players: [
        {
          side: 'left',
          alias: 'Lefty',
          user: { id: owner.id },
          score: result.score.left,
          ratingBefore: null,
        },
        { side: 'right', alias: 'Righty', user: null, score: result.score.right },
      ],
    });
    const stats = await t
      .http()
      .get(`/api/users/${owner.id}/stats`)
      .set(bearer(owner.accessToken))
      .expect(200);
    expect(stats.body).toMatchObject({ played: 0, rating: 1000 });
    const after = await t.http().get('/api/users/me').set(bearer(owner.accessToken)).expect(200);
    expect(after.body.status).toBe('online');
  });

  it('drops inputs from someone who is not in the match', async () => {
    const ack = await request<{ matchId: string }>(socket, 'match:local', {});
    const stranger = await registerAccount(t);
    const strangerSocket = await connectedGame(t, stranger.accessToken);
    sockets.push(strangerSocket);
    play(60);
    strangerSocket.emit('game:input', {
      matchId: ack.matchId,
      direction: 'up',
      seq: 99,
      side: 'left',
    });
    strangerSocket.emit('game:input', { matchId: ack.matchId, direction: 'up', seq: 99 });
    await fence(strangerSocket); // the server has read (and dropped) both inputs
    const next = nextEvent<State>(socket, 'match:state');
    play(1);
    const state = await next;
    expect(state.lastSeq).toEqual({ left: 0, right: 0 });
    expect(state.paddles.left.y).toBe(300);
  });

  it('ends by forfeit when the player leaves', async () => {
    const ack = await request<{ ok: boolean; matchId: string }>(socket, 'match:local', {});
    expect(ack).toEqual({ ok: true, matchId: expect.any(String) });
    const { matchId } = ack;
    expect(await t.app.get(GameService).liveMatchOf(owner.id)).toBe(matchId);
    const first = nextEvent<State>(socket, 'match:state', (s) => s.matchId === matchId);
    play(61); // past the countdown: the match is in play
    await first;
    const end = nextEvent<{ matchId: string; reason: string; winnerSide: string }>(
      socket,
      'match:end',
      (e) => e.matchId === matchId,
    );
    expect(await request(socket, 'match:leave', { matchId })).toEqual({ ok: true });
    expect(await end).toMatchObject({ matchId, reason: 'forfeit', winnerSide: 'right' });
    const record = await t
      .http()
      .get(`/api/matches/${matchId}`)
      .set(bearer(owner.accessToken))
      .expect(200);
    expect(record.body).toMatchObject({ status: 'finished', endReason: 'forfeit' });
  });
});
