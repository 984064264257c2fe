/**
 * A local tournament: aliases seeded in the given order, every match offered to the creator's
 * one client, one after another, with `side` in its inputs. Three aliases make a bye.
 */
import { ManualClock } from '../src/common/clock/clock';
import { MatchHost } from '../src/modules/game/host/match-host';
import { bearer, registerAccount } from './support/accounts';
import { gameDriver } from './support/game-clock';
import { collect, fence, nextEvent, request, socketPool } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';
import { follow, getTournament, MatchReady, TournamentBody } from './support/tournaments';

describe('local tournaments (e2e)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 12));
  let t: TestApp;
  const game = gameDriver(() => t, clock);
  const pool = socketPool(() => t);
  const live = (matchId: string) => t.app.get(MatchHost).has(matchId);

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { GAME_WINNING_SCORE: '2', GAME_COUNTDOWN_MS: '1000', TOURNAMENT_NOSHOW_MS: '60000' },
    });
  });

  afterAll(async () => {
    pool.closeAll();
    await t.close();
  });

  it('plays three aliases on one client: a bye for the first seed, two matches, a ledger entry', async () => {
    const host = await registerAccount(t);
    const socket = await pool.open(host);
    const player = follow(host, socket, false);
    const created = await t
      .http()
      .post('/api/tournaments')
      .set(bearer(host.accessToken))
      .send({ name: 'Living room cup', kind: 'local', aliases: ['Ada', 'Grace', 'Linus'] })
      .expect(201);
    const cup = created.body as TournamentBody;
    expect(cup).toMatchObject({
      kind: 'local',
      size: 3,
      status: 'in_progress',
      creator: { id: host.id },
      participants: [
        { user: null, alias: 'Ada', seed: 1 },
        { user: null, alias: 'Grace', seed: 2 },
        { user: null, alias: 'Linus', seed: 3 },
      ],
    });
    const ada = { alias: 'Ada', userId: null };
    expect(cup.rounds).toEqual([
      [
        {
          round: 1,
          position: 0,
          matchId: null,
          left: ada,
          right: null,
          winnerSide: 'left',
          score: null,
        },
        {
          round: 1,
          position: 1,
          matchId: expect.any(String),
          left: { alias: 'Grace', userId: null },
          right: { alias: 'Linus', userId: null },
          winnerSide: null,
          score: null,
        },
      ],
      [
        {
          round: 2,
          position: 0,
          matchId: null,
          left: ada,
          right: null,
          winnerSide: null,
          score: null,
        },
      ],
    ]);
    // The first match is offered before the creation answers: a fence on the socket is after it.
    await fence(socket);
    const firstMatch = cup.rounds[0][1].matchId as string;
    expect(player.ready).toEqual([
      {
        tournamentId: cup.id,
        matchId: firstMatch,
        round: 1,
        opponent: null,
        deadline: clock.now() + 60_000,
      },
    ]);
    // Nobody else may join or steer it.
    const guest = await registerAccount(t);
    const guestSocket = await pool.open(guest);
    expect(await request(guestSocket, 'match:join', { matchId: firstMatch })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      (
        await t
          .http()
          .post(`/api/tournaments/${cup.id}/join`)
          .set(bearer(guest.accessToken))
          .expect(409)
      ).body.message,
    ).toBe('The tournament is not open for registration');

    // The creator joins: both sides are there at once, the countdown starts.
    const countdown = collect(socket, 'match:countdown');
    const found = collect<{ side: string }>(socket, 'match:found');
    const counting = nextEvent<{ matchId: string }>(
      socket,
      'match:countdown',
      (c) => c.matchId === firstMatch,
    );
    const ack = await request<{ ok: boolean; match: { status: string } }>(socket, 'match:join', {
      matchId: firstMatch,
    });
    expect(ack).toMatchObject({ ok: true, match: { status: 'countdown' } });
    // match:found then match:countdown go out once the server's announcement settles, which may
    // be after the join's answer: wait for the countdown (the last), then fence for any more.
    await counting;
    await fence(socket);
    expect(countdown).toHaveLength(1);
    expect(found).toEqual([
      expect.objectContaining({ matchId: firstMatch, side: 'both', opponent: null }),
    ]);

    // Inputs carry `side`: the creator steers both paddles.
    const states = collect<{ paddles: { left: { y: number }; right: { y: number } } }>(
      socket,
      'match:state',
    );
    game.play(61);
    socket.emit('game:input', { matchId: firstMatch, direction: 'up', side: 'right', seq: 1 });
    await fence(socket); // the input has been read before the loop steps
    game.play(10);
    await fence(socket); // and the ten states it sent have arrived
    const last = states.at(-1);
    expect(last?.paddles.right.y).toBeLessThan(300);
    expect(last?.paddles.left.y).toBe(300);

    // The result is stored, then announced, then the bracket moves on and offers the final: the
    // loop steps until the match is over, then the offer is waited for in real time.
    const finalOffered = nextEvent<MatchReady>(
      socket,
      'tournament:match-ready',
      (offer) => offer.round === 2,
      10_000,
    );
    await game.playUntil(() => !live(firstMatch), 60);
    await finalOffered;
    await fence(socket); // nothing else is offered
    expect(player.ends).toHaveLength(1);
    // The final is offered only now, against Ada, who had the bye.
    expect(player.ready).toHaveLength(2);
    const final = player.ready[1];
    expect(final).toMatchObject({ round: 2, opponent: null });
    const mid = await getTournament(t, host, cup.id);
    expect(mid.rounds[1][0]).toMatchObject({
      matchId: final.matchId,
      left: ada,
      right: { userId: null },
    });

    const finished = nextEvent<{ tournamentId: string; status: string }>(
      socket,
      'tournament:update',
      (update) => update.tournamentId === cup.id && update.status === 'finished',
      10_000,
    );
    await request(socket, 'match:join', { matchId: final.matchId });
    await game.playUntil(() => !live(final.matchId), 60);
    await finished; // told once the tournament and its ledger entry are stored
    expect(player.ends).toHaveLength(2);
    const done = await getTournament(t, host, cup.id);
    expect(done.status).toBe('finished');
    expect(done.winner).toEqual({ user: null, alias: expect.any(String) });

    const ledger = await t.http().get(`/api/tournaments/${cup.id}/ledger`).expect(200);
    const { payload } = ledger.body;
    expect(payload.tournament).toMatchObject({
      id: cup.id,
      kind: 'local',
      size: 3,
      name: 'Living room cup',
    });
    expect(payload.matches).toHaveLength(2);
    expect(payload.standings.map((s: { place: number }) => s.place)).toEqual([1, 2, 3]);
    // Aliases are not in the ledger in clear, only salted commitments to each seat.
    expect(JSON.stringify(payload)).not.toContain(`"${done.winner?.alias}"`);
    expect(payload.standings[0]).toEqual({
      place: 1,
      seed: expect.any(Number),
      commitment: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Local matches change nobody's rating.
    const stats = await t.http().get(`/api/users/${host.id}/stats`).set(bearer(host.accessToken));
    expect(stats.body).toMatchObject({ played: 0, rating: 1000 });
  });

  it('refuses a size that does not match the aliases', async () => {
    const host = await registerAccount(t);
    const res = await t
      .http()
      .post('/api/tournaments')
      .set(bearer(host.accessToken))
      .send({ name: 'Odd', kind: 'local', aliases: ['a', 'b', 'c', 'd', 'e'], size: 4 })
      .expect(400);
    expect(res.body.message).toBe('a local tournament has one seat per alias: leave size out');
  });
});
