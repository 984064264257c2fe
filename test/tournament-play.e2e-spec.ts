/**
 * Online tournaments refereed by the server, played through the real gateway by bot sockets:
 * four players to the end, no-shows on one side and on both, and a restart in the middle. The
 * app runs on a manual clock and the spec steps the game loop.
 */
import { ManualClock } from '../src/common/clock/clock';
import { GameGateway } from '../src/modules/game/game.gateway';
import { MatchHost } from '../src/modules/game/host/match-host';
import { identityCommitment } from '../src/modules/ledger/hash-chain';
import type { UserExportDto } from '../src/modules/users/privacy/privacy.dto';
import { Account, bearer, registerAccount } from './support/accounts';
import { gameDriver } from './support/game-clock';
import { ClientSocket, connected, fence, nextEvent, request, socketPool } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';
import { follow, getTournament, slots, TournamentPlayer } from './support/tournaments';

const NO_SHOW_MS = 20_000;

describe('online tournaments (e2e)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 12));
  let t: TestApp;
  const game = gameDriver(() => t, clock);
  const pool = socketPool(() => t);

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: {
        GAME_WINNING_SCORE: '2',
        GAME_COUNTDOWN_MS: '1000',
        TOURNAMENT_NOSHOW_MS: String(NO_SHOW_MS),
      },
    });
  });

  afterAll(async () => {
    pool.closeAll();
    await t.close();
  });

  const post = (account: Account, path: string, body?: object) =>
    t.http().post(path).set(bearer(account.accessToken)).send(body);

  /** The `tournament:update` that says this tournament is finished, waited for in real time. */
  const finishedUpdate = (socket: ClientSocket, tournamentId: string, timeoutMs = 20_000) =>
    nextEvent<{ tournamentId: string; status: string }>(
      socket,
      'tournament:update',
      (update) => update.tournamentId === tournamentId && update.status === 'finished',
      timeoutMs,
    );

  /** Fences every player's socket (see `fence`). */
  const fenceAll = (field: TournamentPlayer[]) =>
    Promise.all(field.map((player) => fence(player.socket)));

  async function players(n: number, autoJoin = true): Promise<TournamentPlayer[]> {
    const accounts = await Promise.all(Array.from({ length: n }, () => registerAccount(t)));
    return Promise.all(
      accounts.map(async (account) => follow(account, await pool.open(account), autoJoin)),
    );
  }

  /** Creates a tournament of the first player's with every other joining in turn. */
  async function tournamentOf(field: TournamentPlayer[], size: number): Promise<string> {
    const created = await post(field[0].account, '/api/tournaments', {
      name: `Cup ${clock.now()}`,
      size,
    }).expect(201);
    for (const player of field.slice(1)) {
      clock.advance(10);
      await post(player.account, `/api/tournaments/${created.body.id}/join`).expect(200);
    }
    return created.body.id as string;
  }

  it('plays a 4-player tournament to the end: bracket, match-ready, rated results, ledger entry', async () => {
    const field = await players(4);
    const id = await tournamentOf(field, 4);
    // The last seat starts it and round 1 is offered before that join answers: fences are after.
    await fenceAll(field);

    // Round 1 is offered to all four at once, each with its opponent and a deadline.
    const started = await getTournament(t, field[0].account, id);
    expect(started.status).toBe('in_progress');
    expect(started.rounds.map((round) => round.length)).toEqual([2, 1]);
    expect(started.rounds[1][0]).toEqual({
      round: 2,
      position: 0,
      matchId: null,
      left: null,
      right: null,
      winnerSide: null,
      score: null,
    });
    for (const player of field) {
      expect(player.ready).toEqual([
        {
          tournamentId: id,
          matchId: expect.any(String),
          round: 1,
          opponent: expect.objectContaining({
            id: expect.any(String),
            username: expect.any(String),
          }),
          deadline: clock.now() + NO_SHOW_MS,
        },
      ]);
    }
    // Seeds: equal ratings, so join order; 1 meets 4 and 2 meets 3.
    const seeds = new Map(started.participants.map((p) => [p.user?.id, p.seed]));
    expect(field.map((player) => seeds.get(player.account.id))).toEqual([1, 2, 3, 4]);
    expect(started.rounds[0].map((slot) => [slot.left?.userId, slot.right?.userId])).toEqual([
      [field[0].account.id, field[3].account.id],
      [field[1].account.id, field[2].account.id],
    ]);
    const roundOne = started.rounds[0].map((slot) => slot.matchId as string);
    const waiting = await t
      .http()
      .get(`/api/matches/${roundOne[0]}`)
      .set(bearer(field[0].account.accessToken));
    expect(waiting.body).toMatchObject({ mode: 'tournament', tournamentId: id });

    await game.playUntil(() => field.filter((player) => player.ends.length > 0).length === 4, 60);
    for (const matchId of roundOne) {
      const match = await t
        .http()
        .get(`/api/matches/${matchId}`)
        .set(bearer(field[0].account.accessToken))
        .expect(200);
      expect(match.body).toMatchObject({
        status: 'finished',
        endReason: 'score',
        mode: 'tournament',
      });
      // Tournament matches are rated.
      for (const player of match.body.players)
        expect(player.ratingAfter).not.toBe(player.ratingBefore);
    }
    const winners = field.filter((player) => {
      const end = player.ends[0];
      const slot = slots(started).find((s) => s.matchId === end.matchId);
      return slot?.[end.winnerSide]?.userId === player.account.id;
    });
    expect(winners).toHaveLength(2);

    // The final is offered to the two winners as soon as both are known; they play it out. Its
    // result is stored, then the tournament with its ledger entry, then everyone is told.
    const finished = field.map((player) => finishedUpdate(player.socket, id));
    await game.playUntil(() => winners.every((player) => player.ends.length === 2), 60);
    await Promise.all(finished);
    const done = await getTournament(t, field[0].account, id);
    expect(done.status).toBe('finished');
    expect(done.endedAt).toEqual(expect.any(String));
    const final = done.rounds[1][0];
    expect(final.matchId).toBe(winners[0].ready[1].matchId);
    expect(winners[1].ready[1].matchId).toBe(final.matchId);
    expect(winners[0].ready[1]).toMatchObject({ round: 2 });
    const champion = final[final.winnerSide as 'left' | 'right'];
    expect(done.winner).toEqual({
      user: expect.objectContaining({ id: champion?.userId }),
      alias: champion?.alias,
    });
    expect(final.score).toEqual(expect.objectContaining({ [final.winnerSide as string]: 2 }));
    for (const player of field) {
      expect(player.updates.at(-1)).toEqual({ tournamentId: id, status: 'finished' });
    }

    // The ledger holds the result: standings and every match with its score.
    const ledger = await t.http().get(`/api/tournaments/${id}/ledger`).expect(200);
    expect(ledger.body).toMatchObject({
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      anchor: null,
      payload: {
        tournament: { id, kind: 'online', size: 4 },
        standings: [{ place: 1 }, { place: 2 }, { place: 3 }, { place: 3 }],
      },
    });
    // Nobody is named in clear: each seat is a salted commitment, which its holder can open
    // with the salt from their own export.
    const text = JSON.stringify(ledger.body.payload);
    for (const player of field) {
      expect(text).not.toContain(player.account.id);
      expect(text).not.toContain(`"${player.account.username}"`);
    }
    const championAccount = field.find((p) => p.account.id === champion?.userId)!.account;
    const exported = await t
      .http()
      .get('/api/users/me/export')
      .set(bearer(championAccount.accessToken))
      .expect(200);
    const record = (exported.body as UserExportDto).tournaments.find((r) => r.id === id)!;
    expect(record.commitmentSalt).toMatch(/^[0-9a-f]{64}$/);
    const commitmentOf = (userId: string | null | undefined, alias: string | undefined) =>
      identityCommitment({
        alias: alias as string,
        userId: userId ?? null,
        salt: record.commitmentSalt as string,
      });
    expect(ledger.body.payload.standings[0]).toEqual({
      place: 1,
      seed: expect.any(Number),
      commitment: commitmentOf(champion?.userId, champion?.alias),
    });
    expect(ledger.body.payload.matches).toHaveLength(3);
    expect(ledger.body.payload.matches[2]).toEqual({
      round: 2,
      position: 0,
      matchId: final.matchId,
      left: { seed: expect.any(Number), commitment: expect.stringMatching(/^[0-9a-f]{64}$/) },
      right: { seed: expect.any(Number), commitment: expect.stringMatching(/^[0-9a-f]{64}$/) },
      winnerSide: final.winnerSide,
      score: final.score,
      endReason: 'score',
      replayHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(await t.http().get('/api/ledger/verify').expect(200)).toMatchObject({
      body: { valid: true, brokenAt: null },
    });
    // Each match's result can be re-checked from its replay, which the ledger names by hash.
    for (const entry of ledger.body.payload.matches as { matchId: string; replayHash: string }[]) {
      const replay = await t
        .http()
        .get(`/api/matches/${entry.matchId}/replay`)
        .set(bearer(field[0].account.accessToken))
        .expect(200);
      expect(replay.body.hash).toBe(entry.replayHash);
      const verdict = await t.http().post('/api/replays/verify').send(replay.body).expect(200);
      expect(verdict.body).toMatchObject({ valid: true, score: replay.body.final.score });
    }
  });

  /** Two players in a tournament of 4 started by its creator: one final, nobody joined yet. */
  async function finalOnly() {
    const field = await players(2, false);
    const id = await tournamentOf(field, 4);
    await post(field[0].account, `/api/tournaments/${id}/start`).expect(200);
    // The final is offered before the start answers: fences are after it.
    await fenceAll(field);
    const matchId = field[0].ready[0].matchId;
    expect(field[1].ready[0].matchId).toBe(matchId);
    return { field, id, matchId };
  }

  it('gives a match to the player who came when the other does not show up in time', async () => {
    const { field, id, matchId } = await finalOnly();
    const [seedOne, seedTwo] = field;
    const stranger = (await players(1))[0];
    expect(await request(stranger.socket, 'match:join', { matchId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const ack = await request<{ ok: boolean; match: Record<string, unknown> }>(
      seedTwo.socket,
      'match:join',
      { matchId },
    );
    expect(ack).toMatchObject({
      ok: true,
      match: {
        matchId,
        mode: 'tournament',
        status: 'waiting',
        players: [
          { side: 'left', alias: seedOne.account.username, connected: false },
          { side: 'right', alias: seedTwo.account.username, connected: true },
        ],
      },
    });
    // Joined and waiting: busy with this match, so no queue meanwhile.
    expect(await request(seedTwo.socket, 'queue:join', { mode: 'casual' })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_IN_MATCH' },
    });
    game.play(Math.ceil((NO_SHOW_MS / 1000) * 60) - 2);
    await fence(seedTwo.socket);
    expect(seedTwo.ends).toEqual([]);
    const ended = nextEvent(seedTwo.socket, 'match:end', undefined, 5000);
    // The result stored, the bracket takes it: the final decided, the tournament finishes.
    const finished = finishedUpdate(seedOne.socket, id);
    game.play(3);
    await ended;
    expect(seedTwo.ends[0]).toEqual({
      matchId,
      winnerSide: 'right',
      score: { left: 0, right: 0 },
      reason: 'timeout',
      ratingChange: { left: -16, right: 16 },
    });
    await finished;
    expect(seedOne.updates.at(-1)).toEqual({ tournamentId: id, status: 'finished' });
    const done = await getTournament(t, seedOne.account, id);
    expect(done).toMatchObject({
      status: 'finished',
      winner: {
        alias: seedTwo.account.username,
        user: expect.objectContaining({ id: seedTwo.account.id }),
      },
    });
    expect(done.rounds[0][0]).toMatchObject({
      matchId,
      winnerSide: 'right',
      score: { left: 0, right: 0 },
    });
    const match = await t
      .http()
      .get(`/api/matches/${matchId}`)
      .set(bearer(seedOne.account.accessToken));
    expect(match.body).toMatchObject({
      status: 'finished',
      endReason: 'timeout',
      winnerSide: 'right',
    });
  });

  it('advances the higher seed when neither player shows up, and nobody’s rating moves', async () => {
    const { field, id, matchId } = await finalOnly();
    // Past the no-show deadline; the result is stored, then the tournament finishes.
    const finished = finishedUpdate(field[0].socket, id);
    game.play(Math.ceil((NO_SHOW_MS / 1000) * 60) + 2);
    await finished;
    expect(field[0].updates.at(-1)).toEqual({ tournamentId: id, status: 'finished' });
    const done = await getTournament(t, field[1].account, id);
    expect(done.winner).toMatchObject({ alias: field[0].account.username });
    const match = await t
      .http()
      .get(`/api/matches/${matchId}`)
      .set(bearer(field[0].account.accessToken));
    expect(match.body).toMatchObject({
      status: 'finished',
      endReason: 'timeout',
      winnerSide: 'left',
    });
    for (const player of match.body.players) expect(player.ratingAfter).toBeNull();
    for (const player of field) {
      const stats = await t
        .http()
        .get(`/api/users/${player.account.id}/stats`)
        .set(bearer(player.account.accessToken));
      expect(stats.body).toMatchObject({ played: 0, rating: 1000 });
    }
  });

  it('carries on after a restart: results kept, the interrupted match offered again', async () => {
    const field = await players(4, false);
    const id = await tournamentOf(field, 4);
    // Round 1 is offered before the last join answers: fences are after it.
    await fenceAll(field);
    for (const player of field) expect(player.ready).toHaveLength(1);
    const before = await getTournament(t, field[0].account, id);
    const [first, second] = before.rounds[0].map((slot) => slot.matchId as string);
    // Seeds 1 and 4 play their match; 2 and 3 have not come yet when the server stops.
    for (const player of [field[0], field[3]]) {
      await request(player.socket, 'match:join', { matchId: first });
    }
    // Once the bracket has taken the result it tells everyone in the tournament (the final has no
    // second finalist yet): the server stops only after that.
    const taken = nextEvent<{ tournamentId: string }>(
      field[0].socket,
      'tournament:update',
      (update) => update.tournamentId === id,
      20_000,
    );
    // The loop steps only until that match is over, well before the other's no-show deadline.
    await game.playUntil(() => !t.app.get(MatchHost).has(first), 60);
    await taken;
    await fence(field[3].socket); // its match:end went out before the update
    expect(field[0].ends).toHaveLength(1);
    expect(field[3].ends).toHaveLength(1);
    const firstWinner = field[0].ends[0].winnerSide === 'left' ? field[0] : field[3];

    await t.restart();
    pool.closeAll();

    const after = await getTournament(t, field[0].account, id);
    expect(after.status).toBe('in_progress');
    expect(after.rounds[0][0]).toMatchObject({ matchId: first, winnerSide: expect.any(String) });
    expect(after.rounds[1][0].left?.userId).toBe(firstWinner.account.id);
    const reoffered = after.rounds[0][1].matchId as string;
    expect(reoffered).not.toBe(second);
    const old = await t
      .http()
      .get(`/api/matches/${second}`)
      .set(bearer(field[0].account.accessToken));
    expect(old.body.status).toBe('interrupted');

    // The players come back: the re-offered match reaches them as they connect, and they play on.
    // A socket's offers go out at the end of the gateway's handleConnection, after reads of its
    // own, so possibly after the socket's first events are answered: once every handleConnection
    // is over, fences are after every offer there is.
    const connections = jest.spyOn(t.app.get(GameGateway), 'handleConnection');
    const back = await Promise.all(
      field.map(async (player) => {
        const socket = pool.connecting(player.account);
        const followed = follow(player.account, socket, true);
        await connected(socket);
        return followed;
      }),
    );
    expect(connections).toHaveBeenCalledTimes(4);
    await Promise.all(connections.mock.results.map((result) => result.value as Promise<void>));
    connections.mockRestore();
    await fenceAll(back);
    for (const player of [back[1], back[2]]) {
      expect(player.ready).toEqual([
        expect.objectContaining({ tournamentId: id, matchId: reoffered, round: 1 }),
      ]);
    }
    expect(back[0].ready).toEqual([]);
    await game.playUntil(
      () =>
        back[0].updates.at(-1)?.status === 'finished' ||
        back[3].updates.at(-1)?.status === 'finished',
      120,
    );
    // That update goes out once the tournament and its ledger entry are stored.
    const done = await getTournament(t, field[0].account, id);
    expect(done.status).toBe('finished');
    expect(slots(done).every((slot) => slot.winnerSide !== null)).toBe(true);
    const ledger = await t.http().get(`/api/tournaments/${id}/ledger`).expect(200);
    expect(ledger.body.payload.matches.map((m: { matchId: string }) => m.matchId)).toEqual(
      expect.arrayContaining([first, reoffered]),
    );
  });
});
