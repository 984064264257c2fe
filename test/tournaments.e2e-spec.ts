/** The tournament lifecycle over REST: create, join, leave, start, cancel, and every refusal. */
import { randomUUID } from 'node:crypto';
import { ManualClock } from '../src/common/clock/clock';
import { Account, bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { collect, fence, socketPool } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';
import type { TournamentBody } from './support/tournaments';

describe('tournament lifecycle (e2e)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 12));
  let t: TestApp;
  const pool = socketPool(() => t);

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { TOURNAMENT_NOSHOW_MS: '600000' } });
  });

  afterAll(async () => {
    pool.closeAll();
    await t.close();
  });

  const post = (account: Account, path: string, body?: object) =>
    t.http().post(path).set(bearer(account.accessToken)).send(body);

  async function create(account: Account, body: object = { name: 'Friday Cup', size: 4 }) {
    const res = await post(account, '/api/tournaments', body).expect(201);
    return res.body as TournamentBody;
  }

  it('creates an online tournament that its creator has joined', async () => {
    const alice = await registerAccount(t);
    const created = await create(alice, { name: '  Friday Cup  ', size: 8 });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Friday Cup',
      kind: 'online',
      size: 8,
      status: 'registering',
      creator: expect.objectContaining({ id: alice.id, username: alice.username }),
      participants: [
        {
          user: expect.objectContaining({ id: alice.id, rating: 1000 }),
          alias: alice.username,
          seed: null,
        },
      ],
      rounds: [],
      winner: null,
      createdAt: new Date(clock.now()).toISOString(),
      startedAt: null,
      endedAt: null,
    });
    expect(JSON.stringify(created)).not.toContain('@example.com');
    const read = await t
      .http()
      .get(`/api/tournaments/${created.id}`)
      .set(bearer(alice.accessToken))
      .expect(200);
    expect(read.body).toEqual(created);
  });

  it('validates what a tournament is made of', async () => {
    const alice = await registerAccount(t);
    for (const [body, message] of [
      [{ size: 4 }, 'name must be 1 to 64 characters'],
      [{ name: '', size: 4 }, 'name must be 1 to 64 characters'],
      [{ name: 'x'.repeat(65), size: 4 }, 'name must be 1 to 64 characters'],
      [{ name: 'Cup' }, 'size must be 4, 8 or 16'],
      [{ name: 'Cup', size: 6 }, 'size must be 4, 8 or 16'],
      [{ name: 'Cup', size: '4' }, 'size must be 4, 8 or 16'],
      [
        { name: 'Cup', kind: 'lan', size: 4 },
        'kind must be one of the following values: online, local',
      ],
      [{ name: 'Cup', kind: 'local' }, 'aliases must be an array'],
      [
        { name: 'Cup', kind: 'local', aliases: ['solo'] },
        'aliases must contain at least 2 elements',
      ],
      [
        { name: 'Cup', kind: 'local', aliases: Array.from({ length: 17 }, (_, i) => `p${i}`) },
        'aliases must contain no more than 16 elements',
      ],
      [
        { name: 'Cup', kind: 'local', aliases: ['Ann', 'ann'] },
        'aliases must be distinct (ignoring case)',
      ],
      [
        { name: 'Cup', kind: 'local', aliases: ['Ann', ' '] },
        'each alias must be 1 to 32 characters',
      ],
      [
        { name: 'Cup', kind: 'local', aliases: ['Ann', 'B\u0007'] },
        'aliases must not contain control characters or bidirectional overrides',
      ],
      [{ name: 'Cup', size: 4, colour: 'red' }, 'property colour should not exist'],
    ] as const) {
      const res = await post(alice, '/api/tournaments', body).expect(400);
      expectEnvelope(res.body, 400, '/api/tournaments', [message]);
    }
    const aliasesOnline = await post(alice, '/api/tournaments', {
      name: 'Cup',
      size: 4,
      aliases: ['a', 'b'],
    }).expect(400);
    expectEnvelope(
      aliasesOnline.body,
      400,
      '/api/tournaments',
      'aliases are for local tournaments only',
    );
    const anonymous = await t
      .http()
      .post('/api/tournaments')
      .send({ name: 'Cup', size: 4 })
      .expect(401);
    expectEnvelope(anonymous.body, 401, '/api/tournaments');
  });

  it('seats players under unique aliases, tells everyone in it, and refuses what does not fit', async () => {
    const [alice, bob, carol, dave, erin] = await Promise.all(
      Array.from({ length: 5 }, () => registerAccount(t)),
    );
    const aliceSocket = await pool.open(alice);
    const updates = collect<{ tournamentId: string; status: string }>(
      aliceSocket,
      'tournament:update',
    );
    const cup = await create(alice);
    const path = `/api/tournaments/${cup.id}/join`;

    const bobIn = await post(bob, path, { alias: 'Bobby' }).expect(200);
    expect(bobIn.body.participants.map((p: { alias: string }) => p.alias)).toEqual([
      alice.username,
      'Bobby',
    ]);
    // The update goes out before the join answers: a fence on the socket is after it.
    await fence(aliceSocket);
    expect(updates).toEqual([{ tournamentId: cup.id, status: 'registering' }]);

    expectEnvelope(
      (await post(bob, path).expect(409)).body,
      409,
      path,
      'You are already in this tournament',
    );
    expectEnvelope(
      (await post(carol, path, { alias: 'BOBBY' }).expect(409)).body,
      409,
      path,
      'That alias is already taken in this tournament',
    );
    expectEnvelope((await post(carol, path, { alias: '' }).expect(400)).body, 400, path, [
      'alias must be 1 to 32 characters',
    ]);
    expectEnvelope(
      (await post(carol, '/api/tournaments/00000000-0000-4000-8000-000000000000/join').expect(404))
        .body,
      404,
      '/api/tournaments/00000000-0000-4000-8000-000000000000/join',
      'Tournament not found',
    );

    // Leaving gives the seat back; the creator cancels instead of leaving; strangers have no seat.
    await post(bob, `/api/tournaments/${cup.id}/leave`).expect(204);
    expectEnvelope(
      (await post(alice, `/api/tournaments/${cup.id}/leave`).expect(409)).body,
      409,
      `/api/tournaments/${cup.id}/leave`,
      'The creator cannot leave; cancel the tournament instead',
    );
    expectEnvelope(
      (await post(erin, `/api/tournaments/${cup.id}/leave`).expect(409)).body,
      409,
      `/api/tournaments/${cup.id}/leave`,
      'You are not in this tournament',
    );

    // The fourth seat starts it by itself.
    await post(bob, path).expect(200);
    await post(carol, path).expect(200);
    const full = await post(dave, path).expect(200);
    expect(full.body.status).toBe('in_progress');
    expect(full.body.startedAt).toBe(new Date(clock.now()).toISOString());
    expectEnvelope(
      (await post(erin, path).expect(409)).body,
      409,
      path,
      'The tournament is not open for registration',
    );
    expectEnvelope(
      (await post(bob, `/api/tournaments/${cup.id}/leave`).expect(409)).body,
      409,
      `/api/tournaments/${cup.id}/leave`,
      'Seats can only be given back while registering',
    );
    expectEnvelope(
      (await post(alice, `/api/tournaments/${cup.id}/start`).expect(409)).body,
      409,
      `/api/tournaments/${cup.id}/start`,
      'The tournament has already started or ended',
    );
    const cancel = await t
      .http()
      .delete(`/api/tournaments/${cup.id}`)
      .set(bearer(alice.accessToken))
      .expect(409);
    expectEnvelope(
      cancel.body,
      409,
      `/api/tournaments/${cup.id}`,
      'Only a tournament still registering can be cancelled',
    );
    await fence(aliceSocket);
    expect(updates.at(-1)).toEqual({ tournamentId: cup.id, status: 'in_progress' });
  });

  it('refuses a full tournament with 409', async () => {
    // Seats are all taken, the tournament started: nobody else gets in.
    const players = await Promise.all(Array.from({ length: 5 }, () => registerAccount(t)));
    const cup = await create(players[0]);
    for (const player of players.slice(1, 4))
      await post(player, `/api/tournaments/${cup.id}/join`).expect(200);
    const res = await post(players[4], `/api/tournaments/${cup.id}/join`).expect(409);
    expectEnvelope(res.body, 409, `/api/tournaments/${cup.id}/join`);
  });

  it('lets only the creator start (with at least two) or cancel it', async () => {
    const [alice, bob, carol] = await Promise.all(
      Array.from({ length: 3 }, () => registerAccount(t)),
    );
    const cup = await create(alice, { name: 'Small', size: 8 });
    const start = `/api/tournaments/${cup.id}/start`;
    expectEnvelope(
      (await post(alice, start).expect(409)).body,
      409,
      start,
      'At least 2 participants are needed to start',
    );
    await post(bob, `/api/tournaments/${cup.id}/join`).expect(200);
    expectEnvelope(
      (await post(bob, start).expect(403)).body,
      403,
      start,
      'Only the creator of the tournament can do that',
    );
    const byBob = await t
      .http()
      .delete(`/api/tournaments/${cup.id}`)
      .set(bearer(bob.accessToken))
      .expect(403);
    expectEnvelope(byBob.body, 403, `/api/tournaments/${cup.id}`);
    expect(
      (
        await t
          .http()
          .delete(`/api/tournaments/${randomUUID()}`)
          .set(bearer(bob.accessToken))
          .expect(404)
      ).body.message,
    ).toBe('Tournament not found');
    // An id that is not a UUID is malformed, not unknown.
    expectEnvelope(
      (await t.http().delete('/api/tournaments/nope').set(bearer(bob.accessToken)).expect(400))
        .body,
      400,
      '/api/tournaments/nope',
      ['id must be a UUID'],
    );

    const started = (await post(alice, start).expect(200)).body as TournamentBody;
    expect(started.status).toBe('in_progress');
    // Two players: one final, seeded by rating then by who came first.
    expect(started.participants.map((p) => [p.alias, p.seed])).toEqual([
      [alice.username, 1],
      [bob.username, 2],
    ]);
    expect(started.rounds).toEqual([
      [
        {
          round: 1,
          position: 0,
          matchId: expect.any(String),
          left: { alias: alice.username, userId: alice.id },
          right: { alias: bob.username, userId: bob.id },
          winnerSide: null,
          score: null,
        },
      ],
    ]);
    expect((await post(carol, `/api/tournaments/${cup.id}/join`).expect(409)).body.message).toBe(
      'The tournament is not open for registration',
    );

    const other = await create(alice, { name: 'Called off', size: 4 });
    await t
      .http()
      .delete(`/api/tournaments/${other.id}`)
      .set(bearer(alice.accessToken))
      .expect(204);
    const cancelled = await t
      .http()
      .get(`/api/tournaments/${other.id}`)
      .set(bearer(bob.accessToken))
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', endedAt: expect.any(String) });
    expect((await post(bob, `/api/tournaments/${other.id}/join`).expect(409)).body.message).toBe(
      'The tournament is not open for registration',
    );
  });

  it('lists tournaments newest first, by status, paginated', async () => {
    const alice = await registerAccount(t);
    clock.advance(1000);
    const first = await create(alice, { name: 'List A', size: 4 });
    clock.advance(1000);
    const second = await create(alice, { name: 'List B', size: 4 });
    const res = await t
      .http()
      .get('/api/tournaments?status=registering&page=1&limit=2')
      .set(bearer(alice.accessToken))
      .expect(200);
    expect(res.body).toMatchObject({ page: 1, limit: 2, total: expect.any(Number) });
    expect(res.body.items.map((item: TournamentBody) => item.id)).toEqual([second.id, first.id]);
    expect(res.body.items.every((item: TournamentBody) => item.status === 'registering')).toBe(
      true,
    );
    const bad = await t
      .http()
      .get('/api/tournaments?status=open')
      .set(bearer(alice.accessToken))
      .expect(400);
    expectEnvelope(bad.body, 400, '/api/tournaments');
  });
});
