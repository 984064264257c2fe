import { authenticator } from 'otplib';
import { ManualClock } from '../src/common/clock/clock';
import { Account, bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { startTestApp, TestApp } from './support/test-app';

describe('TOTP two-factor authentication (e2e)', () => {
  const clock = new ManualClock(Math.floor(Date.now() / 30_000) * 30_000 + 1_000);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });

  afterAll(async () => {
    await t.close();
  });

  /** The code an authenticator app shows at the server's current time (plus `offsetMs`). */
  const codeFor = (secret: string, offsetMs = 0) =>
    authenticator.clone({ epoch: clock.now() + offsetMs }).generate(secret);
  const post = (path: string, token?: string) => {
    const req = t.http().post(path);
    return token ? req.set(bearer(token)) : req;
  };
  const nextStep = () => clock.advance(30_000);

  async function enable(account: Account): Promise<string> {
    const setup = await post('/api/auth/2fa/setup', account.accessToken).expect(200);
    await post('/api/auth/2fa/enable', account.accessToken)
      .send({ code: codeFor(setup.body.secret) })
      .expect(204);
    nextStep();
    return setup.body.secret as string;
  }

  it('sets up with a secret and otpauth URL, and enables only with a valid code', async () => {
    const account = await registerAccount(t, { username: 'totp_alice' });
    const setup = await post('/api/auth/2fa/setup', account.accessToken).expect(200);
    expect(setup.body).toEqual({
      secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
      otpauthUrl: expect.stringMatching(
        /^otpauth:\/\/totp\/Arena:totp_alice\?secret=[A-Z2-7]{32}&period=30&digits=6&algorithm=SHA1&issuer=Arena$/,
      ),
    });
    const wrong = await post('/api/auth/2fa/enable', account.accessToken)
      .send({ code: '000000' })
      .expect(400);
    expectEnvelope(wrong.body, 400, '/api/auth/2fa/enable', 'Invalid two-factor code');
    await post('/api/auth/2fa/enable', account.accessToken).send({ code: 'abc' }).expect(400);
    await post('/api/auth/2fa/enable', account.accessToken)
      .send({ code: codeFor(setup.body.secret) })
      .expect(204);

    const me = await t.http().get('/api/users/me').set(bearer(account.accessToken)).expect(200);
    expect(me.body.twoFactorEnabled).toBe(true);
    expect(JSON.stringify(me.body)).not.toContain(setup.body.secret);
    await post('/api/auth/2fa/setup', account.accessToken).expect(409);
    await post('/api/auth/2fa/enable').send({ code: '123456' }).expect(401);
  });

  it('turns a password login into a challenge that a code finishes, once', async () => {
    const account = await registerAccount(t, { username: 'totp_bob' });
    const secret = await enable(account);
    const login = await post('/api/auth/login')
      .send({ login: 'totp_bob', password: account.password })
      .expect(200);
    expect(login.body).toEqual({ twoFactorRequired: true, challengeToken: expect.any(String) });

    const done = await post('/api/auth/2fa/login')
      .send({ challengeToken: login.body.challengeToken, code: codeFor(secret) })
      .expect(200);
    expect(done.body).toEqual({
      user: expect.objectContaining({ username: 'totp_bob', twoFactorEnabled: true }),
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    await t.http().get('/api/users/me').set(bearer(done.body.accessToken)).expect(200);

    // The challenge is spent, and the same code can't open another login in its window.
    nextStep();
    await post('/api/auth/2fa/login')
      .send({ challengeToken: login.body.challengeToken, code: codeFor(secret) })
      .expect(401);
    const again = await post('/api/auth/login')
      .send({ login: 'totp_bob', password: account.password })
      .expect(200);
    await post('/api/auth/2fa/login')
      .send({ challengeToken: again.body.challengeToken, code: codeFor(secret, -30_000) })
      .expect(401);
    await post('/api/auth/2fa/login')
      .send({ challengeToken: again.body.challengeToken, code: codeFor(secret) })
      .expect(200);
  });

  it('keeps a challenge through wrong codes, up to 5, and only for 5 minutes', async () => {
    const account = await registerAccount(t, { username: 'totp_cat' });
    const secret = await enable(account);
    const login = () =>
      post('/api/auth/login').send({ login: 'totp_cat', password: account.password }).expect(200);

    const first = await login();
    for (let i = 0; i < 4; i++) {
      const res = await post('/api/auth/2fa/login')
        .send({ challengeToken: first.body.challengeToken, code: '000000' })
        .expect(401);
      expectEnvelope(res.body, 401, '/api/auth/2fa/login', 'Invalid two-factor code');
    }
    await post('/api/auth/2fa/login')
      .send({ challengeToken: first.body.challengeToken, code: codeFor(secret) })
      .expect(200);

    nextStep();
    const second = await login();
    for (let i = 0; i < 5; i++) {
      await post('/api/auth/2fa/login')
        .send({ challengeToken: second.body.challengeToken, code: '000000' })
        .expect(401);
    }
    const exhausted = await post('/api/auth/2fa/login')
      .send({ challengeToken: second.body.challengeToken, code: codeFor(secret) })
      .expect(401);
    expectEnvelope(
      exhausted.body,
      401,
      '/api/auth/2fa/login',
      'Invalid or expired two-factor challenge',
    );

    const third = await login();
    clock.advance(5 * 60_000 + 1);
    await post('/api/auth/2fa/login')
      .send({ challengeToken: third.body.challengeToken, code: codeFor(secret) })
      .expect(401);
    await post('/api/auth/2fa/login')
      .send({ challengeToken: 'made-up', code: '123456' })
      .expect(401);
    await post('/api/auth/2fa/login').send({ challengeToken: 'x' }).expect(400);
  });

  it('disables with a current code; logins are plain again', async () => {
    const account = await registerAccount(t, { username: 'totp_dan' });
    const secret = await enable(account);
    await post('/api/auth/2fa/disable', account.accessToken).send({ code: '000000' }).expect(400);
    await post('/api/auth/2fa/disable', account.accessToken)
      .send({ code: codeFor(secret) })
      .expect(204);
    await post('/api/auth/2fa/disable', account.accessToken)
      .send({ code: codeFor(secret) })
      .expect(409);
    const login = await post('/api/auth/login')
      .send({ login: 'totp_dan', password: account.password })
      .expect(200);
    expect(login.body).toHaveProperty('accessToken');
  });
});

describe('2FA login rate limit (e2e)', () => {
  it('allows 10 attempts a minute from one address', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT: 'on' } });
    try {
      for (let i = 0; i < 10; i++) {
        await t
          .http()
          .post('/api/auth/2fa/login')
          .send({ challengeToken: 'nope', code: '123456' })
          .expect(401);
      }
      const limited = await t
        .http()
        .post('/api/auth/2fa/login')
        .send({ challengeToken: 'nope', code: '123456' })
        .expect(429);
      expect(limited.headers['retry-after']).toBeDefined();
    } finally {
      await t.close();
    }
  });
});
