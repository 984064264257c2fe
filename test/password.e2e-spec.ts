/** PUT /api/users/me/password: the current password proves it, every other session ends. */
import { Account, bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { startTestApp, TestApp } from './support/test-app';

const PATH = '/api/users/me/password';

describe('password change (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const change = (token: string, body: object) => t.http().put(PATH).set(bearer(token)).send(body);
  const login = (account: Account, password: string) =>
    t.http().post('/api/auth/login').send({ login: account.username, password });

  it('changes the password, keeps the caller’s session and revokes every other one', async () => {
    const account = await registerAccount(t);
    const other = (await login(account, account.password).expect(200)).body as {
      accessToken: string;
      refreshToken: string;
    };

    await change(account.accessToken, {
      currentPassword: account.password,
      newPassword: 'a brand new secret',
    }).expect(204);

    await t.http().get('/api/users/me').set(bearer(account.accessToken)).expect(200);
    const revoked = await t.http().get('/api/users/me').set(bearer(other.accessToken)).expect(401);
    expectEnvelope(revoked.body, 401, '/api/users/me');
    await t.http().post('/api/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
    // The caller's own refresh token still rotates.
    await t
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: account.refreshToken })
      .expect(200);

    await login(account, account.password).expect(401);
    await login(account, 'a brand new secret').expect(200);
  });

  it('answers 403 to a wrong or missing current password, and changes nothing', async () => {
    const account = await registerAccount(t);
    const other = (await login(account, account.password).expect(200)).body as {
      accessToken: string;
    };
    const wrong = await change(account.accessToken, {
      currentPassword: 'not the password',
      newPassword: 'a brand new secret',
    }).expect(403);
    expectEnvelope(wrong.body, 403, PATH, 'The current password is incorrect');
    const missing = await change(account.accessToken, { newPassword: 'a brand new secret' }).expect(
      403,
    );
    expectEnvelope(missing.body, 403, PATH, 'The current password is required');

    await t.http().get('/api/users/me').set(bearer(other.accessToken)).expect(200);
    await login(account, account.password).expect(200);
    await login(account, 'a brand new secret').expect(401);
  });

  it.each([
    [
      'a new password too short',
      { newPassword: 'short' },
      'newPassword must be 8 to 128 characters',
    ],
    [
      'a new password too long',
      { newPassword: 'x'.repeat(129) },
      'newPassword must be 8 to 128 characters',
    ],
    ['no new password', {}, 'newPassword must be 8 to 128 characters'],
    [
      'a number as the current password',
      { currentPassword: 42, newPassword: 'long enough' },
      'currentPassword must be a string',
    ],
    [
      'an unknown field',
      { newPassword: 'long enough', admin: true },
      'property admin should not exist',
    ],
  ])('answers 400 to %s', async (_name, body, message) => {
    const account = await registerAccount(t);
    const res = await change(account.accessToken, { currentPassword: account.password, ...body });
    expect(res.status).toBe(400);
    expectEnvelope(res.body, 400, PATH, [message]);
  });

  it('needs a bearer token', async () => {
    const res = await t.http().put(PATH).send({ newPassword: 'long enough' }).expect(401);
    expectEnvelope(res.body, 401, PATH);
  });
});
