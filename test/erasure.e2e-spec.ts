/**
 * Erasure reaches every copy (API.md, `DELETE /api/users/me`): the old username leaves match and
 * tournament records, the ledger's commitments lose their salt, and the account's live state
 * ends: its queue, its challenges, its live match (lost by forfeit), its registering
 * tournaments (called off, and everyone in them told).
 */
import { DataSource } from 'typeorm';
import { ManualClock } from '../src/common/clock/clock';
import { TournamentParticipant } from '../src/modules/tournaments/entities/tournament-participant.entity';
import { Account, bearer, eraseAccount, registerAccount } from './support/accounts';
import { insertMatches } from './support/match-fixtures';
import { ClientSocket, nextEvent, request, socketPool } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

describe('erasure reaches every copy (e2e)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 29, 12));
  let t: TestApp;
  const pool = socketPool(() => t);

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });

  afterAll(async () => {
    pool.closeAll();
    await t.close();
  });

  const anonymous = (account: Account) => `deleted-${account.id.slice(0, 8)}`;

  const erase = (account: Account) => eraseAccount(t, account);

  it('forfeits the live match: the opponent wins, and the record shows the new name', async () => {
    const [ann, ben] = [await registerAccount(t), await registerAccount(t)];
    const annSocket = await pool.open(ann);
    const benSocket = await pool.open(ben);
    const found = nextEvent<{ matchId: string; side: 'left' | 'right' }>(benSocket, 'match:found');
    expect(await request(annSocket, 'queue:join', { mode: 'casual' })).toEqual({ ok: true });
    expect(await request(benSocket, 'queue:join', { mode: 'casual' })).toEqual({ ok: true });
    const { matchId, side } = await found;
    const ended = nextEvent<{ winnerSide: string; reason: string }>(benSocket, 'match:end');
    const gone = nextEvent(annSocket, 'disconnect');

    await erase(ann);
    expect(await ended).toMatchObject({ winnerSide: side, reason: 'forfeit' });
    await gone;
    const match = await t.http().get(`/api/matches/${matchId}`).set(bearer(ben.accessToken));
    const annPlayer = (match.body.players as { side: string; alias: string }[]).find(
      (player) => player.side !== side,
    );
    expect(annPlayer?.alias).toBe(anonymous(ann));
    expect(JSON.stringify(match.body)).not.toContain(ann.username);
  });

  it('takes the account out of its queue: the next player is paired with someone else', async () => {
    const [ann, ben, cat] = [
      await registerAccount(t),
      await registerAccount(t),
      await registerAccount(t),
    ];
    const annSocket = await pool.open(ann);
    expect(await request(annSocket, 'queue:join', { mode: 'ranked' })).toEqual({ ok: true });
    await erase(ann);

    const benSocket = await pool.open(ben);
    const catSocket = await pool.open(cat);
    const benFound = nextEvent<{ opponent: { id: string } }>(benSocket, 'match:found');
    expect(await request(benSocket, 'queue:join', { mode: 'ranked' })).toEqual({ ok: true });
    expect(await request(catSocket, 'queue:join', { mode: 'ranked' })).toEqual({ ok: true });
    // Had the erased account stayed queued, it would have been paired with ben at once.
    expect((await benFound).opponent.id).toBe(cat.id);
    expect(await request(benSocket, 'match:leave', { matchId: await liveMatchOf(ben) })).toEqual({
      ok: true,
    });
  });

  async function liveMatchOf(account: Account): Promise<string> {
    const res = await t
      .http()
      .get(`/api/users/${account.id}/matches`)
      .set(bearer(account.accessToken))
      .expect(200);
    return res.body.items[0].id as string;
  }

  it('ends its pending challenges, and both sides are told', async () => {
    const [ann, ben] = [await registerAccount(t), await registerAccount(t)];
    const annSocket = await pool.open(ann);
    const benSocket = await pool.open(ben);
    const received = nextEvent<{ challengeId: string }>(benSocket, 'challenge:received');
    const sent = await request<{ ok: true; challengeId: string }>(annSocket, 'challenge:send', {
      userId: ben.id,
    });
    expect((await received).challengeId).toBe(sent.challengeId);
    const declined = nextEvent<{ challengeId: string }>(benSocket, 'challenge:declined');
    await erase(ann);
    expect(await declined).toEqual({ challengeId: sent.challengeId });
    expect(await request(benSocket, 'challenge:accept', { challengeId: sent.challengeId })).toEqual(
      { ok: false, error: { code: 'NOT_FOUND', message: 'Challenge not found' } },
    );
  });

  it('calls off its registering tournaments and gives back its seats, telling everyone in them', async () => {
    const [ann, ben, cat] = [
      await registerAccount(t),
      await registerAccount(t),
      await registerAccount(t),
    ];
    const post = (account: Account, path: string, body?: object) =>
      t.http().post(path).set(bearer(account.accessToken)).send(body);
    const own = (await post(ann, '/api/tournaments', { name: 'Ann cup', size: 4 }).expect(201)).body
      .id as string;
    await post(ben, `/api/tournaments/${own}/join`).expect(200);
    const other = (await post(cat, '/api/tournaments', { name: 'Cat cup', size: 4 }).expect(201))
      .body.id as string;
    await post(ann, `/api/tournaments/${other}/join`, { alias: 'Annie' }).expect(200);
    const benSocket: ClientSocket = await pool.open(ben);
    const catSocket: ClientSocket = await pool.open(cat);
    const cancelled = nextEvent(benSocket, 'tournament:update', (u: { tournamentId: string }) => {
      return u.tournamentId === own;
    });
    const seatFreed = nextEvent(catSocket, 'tournament:update', (u: { tournamentId: string }) => {
      return u.tournamentId === other;
    });

    await erase(ann);
    expect(await cancelled).toEqual({ tournamentId: own, status: 'cancelled' });
    expect(await seatFreed).toEqual({ tournamentId: other, status: 'registering' });
    const left = await t.http().get(`/api/tournaments/${other}`).set(bearer(cat.accessToken));
    expect(left.body.participants.map((p: { alias: string }) => p.alias)).toEqual([cat.username]);
  });

  it('renames every match record of a long history and drops the ledger salts of its seats', async () => {
    const [ann, ben] = [await registerAccount(t), await registerAccount(t)];
    await insertMatches(
      t.app,
      Array.from({ length: 1_234 }, (_, i) => ({
        status: 'finished' as const,
        createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
        left: { userId: ann.id, alias: ann.username, score: 11 },
        right: { userId: ben.id, alias: ben.username, score: 3 },
        winnerSide: 'left' as const,
        endReason: 'score' as const,
      })),
    );
    const tournament = await t
      .http()
      .post('/api/tournaments')
      .set(bearer(ben.accessToken))
      .send({ name: 'Kept', size: 4 })
      .expect(201);
    await t
      .http()
      .post(`/api/tournaments/${tournament.body.id}/join`)
      .set(bearer(ann.accessToken))
      .expect(200);
    await t
      .http()
      .post(`/api/tournaments/${tournament.body.id}/start`)
      .set(bearer(ben.accessToken))
      .expect(200);

    await erase(ann);
    const seats = t.app.get(DataSource).getRepository(TournamentParticipant);
    expect(await seats.findOneBy({ userId: ann.id })).toMatchObject({
      alias: anonymous(ann),
      commitmentSalt: null,
    });
    expect((await seats.findOneBy({ userId: ben.id }))?.commitmentSalt).toMatch(/^[0-9a-f]{64}$/);
    for (const page of [1, 13]) {
      const history = await t
        .http()
        .get(`/api/users/${ann.id}/matches?limit=100&page=${page}`)
        .set(bearer(ben.accessToken))
        .expect(200);
      // 1,234 stored matches, and the tournament match the erasure forfeited.
      expect(history.body.total).toBe(1_235);
      const aliases = new Set(
        (history.body.items as { players: { user: { id: string } | null; alias: string }[] }[]).map(
          (match) => match.players.find((player) => player.user?.id === ann.id)?.alias,
        ),
      );
      expect([...aliases]).toEqual([anonymous(ann)]);
    }
  });
});
