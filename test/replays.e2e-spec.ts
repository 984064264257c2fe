/**
 * Replays recorded through real sockets: an AI match and a ranked match played on the manual
 * clock, each stored with its replay, which re-simulates to the stored result on the server
 * (GET .../replay/verify), for anyone (POST /api/replays/verify) and offline (the CLI). Tampered,
 * malformed and absurd replays are refused; matches stopped gracefully keep theirs, matches a
 * crash left behind have none.
 */
import { RULES_VERSION, sealReplay, type Replay, verifyReplay } from '@arena/engine';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '../src/common/clock/clock';
import { Account, bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { gameDriver } from './support/game-clock';
import { insertMatch } from './support/match-fixtures';
import { ClientSocket, collect, fence, nextEvent, request, socketPool } from './support/sockets';
import { makeTempDir } from './support/temp-dir';
import { startTestApp, TestApp } from './support/test-app';

interface State {
  matchId: string;
  ball: { y: number };
  paddles: { left: { y: number }; right: { y: number } };
}

/** Steers `side` towards the ball on every state it sees, as a player's client would. */
function chaseBall(socket: ClientSocket, matchId: string, side: 'left' | 'right'): void {
  let last = '';
  let seq = 0;
  socket.on('match:state', (state: State) => {
    const gap = state.ball.y - state.paddles[side].y;
    const direction = Math.abs(gap) < 15 ? 'stop' : gap < 0 ? 'up' : 'down';
    if (direction === last) return;
    last = direction;
    socket.emit('game:input', { matchId, direction, seq: ++seq });
  });
}

describe('replays (e2e)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 26, 12));
  let t: TestApp;
  const game = gameDriver(() => t, clock);
  const pool = socketPool(() => t);
  const files = makeTempDir();

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { GAME_WINNING_SCORE: '3', GAME_COUNTDOWN_MS: '500' } });
  });

  afterAll(async () => {
    pool.closeAll();
    await t.close();
    files.cleanup();
  });

  const getReplay = (account: Account, matchId: string) =>
    t.http().get(`/api/matches/${matchId}/replay`).set(bearer(account.accessToken));
  const postVerify = (body: unknown) =>
    t
      .http()
      .post('/api/replays/verify')
      .send(body as object);

  /** The full check of a stored replay: shape, the stored result, and all three verifiers. */
  async function expectVerifiable(account: Account, matchId: string): Promise<Replay> {
    const match = (await t.http().get(`/api/matches/${matchId}`).set(bearer(account.accessToken)))
      .body as {
      status: string;
      winnerSide: string | null;
      endReason: string | null;
      players: { score: number }[];
    };
    const replay = (await getReplay(account, matchId).expect(200)).body as Replay;
    expect(replay).toEqual({
      matchId,
      engine: RULES_VERSION,
      config: expect.objectContaining({ tickRate: 60, winningScore: 3, paddleInset: 30 }),
      seed: expect.any(Number),
      inputs: expect.any(Array),
      final: {
        tick: expect.any(Number),
        score: { left: match.players[0].score, right: match.players[1].score },
        winnerSide: match.winnerSide,
        endReason: match.endReason,
      },
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const expected = { valid: true, score: replay.final.score, ticks: replay.final.tick };
    const stored = await t
      .http()
      .get(`/api/matches/${matchId}/replay/verify`)
      .set(bearer(account.accessToken))
      .expect(200);
    expect(stored.body).toEqual(expected);
    expect((await postVerify(replay).expect(200)).body).toEqual(expected);
    expect(verifyReplay(replay)).toEqual(expected);
    return replay;
  }

  let aiReplay: Replay;
  let player: Account;

  it('records an AI match played through a socket, and its replay verifies everywhere', async () => {
    player = await registerAccount(t);
    const socket = await pool.open(player);
    const ack = await request<{ ok: boolean; matchId: string }>(socket, 'match:ai', {
      difficulty: 'hard',
    });
    chaseBall(socket, ack.matchId, 'left');
    const ends = collect<{ reason: string }>(socket, 'match:end');
    await game.playUntil(() => ends.length > 0, 600);
    expect(ends).toEqual([expect.objectContaining({ reason: 'score' })]);

    aiReplay = await expectVerifiable(player, ack.matchId);
    expect(aiReplay.final).toMatchObject({ endReason: 'score', winnerSide: expect.any(String) });
    // Both paddles moved: the player's inputs from its socket, the computer's from the server.
    const sides = new Set(aiReplay.inputs.map(([, side]) => side));
    expect(sides).toEqual(new Set(['left', 'right']));

    // Offline, with nothing but the file: exit code 0, the verdict as JSON.
    const file = join(files.path, 'ai.replay.json');
    writeFileSync(file, JSON.stringify(aiReplay));
    const out = execFileSync('npm', ['run', '-s', 'replay:verify', '--', file], {
      cwd: join(__dirname, '..'),
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({
      valid: true,
      score: aiReplay.final.score,
      ticks: aiReplay.final.tick,
    });
  });

  it('records a ranked match between two players, inputs from both sockets', async () => {
    const ann = await registerAccount(t);
    const ben = await registerAccount(t);
    const annSocket = await pool.open(ann);
    const benSocket = await pool.open(ben);
    const annFound = nextEvent<{ matchId: string; side: 'left' | 'right' }>(
      annSocket,
      'match:found',
    );
    const benFound = nextEvent<{ matchId: string; side: 'left' | 'right' }>(
      benSocket,
      'match:found',
    );
    await request(annSocket, 'queue:join', { mode: 'ranked' });
    await request(benSocket, 'queue:join', { mode: 'ranked' });
    const [a, b] = await Promise.all([annFound, benFound]);
    chaseBall(annSocket, a.matchId, a.side);
    chaseBall(benSocket, b.matchId, b.side);

    // While it is live, there is no replay yet.
    const live = await getReplay(ann, a.matchId).expect(409);
    expectEnvelope(live.body, 409, `/api/matches/${a.matchId}/replay`, /still live/);

    const ends = collect(annSocket, 'match:end');
    // match:end goes out once the result and its replay are stored.
    await game.playUntil(() => ends.length > 0, 900);
    const replay = await expectVerifiable(ann, a.matchId);
    expect(replay.final.endReason).toBe('score');
    expect(new Set(replay.inputs.map(([, side]) => side))).toEqual(new Set(['left', 'right']));
  });

  describe('refuses', () => {
    const stale = { valid: false, score: { left: 0, right: 0 }, ticks: 0 };

    it('tampered replays: edited score, seed or input, stale hash, other rules', async () => {
      const edit = (change: (replay: Replay) => void): Replay => {
        const copy = structuredClone(aiReplay);
        change(copy);
        return copy;
      };
      const reseal = (change: (replay: Replay) => void): Replay => {
        const { hash: _hash, ...rest } = edit(change);
        return sealReplay(rest);
      };
      const winner = aiReplay.final.winnerSide as 'left' | 'right';
      const cases: [Replay, RegExp][] = [
        [edit((r) => (r.final.score[winner] -= 1)), /^hash is not the SHA-256/],
        [edit((r) => (r.seed += 1)), /^hash is not the SHA-256/],
        [edit((r) => (r.inputs[0][2] = r.inputs[0][2] === 'up' ? 'down' : 'up')), /^hash/],
        [
          reseal((r) => (r.final.score[winner] -= 1)),
          /nobody had won by score|re-simulation reached/,
        ],
        [reseal((r) => (r.seed += 1)), /won|re-simulation reached/],
        [reseal((r) => (r.engine = 'arena-pong/0')), /^recorded under rules "arena-pong\/0"/],
      ];
      for (const [replay, reason] of cases) {
        const verdict = await postVerify(replay).expect(200);
        expect(verdict.body).toMatchObject({ valid: false, reason: expect.stringMatching(reason) });
      }
      expect((await postVerify(cases[0][0])).body).toMatchObject(stale);
    });

    it('a replay claiming 10^9 ticks, by its bounds before simulating anything', async () => {
      const { hash: _hash, ...rest } = structuredClone(aiReplay);
      const huge = sealReplay({
        ...rest,
        final: { ...rest.final, tick: 1e9, winnerSide: null, endReason: null },
      });
      const verdict = await postVerify(huge).expect(200);
      expect(verdict.body).toEqual({
        ...stale,
        reason: 'final.tick must be at most 432000 (2 hours at 60 ticks/s)',
      });
    });

    it('malformed replays with a 400 naming the problems, never a 500', async () => {
      const path = '/api/replays/verify';
      const bodies: unknown[] = [
        {},
        [],
        { ...aiReplay, inputs: 'everything' },
        { ...aiReplay, inputs: [[1, 'left']] },
        { ...aiReplay, config: { ...aiReplay.config, width: 'wide' } },
        { ...aiReplay, final: null },
        { ...aiReplay, extra: 1 },
        { ...aiReplay, seed: 2 ** 53 },
        { ...aiReplay, inputs: Array.from({ length: 30_000 }, () => 'x') },
      ];
      for (const body of bodies) {
        const res = await postVerify(body).expect(400);
        expectEnvelope(res.body, 400, path);
        expect(res.body.message.length).toBeGreaterThan(0);
        expect(res.body.message.length).toBeLessThanOrEqual(20);
      }
      const res = await postVerify({ ...aiReplay, inputs: [[1, 'left']] }).expect(400);
      expect(res.body.message).toEqual([
        "inputs[0] must be [tick (an integer ≥ 0), 'left'|'right', 'up'|'down'|'stop']",
      ]);
      const text = await t
        .http()
        .post(path)
        .set('content-type', 'application/json')
        .send('{"matchId": ')
        .expect(400);
      expectEnvelope(text.body, 400, path);
      const big = await t
        .http()
        .post(path)
        .set('content-type', 'application/json')
        .send(JSON.stringify({ ...aiReplay, pad: 'x'.repeat(1024 * 1024) }))
        .expect(413);
      expectEnvelope(big.body, 413, path);
    });

    it('accepts a replay past the 1,000-keys bound of other bodies', async () => {
      const { hash: _hash, ...rest } = structuredClone(aiReplay);
      const long = sealReplay({
        ...rest,
        inputs: Array.from({ length: 2_000 }, (_, i) => [i + 1, 'left', i % 2 ? 'up' : 'down']),
        final: { tick: 2_000, score: { left: 0, right: 0 }, winnerSide: null, endReason: null },
      });
      const verdict = await postVerify(long).expect(200);
      expect(verdict.body).toMatchObject({ valid: expect.any(Boolean), ticks: expect.any(Number) });
      expect(verdict.body.ticks).toBeGreaterThan(0);
    });
  });

  it('answers 404 for an unknown match, 400 for a bad id, and needs a token', async () => {
    const unknown = '8b0e1c7a-1111-4222-8333-944455556666';
    const res = await getReplay(player, unknown).expect(404);
    expectEnvelope(res.body, 404, `/api/matches/${unknown}/replay`, 'Match not found');
    await getReplay(player, 'not-a-uuid').expect(400);
    await t.http().get(`/api/matches/${aiReplay.matchId}/replay`).expect(401);
    await t
      .http()
      .get(`/api/matches/${unknown}/replay/verify`)
      .set(bearer(player.accessToken))
      .expect(404);
  });

  it('keeps the replay of a match stopped gracefully; a crash leaves none, and says so', async () => {
    const owner = await registerAccount(t);
    const socket = await pool.open(owner);
    const ack = await request<{ matchId: string }>(socket, 'match:local', {});
    game.play(40); // the countdown, then a few steps
    for (const direction of ['up', 'stop', 'down'] as const) {
      socket.emit('game:input', { matchId: ack.matchId, direction, side: 'right' });
      await fence(socket); // the input has reached the room before the steps
      game.play(15);
    }
    const crashed = await insertMatch(t.app, {
      status: 'in_progress',
      createdAt: new Date(clock.now()),
      left: { userId: owner.id, alias: 'a', score: 0 },
      right: { userId: null, alias: 'b', score: 0 },
    });
    pool.closeAll();

    await t.restart(); // a graceful stop, then a start that finds the crash's leftover
    const replay = await expectVerifiable(owner, ack.matchId);
    expect(replay.final).toMatchObject({ winnerSide: null, endReason: null });
    expect(replay.final.tick).toBeGreaterThan(40);
    expect(replay.inputs).toEqual(
      expect.arrayContaining([expect.arrayContaining(['right', 'up'])]),
    );

    const none = await getReplay(owner, crashed).expect(404);
    expectEnvelope(
      none.body,
      404,
      `/api/matches/${crashed}/replay`,
      /interrupted by a server crash/,
    );
  });
});

describe('replay verification rate limit (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT: 'on' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('allows 30 verifications a minute from one address, then 429 with Retry-After', async () => {
    const body = { engine: 'arena-pong/0' };
    for (let i = 0; i < 30; i++) await t.http().post('/api/replays/verify').send(body).expect(200);
    const limited = await t.http().post('/api/replays/verify').send(body).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expectEnvelope(limited.body, 429, '/api/replays/verify');
  });
});
