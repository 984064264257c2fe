/**
 * API keys for bots and tools (API.md "API keys"): created once and shown once, listed without
 * the key, `read` for GET routes and `play` for /game sockets, never account management, at most
 * 10 per account, a rate per key, and revocation at once, sockets included.
 */
import { DataSource } from 'typeorm';
import { ManualClock } from '../src/common/clock/clock';
import { ApiKey } from '../src/modules/auth/entities/api-key.entity';
import { Account, bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { ClientSocket, connected, connectGame, nextEvent, request } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

const KEY = /^arena_[A-Za-z0-9_-]{43}$/;

describe('API keys (e2e)', () => {
  const clock = new ManualClock(Date.now());
  let t: TestApp;
  let owner: Account;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock });
    owner = await registerAccount(t, { username: 'bot_owner' });
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    await t.close();
  });

  async function createKey(account: Account, body: object) {
    const res = await t
      .http()
      .post('/api/users/me/api-keys')
      .set(bearer(account.accessToken))
      .send(body)
      .expect(201);
    return res.body as { id: string; key: string; scopes: string[] };
  }

  /** The `connect_error` message of a /game socket opened with `token`, or null if it connected. */
  async function socketWith(
    token: string,
  ): Promise<{ socket: ClientSocket; refused: string | null }> {
    const socket = connectGame(t, token);
    sockets.push(socket);
    try {
      await connected(socket);
      return { socket, refused: null };
    } catch (error) {
      return { socket, refused: (error as Error).message };
    }
  }

  it('creates a key shown once, lists keys without it, and validates the request', async () => {
    const created = await t
      .http()
      .post('/api/users/me/api-keys')
      .set(bearer(owner.accessToken))
      .send({ name: 'ladder bot', scopes: ['play', 'read'], expiresInDays: 30 })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'ladder bot',
      key: expect.stringMatching(KEY),
      scopes: ['read', 'play'],
      createdAt: expect.any(String),
      expiresAt: new Date(clock.now() + 30 * 86_400_000).toISOString(),
      lastUsedAt: null,
    });
    const list = await t
      .http()
      .get('/api/users/me/api-keys')
      .set(bearer(owner.accessToken))
      .expect(200);
    expect(list.body).toEqual([
      {
        id: created.body.id,
        name: 'ladder bot',
        scopes: ['read', 'play'],
        createdAt: created.body.createdAt,
        expiresAt: created.body.expiresAt,
        lastUsedAt: null,
      },
    ]);
    for (const body of [
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['admin'] },
      { name: 'x', scopes: ['read', 'read'] },
      { name: '', scopes: ['read'] },
      { name: 'x', scopes: ['read'], expiresInDays: 0 },
      { name: 'x', scopes: ['read'], extra: true },
    ]) {
      await t
        .http()
        .post('/api/users/me/api-keys')
        .set(bearer(owner.accessToken))
        .send(body)
        .expect(400);
    }
    await t
      .http()
      .post('/api/users/me/api-keys')
      .send({ name: 'x', scopes: ['read'] })
      .expect(401);
  });

  it('lets a `read` key call GET routes and nothing else, and never open a socket', async () => {
    const { key } = await createKey(owner, { name: 'reader', scopes: ['read'] });
    const auth = bearer(key);
    const me = await t.http().get('/api/users/me').set(auth).expect(200);
    expect(me.body.id).toBe(owner.id);
    await t.http().get(`/api/users/${owner.id}/stats`).set(auth).expect(200);
    await t.http().get('/api/leaderboard').set(auth).expect(200);
    const write = await t.http().patch('/api/users/me').set(auth).send({ bio: 'bot' }).expect(403);
    expectEnvelope(write.body, 403, '/api/users/me');
    await t
      .http()
      .post('/api/tournaments')
      .set(auth)
      .send({ name: 'Bot cup', size: 4 })
      .expect(403);
    expect((await socketWith(key)).refused).toBe('forbidden');
    const listed = await t
      .http()
      .get('/api/users/me/api-keys')
      .set(bearer(owner.accessToken))
      .expect(200);
    expect(listed.body.find((row: { name: string }) => row.name === 'reader').lastUsedAt).toEqual(
      expect.any(String),
    );
  });

  it('lets a `play` key open /game sockets and play, but not read through REST', async () => {
    const { key } = await createKey(owner, { name: 'player', scopes: ['play'] });
    const { socket, refused } = await socketWith(key);
    expect(refused).toBeNull();
    const ack = await request<{ ok: boolean; matchId?: string }>(socket, 'match:ai', {
      difficulty: 'easy',
    });
    expect(ack).toEqual({ ok: true, matchId: expect.any(String) });
    await request(socket, 'match:leave', { matchId: ack.matchId });
    await t.http().get('/api/users/me').set(bearer(key)).expect(403);
  });

  it('never lets a key manage keys, the account, its password, 2FA, identities or erasure', async () => {
    const { key, id } = await createKey(owner, { name: 'everything', scopes: ['read', 'play'] });
    const auth = bearer(key);
    const refused = [
      t.http().get('/api/users/me/api-keys').set(auth),
      t
        .http()
        .post('/api/users/me/api-keys')
        .set(auth)
        .send({ name: 'child', scopes: ['read'] }),
      t.http().delete(`/api/users/me/api-keys/${id}`).set(auth),
      t.http().patch('/api/users/me').set(auth).send({ bio: 'hacked' }),
      t
        .http()
        .put('/api/users/me/password')
        .set(auth)
        .send({ currentPassword: owner.password, newPassword: 'new password 1' }),
      t.http().post('/api/auth/2fa/setup').set(auth),
      t.http().post('/api/auth/2fa/disable').set(auth).send({ code: '123456' }),
      t.http().get('/api/users/me/identities').set(auth),
      t.http().delete('/api/users/me/identities/local').set(auth),
      t.http().get('/api/auth/oauth/local/link').set(auth),
      t.http().get('/api/users/me/export').set(auth),
      t.http().delete('/api/users/me').set(auth).send({ password: owner.password }),
    ];
    const statuses: number[] = [];
    for (const call of refused) statuses.push((await call).status);
    expect(statuses).toEqual(refused.map(() => 403));
    await t.http().get('/api/users/me').set(bearer(owner.accessToken)).expect(200);
  });

  it('stops a revoked key at once, REST and sockets alike', async () => {
    const { key, id } = await createKey(owner, { name: 'revoked', scopes: ['read', 'play'] });
    const { socket } = await socketWith(key);
    expect(socket.connected).toBe(true);
    const gone = nextEvent<string>(socket, 'disconnect');
    await t
      .http()
      .delete(`/api/users/me/api-keys/${id}`)
      .set(bearer(owner.accessToken))
      .expect(204);
    await expect(gone).resolves.toBe('io server disconnect');
    const res = await t.http().get('/api/users/me').set(bearer(key)).expect(401);
    expectEnvelope(res.body, 401, '/api/users/me', 'Invalid, expired or revoked API key');
    expect((await socketWith(key)).refused).toBe('unauthorized');
    await t
      .http()
      .delete(`/api/users/me/api-keys/${id}`)
      .set(bearer(owner.accessToken))
      .expect(404);
    const other = await registerAccount(t, { username: 'not_owner' });
    const mine = await createKey(owner, { name: 'mine', scopes: ['read'] });
    await t
      .http()
      .delete(`/api/users/me/api-keys/${mine.id}`)
      .set(bearer(other.accessToken))
      .expect(404);
    await t
      .http()
      .delete('/api/users/me/api-keys/not-a-uuid')
      .set(bearer(owner.accessToken))
      .expect(400);
  });

  it('ends a key at its expiry', async () => {
    const { key } = await createKey(owner, { name: 'short', scopes: ['read'], expiresInDays: 1 });
    await t.http().get('/api/users/me').set(bearer(key)).expect(200);
    clock.advance(86_400_000 + 1);
    await t.http().get('/api/users/me').set(bearer(key)).expect(401);
  });

  it('holds at most 10 keys per account', async () => {
    const bot = await registerAccount(t, { username: 'many_keys' });
    for (let n = 1; n <= 10; n += 1) await createKey(bot, { name: `key ${n}`, scopes: ['read'] });
    const eleventh = await t
      .http()
      .post('/api/users/me/api-keys')
      .set(bearer(bot.accessToken))
      .send({ name: 'key 11', scopes: ['read'] })
      .expect(409);
    expectEnvelope(
      eleventh.body,
      409,
      '/api/users/me/api-keys',
      'An account holds at most 10 API keys',
    );
    const list = await t
      .http()
      .get('/api/users/me/api-keys')
      .set(bearer(bot.accessToken))
      .expect(200);
    expect(list.body).toHaveLength(10);
  });

  it('lists keys in the export without their secret, and erases them with the account', async () => {
    const leaving = await registerAccount(t, { username: 'leaving_bot' });
    const { key } = await createKey(leaving, { name: 'doomed', scopes: ['read', 'play'] });
    const { socket } = await socketWith(key);
    const exported = await t
      .http()
      .get('/api/users/me/export')
      .set(bearer(leaving.accessToken))
      .expect(200);
    expect(exported.body.apiKeys).toEqual([
      expect.objectContaining({ name: 'doomed', scopes: ['read', 'play'] }),
    ]);
    expect(JSON.stringify(exported.body)).not.toMatch(/arena_|keyHash/);

    const gone = nextEvent<string>(socket, 'disconnect');
    await t
      .http()
      .delete('/api/users/me')
      .set(bearer(leaving.accessToken))
      .send({ password: leaving.password })
      .expect(204);
    await expect(gone).resolves.toBe('io server disconnect');
    await t.http().get('/api/users/me').set(bearer(key)).expect(401);
    expect(await t.app.get(DataSource).getRepository(ApiKey).countBy({ userId: leaving.id })).toBe(
      0,
    );
  });
});

describe('API key rate (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT: 'on', API_KEY_RATE_LIMIT: '5' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 429 with Retry-After past the key’s requests a minute, other keys unaffected', async () => {
    const account = await registerAccount(t, { username: 'rated_bot' });
    const create = (name: string) =>
      t
        .http()
        .post('/api/users/me/api-keys')
        .set(bearer(account.accessToken))
        .send({ name, scopes: ['read'] })
        .expect(201);
    const busy = (await create('busy')).body.key as string;
    const calm = (await create('calm')).body.key as string;
    for (let n = 0; n < 5; n += 1)
      await t.http().get('/api/users/me').set(bearer(busy)).expect(200);
    const limited = await t.http().get('/api/users/me').set(bearer(busy)).expect(429);
    expectEnvelope(limited.body, 429, '/api/users/me', 'This API key allows 5 requests a minute');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await t.http().get('/api/users/me').set(bearer(calm)).expect(200);
    await t.http().get('/api/users/me').set(bearer(account.accessToken)).expect(200);
  });
});
