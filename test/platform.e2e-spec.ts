/** The cross-cutting contract: envelopes, health, docs, security headers, request ids. */
import { DataSource } from 'typeorm';
import { bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { startTestApp, TestApp } from './support/test-app';

interface OpenApiOperation {
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  security?: unknown[];
}

describe('platform (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: { CORS_ORIGIN: 'https://play.example.com,https://admin.example.com' },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers an unknown route with a 404 envelope', async () => {
    const res = await t.http().get('/api/nowhere?x=1').expect(404);
    expectEnvelope(res.body, 404, '/api/nowhere');
    const outside = await t.http().post('/definitely/not/here').expect(404);
    expectEnvelope(outside.body, 404, '/definitely/not/here');
  });

  it('answers a JSON body that is not an object with a 400 envelope', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('[1, 2, 3]')
      .expect(400);
    expectEnvelope(res.body, 400, '/api/auth/login');
  });

  it('refuses an unsupported content type with an envelope', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/xml')
      .send('<login/>');
    expect(res.status).toBe(415);
    expectEnvelope(res.body, 415, '/api/auth/login');
  });

  it('refuses a body over 1 MiB with a 413 envelope', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ login: 'x'.repeat(1024 * 1024 + 10), password: 'long enough' })
      .expect(413);
    expectEnvelope(res.body, 413, '/api/auth/login');
  });

  it('serves liveness and readiness outside /api', async () => {
    const live = await t.http().get('/health').expect(200);
    expect(live.body.status).toBe('ok');
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
    await t.http().get('/api/health').expect(404);
  });

  it('sends security headers and a request id, echoing a sane one', async () => {
    const res = await t.http().get('/health').set('x-request-id', 'trace-42').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-42');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const generated = await t
      .http()
      .get('/health')
      .set('x-request-id', 'bad id\twith spaces')
      .expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows only the configured CORS origins', async () => {
    const allowed = await t
      .http()
      .options('/api/auth/login')
      .set('Origin', 'https://play.example.com')
      .set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://play.example.com');
    const denied = await t
      .http()
      .options('/api/auth/login')
      .set('Origin', 'https://evil.example.com')
      .set('Access-Control-Request-Method', 'POST');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  describe('Swagger', () => {
    it('serves the UI at /docs with a CSP that lets it run', async () => {
      const res = await t.http().get('/docs').expect(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.text).toContain('swagger-ui');
      expect(res.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
      await t.http().get('/docs/swagger-ui-init.js').expect(200);
    });

    it('documents every route with its success and error answers', async () => {
      const res = await t.http().get('/docs-json').expect(200);
      const doc = res.body as {
        paths: Record<string, Record<string, OpenApiOperation>>;
        components: { schemas: Record<string, unknown> };
      };
      const expected: Record<string, string[]> = {
        '/api/auth/register': ['post'],
        '/api/auth/login': ['post'],
        '/api/auth/refresh': ['post'],
        '/api/auth/logout': ['post'],
        '/api/auth/2fa/setup': ['post'],
        '/api/auth/2fa/enable': ['post'],
        '/api/auth/2fa/disable': ['post'],
        '/api/auth/2fa/login': ['post'],
        '/api/users/me': ['delete', 'get', 'patch'],
        '/api/users/me/avatar': ['put'],
        '/api/users/me/export': ['get'],
        '/api/users/me/password': ['put'],
        '/api/users/me/api-keys': ['get', 'post'],
        '/api/users/me/api-keys/{id}': ['delete'],
        '/api/users/me/identities': ['get'],
        '/api/users/me/identities/{provider}': ['delete'],
        '/api/auth/providers': ['get'],
        '/api/auth/oauth/{provider}': ['get'],
        '/api/auth/oauth/{provider}/callback': ['get'],
        '/api/auth/oauth/{provider}/link': ['get'],
        '/api/auth/oauth/exchange': ['post'],
        '/api/users': ['get'],
        '/api/users/{id}': ['get'],
        '/api/users/{id}/stats': ['get'],
        '/api/users/{id}/matches': ['get'],
        '/api/matches': ['get'],
        '/api/matches/{id}': ['get'],
        '/api/matches/{id}/replay': ['get'],
        '/api/matches/{id}/replay/verify': ['get'],
        '/api/replays/verify': ['post'],
        '/api/leaderboard': ['get'],
        '/api/tournaments': ['get', 'post'],
        '/api/tournaments/{id}': ['delete', 'get'],
        '/api/tournaments/{id}/join': ['post'],
        '/api/tournaments/{id}/leave': ['post'],
        '/api/tournaments/{id}/start': ['post'],
        '/api/tournaments/{id}/ledger': ['get'],
        '/api/ledger/verify': ['get'],
        '/api/friends': ['get'],
        '/api/friends/requests': ['get', 'post'],
        '/api/friends/requests/{id}/accept': ['post'],
        '/api/friends/requests/{id}/decline': ['post'],
        '/api/friends/{userId}': ['delete'],
        '/api/blocks': ['get', 'post'],
        '/api/blocks/{userId}': ['delete'],
        '/api/chat/conversations': ['get'],
        '/api/chat/direct': ['post'],
        '/api/chat/channels': ['get', 'post'],
        '/api/chat/channels/{id}': ['patch'],
        '/api/chat/channels/{id}/join': ['post'],
        '/api/chat/channels/{id}/leave': ['post'],
        '/api/chat/channels/{id}/invite': ['post'],
        '/api/chat/channels/{id}/members/{userId}/role': ['put'],
        '/api/chat/channels/{id}/members/{userId}/kick': ['post'],
        '/api/chat/channels/{id}/members/{userId}/ban': ['post'],
        '/api/chat/channels/{id}/members/{userId}/mute': ['post'],
        '/api/chat/channels/{id}/bans/{userId}': ['delete'],
        '/api/chat/conversations/{id}/messages': ['get', 'post'],
        '/api/chat/conversations/{id}/read': ['post'],
        '/api/notifications': ['get'],
        '/api/notifications/{id}/read': ['post'],
        '/api/notifications/read-all': ['post'],
        '/avatars/{file}': ['get'],
        '/health': ['get'],
        '/health/ready': ['get'],
        '/metrics': ['get'],
      };
      expect(Object.keys(doc.paths).sort()).toEqual(Object.keys(expected).sort());
      for (const [path, methods] of Object.entries(expected)) {
        expect(Object.keys(doc.paths[path] ?? {}).sort()).toEqual(methods.sort());
      }
      for (const schema of [
        'ErrorEnvelopeDto',
        'MeProfileDto',
        'PublicProfileDto',
        'RegisterDto',
        'AuthResponseDto',
        'TournamentDto',
        'BracketMatchDto',
        'LedgerEntryDto',
        'LedgerVerdictDto',
      ]) {
        expect(doc.components.schemas).toHaveProperty(schema);
      }
      for (const [path, operations] of Object.entries(doc.paths)) {
        if (path.startsWith('/health') || path === '/metrics') continue;
        for (const [method, operation] of Object.entries(operations)) {
          const codes = Object.keys(operation.responses);
          expect({
            route: `${method} ${path}`,
            // A sign-in's steps succeed by redirecting the browser.
            hasSuccess: codes.some((c) => c.startsWith('2') || c === '302'),
          }).toEqual({
            route: `${method} ${path}`,
            hasSuccess: true,
          });
          const errors = codes.filter((c) => Number(c) >= 400);
          expect({ route: `${method} ${path}`, errors: errors.length > 0 }).toEqual({
            route: `${method} ${path}`,
            errors: true,
          });
          for (const code of errors) {
            expect(operation.responses[code].content?.['application/json']?.schema?.$ref).toBe(
              '#/components/schemas/ErrorEnvelopeDto',
            );
          }
        }
      }
      expect(doc.paths['/api/users/me'].get.security).toBeDefined();
      expect(doc.paths['/api/auth/login'].post.responses).toHaveProperty('429');
    });
  });

  describe('persistence across a restart', () => {
    it('keeps accounts, profiles and logins', async () => {
      const account = await registerAccount(t, { username: 'persistent' });
      await t
        .http()
        .patch('/api/users/me')
        .set(bearer(account.accessToken))
        .send({ bio: 'still here' })
        .expect(200);
      await t.restart();
      const me = await t.http().get('/api/users/me').set(bearer(account.accessToken)).expect(200);
      expect(me.body).toMatchObject({ id: account.id, bio: 'still here' });
      await t
        .http()
        .post('/api/auth/login')
        .send({ login: 'persistent', password: account.password })
        .expect(200);
      await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);
    });
  });
});

describe('platform faults (e2e)', () => {
  it('turns an unexpected failure into a bare 500 and reports not ready', async () => {
    const t = await startTestApp();
    try {
      const account = await registerAccount(t);
      await t.app.get(DataSource).destroy();
      const res = await t.http().get('/api/users/me').set(bearer(account.accessToken)).expect(500);
      expectEnvelope(res.body, 500, '/api/users/me', 'Internal server error');
      const ready = await t.http().get('/health/ready').expect(503);
      expectEnvelope(ready.body, 503, '/health/ready', 'Not ready: database unreachable');
      await t.http().get('/health').expect(200);
    } finally {
      await t.close();
    }
  });
});
