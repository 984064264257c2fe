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
      } finally {
        await t.close();
      }
    });
  });
});
