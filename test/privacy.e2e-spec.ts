import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { User } from '../src/modules/users/entities/user.entity';
import { Account, bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { insertMatch } from './support/match-fixtures';
import { startTestApp, TestApp } from './support/test-app';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('me'),
]);

describe('GDPR export and erasure (e2e)', () => {
  let t: TestApp;
  let zoe: Account;
  let yan: Account;
  let xia: Account;
  let matchId: string;
  let tournamentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    zoe = await registerAccount(t, { username: 'zoe', email: 'zoe@example.com' });
    yan = await registerAccount(t, { username: 'yan' });
    xia = await registerAccount(t, { username: 'xia' });
    const req = await t
      .http()
      .post('/api/friends/requests')
      .set(bearer(zoe.accessToken))
      .send({ userId: yan.id })
      .expect(201);
    await t
      .http()
      .post(`/api/friends/requests/${req.body.id}/accept`)
      .set(bearer(yan.accessToken))
      .expect(200);
    await t
      .http()
      .post('/api/friends/requests')
      .set(bearer(xia.accessToken))
      .send({ userId: zoe.id })
      .expect(201);
    await t
      .http()
      .post('/api/blocks')
      .set(bearer(yan.accessToken))
      .send({ userId: xia.id })
      .expect(204);
    await t
      .http()
      .patch('/api/users/me')
      .set(bearer(zoe.accessToken))
      .send({ bio: 'about me' })
      .expect(200);
    await t
      .http()
      .put('/api/users/me/avatar')
      .set(bearer(zoe.accessToken))
      .attach('file', PNG, 'me.png')
      .expect(200);

    const cup = await t
      .http()
      .post('/api/tournaments')
      .set(bearer(yan.accessToken))
      .send({ name: 'Open cup', size: 4 })
      .expect(201);
    tournamentId = cup.body.id as string;
    await t
      .http()
      .post(`/api/tournaments/${tournamentId}/join`)
      .set(bearer(zoe.accessToken))
      .send({ alias: 'Zed' })
      .expect(200);

    matchId = await insertMatch(t.app, {
      status: 'finished',
      createdAt: new Date('2026-01-01T10:00:00.000Z'),
      left: { userId: zoe.id, alias: 'zoe', score: 11, before: 1000, after: 1016 },
      right: { userId: yan.id, alias: 'yan', score: 3, before: 1000, after: 984 },
      winnerSide: 'left',
      endReason: 'score',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('exports every record about the caller as a JSON download, and others only as public profiles', async () => {
    const res = await t.http().get('/api/users/me/export').set(bearer(zoe.accessToken)).expect(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="arena-export-${zoe.id}.json"`,
    );
    expect(res.body).toEqual({
      exportedAt: expect.any(String),
      profile: expect.objectContaining({ id: zoe.id, email: 'zoe@example.com', bio: 'about me' }),
      stats: expect.objectContaining({ userId: zoe.id }),
      sessions: [
        expect.objectContaining({
          id: expect.any(String),
          revokedAt: null,
          ip: '127.0.0.1',
          userAgent: null,
        }),
      ],
      identities: [],
      apiKeys: [],
      friends: [expect.objectContaining({ id: yan.id, username: 'yan' })],
      friendRequests: {
        incoming: [expect.objectContaining({ from: expect.objectContaining({ id: xia.id }) })],
        outgoing: [],
      },
      blocks: [],
      matches: [expect.objectContaining({ id: matchId, winnerSide: 'left' })],
      tournaments: [
        {
          id: tournamentId,
          name: 'Open cup',
          kind: 'online',
          status: 'registering',
          creator: false,
          alias: 'Zed',
          seed: null,
          commitmentSalt: expect.stringMatching(/^[0-9a-f]{64}$/),
          createdAt: expect.any(String),
        },
      ],
      conversations: [],
      messages: [],
      notifications: expect.arrayContaining([
        expect.objectContaining({
          kind: 'friend_request',
          data: expect.objectContaining({ from: expect.objectContaining({ id: xia.id }) }),
        }),
        expect.objectContaining({
          kind: 'friend_accepted',
          data: expect.objectContaining({ user: expect.objectContaining({ id: yan.id }) }),
        }),
      ]),
    });
    expect(res.body.notifications).toHaveLength(2);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/passwordHash|\$argon2|tokenHash|twoFactorSecret/);
    // Other people appear only through public profiles: no email of theirs.
    expect(text).not.toContain(`${'yan'}@example.com`);
    expect(res.body.friends[0]).not.toHaveProperty('email');
  });

  it('refuses erasure without the right password', async () => {
    const res = await t
      .http()
      .delete('/api/users/me')
      .set(bearer(zoe.accessToken))
      .send({ password: 'wrong password' })
      .expect(403);
    expectEnvelope(res.body, 403, '/api/users/me', 'The password is incorrect');
    await t.http().delete('/api/users/me').set(bearer(zoe.accessToken)).send({}).expect(400);
    await t.http().delete('/api/users/me').send({ password: zoe.password }).expect(401);
  });

  it('anonymises the account, revokes its sessions, removes its social records and avatar, keeps its matches', async () => {
    const before = await t.http().get('/api/users/me').set(bearer(zoe.accessToken)).expect(200);
    const avatarFile = join(
      t.env.AVATAR_DIR as string,
      (before.body.avatarUrl as string).split('/').pop() as string,
    );
    expect(existsSync(avatarFile)).toBe(true);
    const own = await t
      .http()
      .post('/api/tournaments')
      .set(bearer(zoe.accessToken))
      .send({ name: 'Zoe cup', size: 4 })
      .expect(201);

    await t
      .http()
      .delete('/api/users/me')
      .set(bearer(zoe.accessToken))
      .send({ password: zoe.password })
      .expect(204);

    await t.http().get('/api/users/me').set(bearer(zoe.accessToken)).expect(401);
    await t.http().post('/api/auth/refresh').send({ refreshToken: zoe.refreshToken }).expect(401);
    await t
      .http()
      .post('/api/auth/login')
      .send({ login: 'zoe', password: zoe.password })
      .expect(401);
    await t
      .http()
      .post('/api/auth/login')
      .send({ login: 'zoe@example.com', password: zoe.password })
      .expect(401);
    expect(existsSync(avatarFile)).toBe(false);

    const profile = await t
      .http()
      .get(`/api/users/${zoe.id}`)
      .set(bearer(yan.accessToken))
      .expect(200);
    expect(profile.body).toMatchObject({
      username: `deleted-${zoe.id.slice(0, 8)}`,
      displayName: `deleted-${zoe.id.slice(0, 8)}`,
      bio: '',
      avatarUrl: null,
    });
    expect(
      (await t.http().get('/api/friends').set(bearer(yan.accessToken)).expect(200)).body,
    ).toEqual([]);
    expect(
      (await t.http().get('/api/friends/requests').set(bearer(xia.accessToken)).expect(200)).body
        .outgoing,
    ).toEqual([]);
    const search = await t
      .http()
      .get('/api/users?search=deleted')
      .set(bearer(yan.accessToken))
      .expect(200);
    expect(search.body.total).toBe(0);
    const board = await t.http().get('/api/leaderboard').set(bearer(yan.accessToken)).expect(200);
    expect(board.body.items.map((e: { user: { id: string } }) => e.user.id)).not.toContain(zoe.id);

    // Its seat in a tournament still registering is given back; its own is called off.
    const cup = await t
      .http()
      .get(`/api/tournaments/${tournamentId}`)
      .set(bearer(yan.accessToken))
      .expect(200);
    expect(cup.body.participants.map((p: { alias: string }) => p.alias)).toEqual(['yan']);
    const called = await t
      .http()
      .get(`/api/tournaments/${own.body.id}`)
      .set(bearer(yan.accessToken))
      .expect(200);
    expect(called.body.status).toBe('cancelled');

    const match = await t
      .http()
      .get(`/api/matches/${matchId}`)
      .set(bearer(yan.accessToken))
      .expect(200);
    // The old name leaves the record too: the alias copied into it is the new name.
    expect(match.body.players[0]).toMatchObject({
      alias: `deleted-${zoe.id.slice(0, 8)}`,
      score: 11,
      user: { id: zoe.id, username: `deleted-${zoe.id.slice(0, 8)}` },
    });

    const row = await t.app
      .get(DataSource)
      .getRepository(User)
      .findOneOrFail({
        select: { email: true, passwordHash: true, twoFactorSecret: true, erasedAt: true },
        where: { id: zoe.id },
      });
    expect(row).toMatchObject({
      email: null,
      passwordHash: null,
      twoFactorSecret: null,
      erasedAt: expect.any(Date),
    });
    // Its old email is free again.
    await registerAccount(t, { username: 'zoe_again', email: 'zoe@example.com' });
  });

  it('reserves the names erased accounts take', async () => {
    const res = await t
      .http()
      .post('/api/auth/register')
      .send({ email: 'sneaky@example.com', username: 'Deleted-1234abcd', password: 'long enough' })
      .expect(400);
    expectEnvelope(res.body, 400, '/api/auth/register');
  });
});
