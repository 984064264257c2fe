/**
 * Match results through the real app's recorder (the live game drives the same service): one
 * transaction for scores, Elo and statistics; restart safety for matches left running.
 */
import { MatchRecorder } from '../src/modules/matches/match-recorder.service';
import { Account, bearer, registerAccount } from './support/accounts';
import { startTestApp, TestApp } from './support/test-app';

describe('match recorder (e2e)', () => {
  let t: TestApp;
  let ann: Account;
  let bob: Account;

  beforeAll(async () => {
    t = await startTestApp();
    ann = await registerAccount(t, { username: 'ann' });
    bob = await registerAccount(t, { username: 'bob' });
  });

  afterAll(async () => {
    await t.close();
  });

  const get = (path: string) => t.http().get(path).set(bearer(ann.accessToken)).expect(200);
  const recorder = () => t.app.get(MatchRecorder);

  it('stores a ranked result with conserved Elo and both players’ statistics', async () => {
    const id = await recorder().create({
      mode: 'ranked',
      seed: 99,
      players: [
        { side: 'left', userId: ann.id, alias: 'ann' },
        { side: 'right', userId: bob.id, alias: 'bob' },
      ],
    });
    expect((await get(`/api/matches/${id}`)).body).toMatchObject({
      status: 'in_progress',
      winnerSide: null,
    });
    expect((await get('/api/matches?status=in_progress')).body.total).toBe(1);

    const change = await recorder().finish(id, {
      score: { left: 3, right: 11 },
      winnerSide: 'right',
      endReason: 'score',
    });
    expect(change).toEqual({ left: -16, right: 16 });
    const match = (await get(`/api/matches/${id}`)).body;
    expect(match).toMatchObject({
      status: 'finished',
      winnerSide: 'right',
      endReason: 'score',
      players: [
        { side: 'left', score: 3, ratingBefore: 1000, ratingAfter: 984 },
        { side: 'right', score: 11, ratingBefore: 1000, ratingAfter: 1016 },
      ],
    });
    expect((await get(`/api/users/${bob.id}/stats`)).body).toMatchObject({
      played: 1,
      wins: 1,
      losses: 0,
      winRate: 1,
      rating: 1016,
      peakRating: 1016,
      currentStreak: 1,
      bestStreak: 1,
      pointsScored: 11,
      pointsConceded: 3,
    });
    expect((await get(`/api/users/${ann.id}/stats`)).body).toMatchObject({
      rating: 984,
      peakRating: 1000,
      currentStreak: -1,
      losses: 1,
    });
    expect(
      (await get('/api/leaderboard')).body.items.map((e: { rating: number }) => e.rating),
    ).toEqual([1016, 984]);

    // A second finish of the same match changes nothing.
    expect(
      await recorder().finish(id, {
        score: { left: 11, right: 0 },
        winnerSide: 'left',
        endReason: 'score',
      }),
    ).toBeNull();
    expect((await get(`/api/users/${bob.id}/stats`)).body.rating).toBe(1016);
  });

  it('counts casual matches in statistics but not in ratings', async () => {
    const id = await recorder().create({
      mode: 'casual',
      seed: 5,
      players: [
        { side: 'left', userId: ann.id, alias: 'ann' },
        { side: 'right', userId: bob.id, alias: 'bob' },
      ],
    });
    expect(
      await recorder().finish(id, {
        score: { left: 11, right: 9 },
        winnerSide: 'left',
        endReason: 'score',
      }),
    ).toBeNull();
    const match = (await get(`/api/matches/${id}`)).body;
    expect(match.players.map((p: { ratingBefore: number | null }) => p.ratingBefore)).toEqual([
      null,
      null,
    ]);
    expect((await get(`/api/users/${ann.id}/stats`)).body).toMatchObject({
      played: 2,
      wins: 1,
      rating: 984,
      currentStreak: 1,
    });
  });

  it('turns a match left running into interrupted on restart', async () => {
    const id = await recorder().create({
      mode: 'local',
      seed: 1,
      players: [
        { side: 'left', userId: ann.id, alias: 'ann' },
        { side: 'right', userId: null, alias: 'guest' },
      ],
    });
    await t.restart();
    const match = (
      await t.http().get(`/api/matches/${id}`).set(bearer(ann.accessToken)).expect(200)
    ).body;
    expect(match).toMatchObject({ status: 'interrupted', endedAt: expect.any(String) });
  });
});
