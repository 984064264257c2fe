/**
 * Input is bounded and checked before it costs anything (API.md, Conventions): path ids are
 * UUIDs, U+0000 never gets in, JSON bodies and socket payloads keep to 32 levels and 1,000 keys
 * and items, pages stay within 1..1,000,000 and limits within 1..100, malformed multipart is a 400.
 */
import { randomUUID } from 'node:crypto';
import { Account, bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { ClientSocket, connectedGame, request, untypedEmitter } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

const NUL = 'Text must not contain U+0000 (the NUL character)';
const TOO_DEEP = 'JSON must not be nested deeper than 32 levels';
const TOO_MANY = 'JSON must not hold more than 1000 keys and array items in all';

/** `levels` objects nested in one another around `leaf`. */
function nested(levels: number, leaf: unknown = 'x'): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { next: value };
  return value;
}

interface OpenApiParameter {
  name: string;
  in: string;
  schema?: { type?: string; format?: string; maximum?: number };
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  responses: Record<string, unknown>;
}

describe('input bounds (e2e)', () => {
  let t: TestApp;
  let alice: Account;

  beforeAll(async () => {
    t = await startTestApp();
    alice = await registerAccount(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const json = (method: 'post' | 'put' | 'delete', path: string, body: string, token?: string) => {
    const req = t.http()[method](path).set('Content-Type', 'application/json');
    if (token) void req.set(bearer(token));
    return req.send(body);
  };

  describe('path ids', () => {
    /** Every documented route with a path id (not an avatar's file name nor a provider's id). */
    async function idRoutes() {
      const doc = (await t.http().get('/docs-json').expect(200)).body as {
        paths: Record<string, Record<string, OpenApiOperation>>;
      };
      const routes: { method: string; path: string; params: string[]; op: OpenApiOperation }[] = [];
      for (const [path, operations] of Object.entries(doc.paths)) {
        const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        if (params.length === 0 || params.includes('file') || params.includes('provider')) continue;
        for (const [method, op] of Object.entries(operations)) {
          routes.push({ method, path, params, op });
        }
      }
      return routes;
    }

    it('documents every id as a uuid path parameter, with the 400 among the answers', async () => {
      const routes = await idRoutes();
      expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
        'delete /api/blocks/{userId}',
        'delete /api/chat/channels/{id}/bans/{userId}',
        'delete /api/friends/{userId}',
        'delete /api/tournaments/{id}',
        'delete /api/users/me/api-keys/{id}',
        'get /api/chat/conversations/{id}/messages',
        'get /api/matches/{id}',
        'get /api/matches/{id}/replay',
        'get /api/matches/{id}/replay/verify',
        'get /api/tournaments/{id}',
        'get /api/tournaments/{id}/ledger',
        'get /api/users/{id}',
        'get /api/users/{id}/matches',
        'get /api/users/{id}/stats',
        'patch /api/chat/channels/{id}',
        'post /api/chat/channels/{id}/invite',
        'post /api/chat/channels/{id}/join',
        'post /api/chat/channels/{id}/leave',
        'post /api/chat/channels/{id}/members/{userId}/ban',
        'post /api/chat/channels/{id}/members/{userId}/kick',
        'post /api/chat/channels/{id}/members/{userId}/mute',
        'post /api/chat/conversations/{id}/messages',
        'post /api/chat/conversations/{id}/read',
        'post /api/friends/requests/{id}/accept',
        'post /api/friends/requests/{id}/decline',
        'post /api/notifications/{id}/read',
        'post /api/tournaments/{id}/join',
        'post /api/tournaments/{id}/leave',
        'post /api/tournaments/{id}/start',
        'put /api/chat/channels/{id}/members/{userId}/role',
      ]);
      for (const { method, path, params, op } of routes) {
        for (const name of params) {
          const param = op.parameters?.find((p) => p.in === 'path' && p.name === name);
          expect({ route: `${method} ${path}`, name, schema: param?.schema }).toEqual({
            route: `${method} ${path}`,
            name,
            schema: { type: 'string', format: 'uuid' },
          });
        }
        expect({ route: `${method} ${path}`, codes: Object.keys(op.responses) }).toEqual({
          route: `${method} ${path}`,
          codes: expect.arrayContaining(['400']),
        });
      }
    });

    it('answers 400 on every route taking an id that is not a UUID, before any lookup', async () => {
      for (const { method, path, params } of await idRoutes()) {
        for (const bad of ['nope', `${randomUUID()}x`, randomUUID().replace(/-/g, '')]) {
          const url = params.reduce((p, name) => p.replace(`{${name}}`, bad), path);
          const res = await t
            .http()
            [method as 'get' | 'post' | 'delete'](url)
            .set(bearer(alice.accessToken));
          expect({ route: `${method} ${url}`, status: res.status }).toEqual({
            route: `${method} ${url}`,
            status: 400,
          });
          expectEnvelope(res.body, 400, url, [`${params[0]} must be a UUID`]);
        }
      }
    });

    it('keeps 404 for a UUID nobody knows, in either case, and leaves avatar file names alone', async () => {
      const unknown = randomUUID();
      for (const path of [`/api/users/${unknown}`, `/api/users/${unknown.toUpperCase()}`]) {
        const res = await t.http().get(path).set(bearer(alice.accessToken)).expect(404);
        expectEnvelope(res.body, 404, path, 'User not found');
      }
      await t.http().get(`/api/users/${alice.id}`).set(bearer(alice.accessToken)).expect(200);
      await t.http().get('/avatars/nope.png').expect(404);
    });

    it('takes only UUIDs as user ids in bodies too', async () => {
      const res = await t
        .http()
        .post('/api/friends/requests')
        .set(bearer(alice.accessToken))
        .send({ userId: 'nope' })
        .expect(400);
      expectEnvelope(res.body, 400, '/api/friends/requests', ['userId must be a UUID']);
    });
  });

  describe('U+0000', () => {
    it('is refused in a path, before routing decides anything', async () => {
      for (const path of ['/api/users/%00', '/api/users/me%00', '/health/%00', '/nowhere/%00']) {
        const res = await t.http().get(path).set(bearer(alice.accessToken)).expect(400);
        expectEnvelope(res.body, 400, path, NUL);
      }
    });

    it('is refused in a query string', async () => {
      const res = await t
        .http()
        .get('/api/users?search=a%00b')
        .set(bearer(alice.accessToken))
        .expect(400);
      expectEnvelope(res.body, 400, '/api/users', NUL);
      await t.http().get('/health?probe=%00').expect(400);
      // An escaped percent sign is text, not U+0000.
      await t.http().get('/api/users?search=a%2500b').set(bearer(alice.accessToken)).expect(200);
    });

    it('is refused in a login body, as a 400 and not as wrong credentials', async () => {
      const res = await t
        .http()
        .post('/api/auth/login')
        .send({ login: alice.username, password: 'correct horse\u0000battery' })
        .expect(400);
      expectEnvelope(res.body, 400, '/api/auth/login', NUL);
    });

    it('is refused in a register body, and nothing is stored', async () => {
      const body = {
        username: 'nul_tester',
        email: 'nul@example.com',
        password: 'correct horse battery',
        displayName: 'Nul\u0000Tester',
      };
      const res = await t.http().post('/api/auth/register').send(body).expect(400);
      expectEnvelope(res.body, 400, '/api/auth/register', NUL);
      await t
        .http()
        .post('/api/auth/register')
        .send({ ...body, displayName: 'Nul Tester' })
        .expect(201);
    });

    it('is refused in a key name, before the unknown key is even noticed', async () => {
      const res = await json(
        'post',
        '/api/auth/login',
        '{"login":"alice","password":"correct horse","x\\u0000":1}',
      ).expect(400);
      expectEnvelope(res.body, 400, '/api/auth/login', NUL);
    });

    it('is refused in a form body', async () => {
      const res = await t
        .http()
        .post('/api/auth/login')
        .type('form')
        .send('login=alice%00&password=correct+horse')
        .expect(400);
      expectEnvelope(res.body, 400, '/api/auth/login', NUL);
    });
  });

  describe('JSON bodies', () => {
    it('refuses 80,000 unknown keys on an unauthenticated route at once, as a 400', async () => {
      const keys = Array.from({ length: 80_000 }, (_, i) => `"k${i}":0`).join(',');
      const started = Date.now();
      const res = await json('post', '/api/auth/refresh', `{${keys}}`).expect(400);
      expectEnvelope(res.body, 400, '/api/auth/refresh', TOO_MANY);
      // It once froze the server for 3 s in class-transformer; now it costs the parse and no more.
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('refuses 1,001 keys and items in all, and takes 1,000 on to validation', async () => {
      const items = (n: number) =>
        JSON.stringify({ refreshToken: Array.from({ length: n }, () => 0) });
      const over = await json('post', '/api/auth/refresh', items(1000)).expect(400);
      expectEnvelope(over.body, 400, '/api/auth/refresh', TOO_MANY);
      const within = await json('post', '/api/auth/refresh', items(999)).expect(400);
      expectEnvelope(within.body, 400, '/api/auth/refresh', ['refreshToken must be a string']);
    });

    it('refuses nesting deeper than 32 levels, 5,000 and 500,000 included, as a 400', async () => {
      const atBound = await json(
        'post',
        '/api/auth/refresh',
        JSON.stringify({ refreshToken: nested(31) }),
      ).expect(400);
      expectEnvelope(atBound.body, 400, '/api/auth/refresh', ['refreshToken must be a string']);
      for (const body of [
        JSON.stringify({ refreshToken: nested(32) }),
        `{"refreshToken":${'['.repeat(5000)}${']'.repeat(5000)}}`,
        `${'['.repeat(500_000)}${']'.repeat(500_000)}`,
      ]) {
        const res = await json('post', '/api/auth/refresh', body).expect(400);
        expectEnvelope(res.body, 400, '/api/auth/refresh', TOO_DEEP);
      }
    });

    it('keeps the answers for malformed JSON, prototype keys and bodies over 1 MiB', async () => {
      const malformed = await json('post', '/api/auth/login', '{"login":').expect(400);
      expectEnvelope(malformed.body, 400, '/api/auth/login');
      const proto = await json(
        'post',
        '/api/auth/login',
        '{"__proto__":{"admin":true},"login":"a","password":"b"}',
      ).expect(400);
      expectEnvelope(proto.body, 400, '/api/auth/login');
      const big = await json(
        'post',
        '/api/auth/login',
        JSON.stringify({ login: 'a', password: 'x'.repeat(1024 * 1024) }),
      ).expect(413);
      expectEnvelope(big.body, 413, '/api/auth/login');
    });

    it('refuses a form body of more than 1,000 pairs', async () => {
      const form = Array.from({ length: 1001 }, (_, i) => `k${i}=0`).join('&');
      const res = await t.http().post('/api/auth/login').type('form').send(form).expect(400);
      expectEnvelope(res.body, 400, '/api/auth/login', TOO_MANY);
    });

    it('takes an empty body sent as JSON as no body, on POST and DELETE', async () => {
      const bob = await registerAccount(t);
      const created = await t
        .http()
        .post('/api/tournaments')
        .set(bearer(alice.accessToken))
        .send({ name: 'Empty bodies cup', size: 4 })
        .expect(201);
      const id = created.body.id as string;
      await json('post', `/api/tournaments/${id}/join`, '', bob.accessToken).expect(200);
      await json('post', `/api/tournaments/${id}/leave`, '', bob.accessToken).expect(204);
      await json('delete', `/api/tournaments/${id}`, '', alice.accessToken).expect(204);
      // A route that needs a body says what is missing, not that the body is empty.
      const erase = await json('delete', '/api/users/me', '', bob.accessToken).expect(400);
      expectEnvelope(erase.body, 400, '/api/users/me', ['password must be a string']);
    });
  });

  describe('multipart', () => {
    it('answers 400 to a multipart request without a boundary', async () => {
      const res = await t
        .http()
        .put('/api/users/me/avatar')
        .set(bearer(alice.accessToken))
        .set('Content-Type', 'multipart/form-data')
        .send('--x\r\n')
        .expect(400);
      expectEnvelope(res.body, 400, '/api/users/me/avatar', /^Malformed multipart request/);
    });

    it('answers 400 to a multipart body cut short', async () => {
      const res = await t
        .http()
        .put('/api/users/me/avatar')
        .set(bearer(alice.accessToken))
        .set('Content-Type', 'multipart/form-data; boundary=arena')
        .send(
          '--arena\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n' +
            'Content-Type: image/png\r\n\r\n\x89PNG',
        )
        .expect(400);
      expectEnvelope(res.body, 400, '/api/users/me/avatar', /^Malformed multipart request/);
    });
  });

  describe('pagination', () => {
    const lists = () => [
      '/api/users',
      '/api/leaderboard',
      '/api/matches',
      `/api/users/${alice.id}/matches`,
      '/api/tournaments',
    ];

    it('refuses a page outside 1..1,000,000 or a limit outside 1..100, with 400', async () => {
      for (const list of lists()) {
        for (const query of [
          'page=1e20',
          'page=1000001',
          'page=0',
          'page=-1',
          'page=1.5',
          'page=abc',
          'page=',
          'limit=0',
          'limit=101',
          'limit=1e3',
        ]) {
          const res = await t.http().get(`${list}?${query}`).set(bearer(alice.accessToken));
          expect({ url: `${list}?${query}`, status: res.status }).toEqual({
            url: `${list}?${query}`,
            status: 400,
          });
          expectEnvelope(res.body, 400, list);
        }
      }
    });

    it('answers an empty list past the end, up to page 1,000,000', async () => {
      for (const list of lists()) {
        const res = await t
          .http()
          .get(`${list}?page=1000000&limit=100`)
          .set(bearer(alice.accessToken))
          .expect(200);
        expect(res.body).toEqual({
          items: [],
          total: expect.any(Number),
          page: 1_000_000,
          limit: 100,
        });
      }
    });

    it('documents the bounds in Swagger', async () => {
      const doc = (await t.http().get('/docs-json').expect(200)).body as {
        paths: Record<string, Record<string, OpenApiOperation>>;
      };
      for (const path of [
        '/api/users',
        '/api/leaderboard',
        '/api/matches',
        '/api/users/{id}/matches',
        '/api/tournaments',
      ]) {
        const params = doc.paths[path].get.parameters ?? [];
        const schemaOf = (name: string) => params.find((p) => p.name === name)?.schema;
        expect({ path, page: schemaOf('page'), limit: schemaOf('limit') }).toEqual({
          path,
          page: expect.objectContaining({ minimum: 1, maximum: 1_000_000 }),
          limit: expect.objectContaining({ minimum: 1, maximum: 100 }),
        });
      }
    });
  });

  describe('/game payloads', () => {
    let socket: ClientSocket;

    beforeAll(async () => {
      socket = await connectedGame(t, alice.accessToken);
    });

    afterAll(() => {
      socket.disconnect();
    });

    const refused = { ok: false, error: { code: 'VALIDATION', message: expect.any(String) } };

    it('takes only UUIDs as match, user and challenge ids', async () => {
      for (const [event, payload] of [
        ['match:join', { matchId: 'nope' }],
        ['match:spectate', { matchId: 'nope' }],
        ['match:leave', { matchId: `${randomUUID()}0` }],
        ['challenge:send', { userId: 'nope' }],
        ['challenge:accept', { challengeId: 'nope' }],
        ['challenge:decline', { challengeId: 'x'.repeat(36) }],
      ] as const) {
        expect({ event, ack: await request(socket, event, payload) }).toEqual({
          event,
          ack: refused,
        });
      }
      // A well-formed id nobody knows is still unknown.
      expect(await request(socket, 'match:spectate', { matchId: randomUUID() })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    });

    it('refuses U+0000, deep nesting and too many keys in any payload', async () => {
      expect(await request(socket, 'match:local', { aliases: ['Left\u0000', 'Right'] })).toEqual({
        ok: false,
        error: { code: 'VALIDATION', message: NUL },
      });
      expect(await request(socket, 'match:join', nested(40, randomUUID()))).toEqual({
        ok: false,
        error: { code: 'VALIDATION', message: TOO_DEEP },
      });
      const wide = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, 0]));
      expect(await request(socket, 'queue:join', wide)).toEqual({
        ok: false,
        error: { code: 'VALIDATION', message: TOO_MANY },
      });
    });

    it('closes a socket that sends a message over 64 KiB, before parsing it', async () => {
      const big = await connectedGame(t, alice.accessToken);
      const closed = new Promise<string>((resolve) => big.once('disconnect', resolve));
      const wide = Object.fromEntries(Array.from({ length: 70_000 }, (_, i) => [`k${i}`, 0]));
      untypedEmitter(big).emit('queue:join', wide);
      expect(await closed).toMatch(/transport (close|error)/);
      // Everyone else carries on.
      expect(await request(socket, 'queue:leave')).toEqual({ ok: true });
    });

    it('drops a game:input with a malformed id or payload, and the socket carries on', async () => {
      socket.emit('game:input', { matchId: 'nope', direction: 'up' });
      untypedEmitter(socket).emit('game:input', {
        matchId: randomUUID(),
        direction: 'up',
        pad: nested(100),
      });
      socket.emit('game:input', { matchId: `${randomUUID()}\u0000`, direction: 'up' });
      const ack = await request<{ ok: boolean; matchId: string }>(socket, 'match:local', {});
      expect(ack).toEqual({ ok: true, matchId: expect.any(String) });
      await request(socket, 'match:leave', { matchId: ack.matchId });
    });
  });
});
