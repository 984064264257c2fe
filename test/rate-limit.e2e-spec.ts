import { bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { startTestApp, TestApp } from './support/test-app';

describe('rate limits (e2e)', () => {
  describe('with RATE_LIMIT on (the default)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { RATE_LIMIT: 'on' } });
    });

    afterAll(async () => {
      await t.close();
    });

    it('allows 10 login attempts a minute from one address, then answers 429 with Retry-After', async () => {
      for (let i = 0; i < 10; i++) {
        await t
          .http()
          .post('/api/auth/login')
          .send({ login: 'nobody', password: 'wrong password' })
          .expect(401);
      }
      const limited = await t
        .http()
        .post('/api/auth/login')
        .send({ login: 'nobody', password: 'wrong password' })
        .expect(429);
      expectEnvelope(limited.body, 429, '/api/auth/login');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    });

    it('counts each route on its own', async () => {
      const res = await t
        .http()
        .post('/api/auth/register')
        .send({ email: 'fresh@example.com', username: 'fresh', password: 'long enough' });
      expect(res.status).toBe(201);
    });
  });

  describe('per account: erasure and password change', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { RATE_LIMIT: 'on' } });
    });

    afterAll(async () => {
      await t.close();
    });

    const routes = [
      {
        name: 'PUT /api/users/me/password',
        path: '/api/users/me/password',
        attempt: (token: string) =>
          t
            .http()
            .put('/api/users/me/password')
            .set(bearer(token))
            .send({ currentPassword: 'wrong password', newPassword: 'a brand new secret' }),
      },
      {
        name: 'DELETE /api/users/me',
        path: '/api/users/me',
        attempt: (token: string) =>
          t.http().delete('/api/users/me').set(bearer(token)).send({ password: 'wrong password' }),
      },
    ];

    it.each(routes)(
      '$name allows 5 attempts a minute per account, then 429 with Retry-After',
      async ({ path, attempt }) => {
        const [target, bystander] = [await registerAccount(t), await registerAccount(t)];
        for (let i = 0; i < 5; i++) await attempt(target.accessToken).expect(403);
        const limited = await attempt(target.accessToken).expect(429);
        expectEnvelope(limited.body, 429, path);
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
        // Another session of the same account is the same account.
        const again = await t
          .http()
          .post('/api/auth/login')
          .send({ login: target.username, password: target.password })
          .expect(200);
        await attempt(again.body.accessToken as string).expect(429);
        // Counted per account, not per address: another account from this address goes on.
        await attempt(bystander.accessToken).expect(403);
      },
    );
  });

  describe('with RATE_LIMIT=off', () => {
    it('lets every attempt through', async () => {
      const t = await startTestApp({ env: { RATE_LIMIT: 'off' } });
      try {
        for (let i = 0; i < 15; i++) {
          await t
            .http()
            .post('/api/auth/login')
            .send({ login: 'nobody', password: 'wrong password' })
            .expect(401);
        }
        const account = await registerAccount(t);
        for (let i = 0; i < 7; i++) {
          await t
            .http()
            .put('/api/users/me/password')
            .set(bearer(account.accessToken))
            .send({ currentPassword: 'wrong password', newPassword: 'a brand new secret' })
            .expect(403);
        }
      } finally {
        await t.close();
      }
    });
  });
});
