import { ManualClock } from '../src/common/clock/clock';
import { bearer, registerAccount } from './support/accounts';
import { gameDriver } from './support/game-clock';
import { collect, connectedGame, nextEvent, request } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

describe('AI matches (e2e)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 12));
  let t: TestApp;
  const game = gameDriver(() => t, clock);

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { GAME_WINNING_SCORE: '3', GAME_COUNTDOWN_MS: '0' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('plays a whole match against the hard AI, which moves its paddle by itself', async () => {
    const player = await registerAccount(t);
    const socket = await connectedGame(t, player.accessToken);
    try {
      expect(await request(socket, 'match:ai', { difficulty: 'impossible' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      const found = nextEvent<{ matchId: string; mode: string; side: string; opponent: unknown }>(
        socket,
        'match:found',
      );
      const ack = await request<{ ok: boolean; matchId: string }>(socket, 'match:ai', {
        difficulty: 'hard',
      });
      expect(ack).toEqual({ ok: true, matchId: expect.any(String) });
      expect(await found).toMatchObject({
        matchId: ack.matchId,
        mode: 'ai',
        side: 'left',
        opponent: { alias: 'AI (hard)' },
      });

      const states = collect<{ paddles: { right: { y: number } } }>(socket, 'match:state');
      const ends = collect<{ winnerSide: string; reason: string; ratingChange: unknown }>(
        socket,
        'match:end',
      );
      await game.playUntil(() => ends.length > 0, 300);
      expect(ends).toEqual([
        {
          matchId: ack.matchId,
          winnerSide: 'right',
          score: expect.any(Object),
          reason: 'score',
          ratingChange: null,
        },
      ]);
      const rightPositions = new Set(states.map((s) => s.paddles.right.y));
      expect(rightPositions.size).toBeGreaterThan(10);

      const record = await t
        .http()
        .get(`/api/matches/${ack.matchId}`)
        .set(bearer(player.accessToken))
        .expect(200);
      expect(record.body).toMatchObject({
        mode: 'ai',
        status: 'finished',
        winnerSide: 'right',
        players: [
          { side: 'left', user: { id: player.id } },
          { side: 'right', user: null, alias: 'AI (hard)', score: 3 },
        ],
      });
    } finally {
      socket.disconnect();
    }
  });
});
