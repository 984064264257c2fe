/**
 * The read side of match records: single matches, live lists, histories, statistics and the
 * leaderboard. Matches are inserted as fixtures here; the game's own e2e specs write them
 * through real play.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Account, bearer, registerAccount } from './support/accounts';
import { User } from '../src/modules/users/entities/user.entity';
import { expectEnvelope } from './support/envelope';
import { FixturePlayer, insertMatch } from './support/match-fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('match records (e2e)', () => {
  let t: TestApp;
  let alice: Account;
  let bob: Account;
  let finishedId: string;
  let liveId: string;

  const at = (text: string) => new Date(`${text}Z`);
  const side = (
    user: Account | null,
    alias: string,
    score: number,
    rating?: [number, number],
  ): FixturePlayer => ({
    userId: user?.id ?? null,
    alias,
    score,
    before: rating?.[0],
    after: rating?.[1],
  });

  beforeAll(async () => {
    t = await startTestApp();
    alice = await registerAccount(t, { username: 'alice' });
    bob = await registerAccount(t, { username: 'bob' });
    finishedId = await insertMatch(t.app, {
      status: 'finished',
      createdAt: at('2026-01-01T10:00:00.000'),
      left: side(alice, 'alice', 11, [1000, 1016]),
      right: side(bob, 'bob', 4, [1000, 984]),
      winnerSide: 'left',
      endReason: 'score',
    });
    liveId = await insertMatch(t.app, {
      status: 'in_progress',
      createdAt: at('2026-01-01T11:00:00.000'),
      left: side(bob, 'bob', 2),
      right: side(null, 'AI (hard)', 3),
      mode: 'ai',
    });
    await t.app.get(DataSource).getRepository(User).update(alice.id, {
      rating: 1016,
      peakRating: 1016,
      played: 1,
      wins: 1,
      currentStreak: 1,
      bestStreak: 1,
      pointsScored: 11,
      pointsConceded: 4,
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const get = (path: string) => t.http().get(path).set(bearer(alice.accessToken));

  it('returns one match with its players as Match', async () => {
    const res = await get(`/api/matches/${finishedId}`).expect(200);
    expect(res.body).toEqual({
      id: finishedId,
      mode: 'ranked',
      status: 'finished',
      players: [
        {
          side: 'left',
          user: expect.objectContaining({ id: alice.id, username: 'alice' }),
          alias: 'alice',
          score: 11,
          ratingBefore: 1000,
          ratingAfter: 1016,
        },
        {
          side: 'right',
          user: expect.objectContaining({ id: bob.id, username: 'bob' }),
          alias: 'bob',
          score: 4,
          ratingBefore: 1000,
          ratingAfter: 984,
        },
      ],
      winnerSide: 'left',
      endReason: 'score',
      tournamentId: null,
      startedAt: '2026-01-01T10:00:00.000Z',
      endedAt: '2026-01-01T10:00:00.000Z',
      createdAt: '2026-01-01T10:00:00.000Z',
    });
    expect(res.body.players[0].user).not.toHaveProperty('email');
  });

  it('answers 404 for an unknown match and 401 without a token', async () => {
    const unknown = `/api/matches/${randomUUID()}`;
    const res = await get(unknown).expect(404);
    expectEnvelope(res.body, 404, unknown, 'Match not found');
    await t.http().get(`/api/matches/${finishedId}`).expect(401);
  });

  it('lists live matches for spectators', async () => {
    const res = await get('/api/matches?status=in_progress').expect(200);
    expect(res.body).toMatchObject({ total: 1, page: 1, limit: 20 });
    expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([liveId]);
    expect(res.body.items[0].players[1]).toEqual({
      side: 'right',
      user: null,
      alias: 'AI (hard)',
      score: 3,
      ratingBefore: null,
      ratingAfter: null,
    });
    const all = await get('/api/matches').expect(200);
    expect(all.body.items.map((m: { id: string }) => m.id)).toEqual([liveId, finishedId]);
    const bad = await get('/api/matches?status=paused').expect(400);
    expectEnvelope(bad.body, 400, '/api/matches');
  });

  it('pages a player’s history, newest first', async () => {
    const bobs = await get(`/api/users/${bob.id}/matches`).expect(200);
    expect(bobs.body.items.map((m: { id: string }) => m.id)).toEqual([liveId, finishedId]);
    expect(bobs.body.total).toBe(2);
    const page2 = await get(`/api/users/${bob.id}/matches?limit=1&page=2`).expect(200);
    expect(page2.body).toMatchObject({ total: 2, page: 2, limit: 1, items: [{ id: finishedId }] });
    const alices = await get(`/api/users/${alice.id}/matches`).expect(200);
    expect(alices.body.items.map((m: { id: string }) => m.id)).toEqual([finishedId]);
    await get(`/api/users/${randomUUID()}/matches`).expect(404);
  });

  it('reports statistics', async () => {
    const res = await get(`/api/users/${alice.id}/stats`).expect(200);
    expect(res.body).toEqual({
      userId: alice.id,
      played: 1,
      wins: 1,
      losses: 0,
      winRate: 1,
      rating: 1016,
      peakRating: 1016,
      currentStreak: 1,
      bestStreak: 1,
      pointsScored: 11,
      pointsConceded: 4,
    });
    const fresh = await get(`/api/users/${bob.id}/stats`).expect(200);
    expect(fresh.body).toMatchObject({ played: 0, winRate: 0, rating: 1000, peakRating: 1000 });
    await get(`/api/users/${randomUUID()}/stats`).expect(404);
  });

  it('ranks players by rating', async () => {
    const res = await get('/api/leaderboard').expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items).toEqual([
      {
        rank: 1,
        user: expect.objectContaining({ id: alice.id }),
        rating: 1016,
        wins: 1,
        losses: 0,
      },
      { rank: 2, user: expect.objectContaining({ id: bob.id }), rating: 1000, wins: 0, losses: 0 },
    ]);
    const second = await get('/api/leaderboard?limit=1&page=2').expect(200);
    expect(second.body.items).toEqual([expect.objectContaining({ rank: 2 })]);
    await get('/api/leaderboard?limit=500').expect(400);
  });
});
