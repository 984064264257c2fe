import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RefreshToken } from '../src/modules/auth/entities/refresh-token.entity';
import { Session } from '../src/modules/auth/entities/session.entity';
import { User } from '../src/modules/users/entities/user.entity';
import { bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';
import { decodePayload, signHs256, unsignedToken } from './support/tokens';

describe('auth (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const me = (token: string) => t.http().get('/api/users/me').set(bearer(token));

  describe('POST /api/auth/register', () => {
    it('creates an account, logs it in and shows only the owner’s profile', async () => {
      const res = await t
        .http()
        .post('/api/auth/register')
        .send({ email: 'Ada@Example.com', username: 'Ada_L', password: 'analytical engine' })
        .expect(201);
      expect(res.body).toEqual({
        user: {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          username: 'Ada_L',
          displayName: 'Ada_L',
          avatarUrl: null,
          bio: '',
          status: 'offline',
          rating: 1000,
          createdAt: expect.any(String),
          email: 'ada@example.com',
          twoFactorEnabled: false,
          hasPassword: true,
        },
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
      });
      await me(res.body.accessToken).expect(200);
      const claims = decodePayload(res.body.accessToken);
      expect(claims.sub).toBe(res.body.user.id);
      expect(typeof claims.sid).toBe('string');
      expect((claims.exp as number) - (claims.iat as number)).toBe(15 * 60);
    });

    it('keeps the given display name', async () => {
      const res = await t
        .http()
        .post('/api/auth/register')
        .send({
          email: 'grace@example.com',
          username: 'grace',
          password: 'compiler rules',
          displayName: ' Grace H ',
        })
        .expect(201);
      expect(res.body.user.displayName).toBe('Grace H');
    });

    it('refuses a username or an email already taken, in any case', async () => {
      await registerAccount(t, { username: 'Linus', email: 'linus@example.com' });
      const sameName = await t
        .http()
        .post('/api/auth/register')
        .send({ email: 'other@example.com', username: 'lINUS', password: 'long enough' })
        .expect(409);
      expectEnvelope(sameName.body, 409, '/api/auth/register', 'Username is already taken');
      const sameEmail = await t
        .http()
        .post('/api/auth/register')
        .send({ email: 'LINUS@EXAMPLE.COM', username: 'linus2', password: 'long enough' })
        .expect(409);
      expectEnvelope(sameEmail.body, 409, '/api/auth/register', 'Email is already registered');
    });

    it('lets exactly one of several racing sign-ups for one name through', async () => {
      const attempts = await Promise.all(
        [0, 1, 2, 3, 4].map((i) =>
          t
            .http()
            .post('/api/auth/register')
            .send({
              email: `racer${i}@example.com`,
              username: i % 2 ? 'RACER' : 'racer',
              password: 'long enough',
            }),
        ),
      );
      expect(attempts.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    });

    it('lists every broken rule in a validation envelope', async () => {
      const res = await t
        .http()
        .post('/api/auth/register')
        .send({
          email: 'not-an-email',
          username: 'a!',
          password: 'short',
          displayName: 'x'.repeat(33),
        })
        .expect(400);
      expectEnvelope(res.body, 400, '/api/auth/register', [
        'email must be a valid email address',
        'username must be 3 to 20 letters, digits, _ or -',
        'password must be 8 to 128 characters',
        'displayName must be 1 to 32 characters',
      ]);
    });

    it.each([
      ['a username of 21 characters', { username: 'u'.repeat(21) }],
      ['a username with a space', { username: 'bad name' }],
      ['a password of 129 characters', { password: 'p'.repeat(129) }],
      ['an empty display name', { displayName: '   ' }],
      ['a number for a username', { username: 12345 }],
      ['a missing email', { email: undefined }],
    ])('refuses %s', async (_case, change) => {
      const body = {
        email: 'rules@example.com',
        username: 'rules',
        password: 'long enough',
        ...change,
      };
      const res = await t.http().post('/api/auth/register').send(body).expect(400);
      expectEnvelope(res.body, 400, '/api/auth/register');
      expect(Array.isArray(res.body.message)).toBe(true);
    });

    it('refuses unknown body fields instead of dropping them', async () => {
      const res = await t
        .http()
        .post('/api/auth/register')
        .send({ email: 'x@example.com', username: 'sneaky', password: 'long enough', rating: 3000 })
        .expect(400);
      expectEnvelope(res.body, 400, '/api/auth/register', ['property rating should not exist']);
    });

    it('answers malformed JSON with a 400 envelope', async () => {
      const res = await t
        .http()
        .post('/api/auth/register')
        .set('Content-Type', 'application/json')
        .send('{"email": "x@example.com",')
        .expect(400);
      expectEnvelope(res.body, 400, '/api/auth/register');
    });

    it('stores an argon2id hash (19 MiB, 2 passes), never the password', async () => {
      const account = await registerAccount(t, { password: 'hash me please' });
      const { passwordHash } = await t.app
        .get(DataSource)
        .getRepository(User)
        .findOneOrFail({ select: { passwordHash: true }, where: { id: account.id } });
      expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      expect(passwordHash).not.toContain('hash me please');
    });
  });

  describe('POST /api/auth/login', () => {
    it('accepts the username or the email, in any case', async () => {
      const account = await registerAccount(t, {
        username: 'Margaret',
        email: 'margaret@example.com',
      });
      for (const login of ['Margaret', 'margaret', 'MARGARET@example.com']) {
        const res = await t
          .http()
          .post('/api/auth/login')
          .send({ login, password: account.password })
          .expect(200);
        expect(res.body.user).toMatchObject({ id: account.id, username: 'Margaret' });
        await me(res.body.accessToken).expect(200);
      }
    });

    it('gives the same 401 for an unknown user and a wrong password', async () => {
      const account = await registerAccount(t);
      const wrong = await t
        .http()
        .post('/api/auth/login')
        .send({ login: account.username, password: 'not the password' })
        .expect(401);
      const unknown = await t
        .http()
        .post('/api/auth/login')
        .send({ login: 'nobody_here', password: 'not the password' })
        .expect(401);
      expectEnvelope(wrong.body, 401, '/api/auth/login', 'Invalid login or password');
      expect(unknown.body.message).toBe(wrong.body.message);
    });

    it('validates its body', async () => {
      const res = await t.http().post('/api/auth/login').send({ login: 'x' }).expect(400);
      expectEnvelope(res.body, 400, '/api/auth/login');
    });
  });

  describe('refresh rotation', () => {
    it('spends the token and returns a working pair', async () => {
      const account = await registerAccount(t);
      const res = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
      });
      expect(res.body.refreshToken).not.toBe(account.refreshToken);
      await me(res.body.accessToken).expect(200);
      expect(decodePayload(res.body.accessToken).sid).toBe(decodePayload(account.accessToken).sid);
    });

    it('treats a spent token as theft: 401, and the whole login is revoked', async () => {
      const account = await registerAccount(t);
      const other = await t
        .http()
        .post('/api/auth/login')
        .send({ login: account.username, password: account.password })
        .expect(200);
      const rotated = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);

      const replay = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(401);
      expectEnvelope(replay.body, 401, '/api/auth/refresh');

      // The thief's successor and every access token of that login are dead too...
      await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: rotated.body.refreshToken })
        .expect(401);
      await me(rotated.body.accessToken).expect(401);
      await me(account.accessToken).expect(401);
      // ...but the user's other login is untouched.
      await me(other.body.accessToken).expect(200);
      await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: other.body.refreshToken })
        .expect(200);
    });

    it('refuses unknown tokens and bad bodies', async () => {
      await t.http().post('/api/auth/refresh').send({ refreshToken: 'made-up' }).expect(401);
      await t.http().post('/api/auth/refresh').send({}).expect(400);
      await t.http().post('/api/auth/refresh').send({ refreshToken: 42 }).expect(400);
    });

    it('stores refresh tokens only as SHA-256 hashes', async () => {
      const account = await registerAccount(t);
      const rows = await t.app
        .get(DataSource)
        .getRepository(RefreshToken)
        .createQueryBuilder('r')
        .select('r.tokenHash', 'tokenHash')
        .innerJoin(Session, 's', 's.id = r.sessionId')
        .where('s.userId = :userId', { userId: account.id })
        .getRawMany<{ tokenHash: string }>();
      expect(rows).toEqual([
        { tokenHash: createHash('sha256').update(account.refreshToken).digest('hex') },
      ]);
    });
  });

  describe('POST /api/auth/logout', () => {
    it('ends that login: its refresh token and its access tokens stop working', async () => {
      const account = await registerAccount(t);
      const second = await t
        .http()
        .post('/api/auth/login')
        .send({ login: account.username, password: account.password })
        .expect(200);
      await t
        .http()
        .post('/api/auth/logout')
        .send({ refreshToken: account.refreshToken })
        .expect(204);
      const after = await me(account.accessToken).expect(401);
      expectEnvelope(after.body, 401, '/api/users/me');
      await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(401);
      await me(second.body.accessToken).expect(200);
    });

    it('is idempotent for a known token and 401 for an unknown one', async () => {
      const account = await registerAccount(t);
      await t
        .http()
        .post('/api/auth/logout')
        .send({ refreshToken: account.refreshToken })
        .expect(204);
      await t
        .http()
        .post('/api/auth/logout')
        .send({ refreshToken: account.refreshToken })
        .expect(204);
      await t.http().post('/api/auth/logout').send({ refreshToken: 'never-issued' }).expect(401);
    });
  });

  describe('access token attacks', () => {
    let account: Awaited<ReturnType<typeof registerAccount>>;
    let claims: Record<string, unknown>;

    beforeAll(async () => {
      account = await registerAccount(t);
      claims = decodePayload(account.accessToken);
    });

    const now = () => Math.floor(Date.now() / 1000);

    it.each([
      ['no Authorization header', undefined],
      ['an empty bearer', 'Bearer '],
      ['a garbage token', 'Bearer not.a.jwt'],
      ['a Basic scheme', 'Basic dXNlcjpwYXNz'],
    ])('answers 401 for %s', async (_case, header) => {
      const req = t.http().get('/api/users/me');
      if (header) req.set('Authorization', header);
      const res = await req.expect(401);
      expectEnvelope(res.body, 401, '/api/users/me');
      expect(res.headers['www-authenticate']).toBe('Bearer');
    });

    it('refuses alg=none', async () => {
      await me(unsignedToken({ ...claims })).expect(401);
    });

    it('refuses a tampered payload and a tampered signature', async () => {
      const [head, , sig] = account.accessToken.split('.');
      const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString(
        'base64url',
      );
      await me(`${head}.${forged}.${sig}`).expect(401);
      const flipped = sig.slice(0, -2) + (sig.endsWith('AA') ? 'BB' : 'AA');
      await me(`${head}.${account.accessToken.split('.')[1]}.${flipped}`).expect(401);
    });

    it('refuses a token signed with another secret or another algorithm', async () => {
      await me(signHs256({ ...claims }, 'another-secret-another-secret-0123')).expect(401);
      await me(signHs256({ ...claims }, TEST_JWT_SECRET, { alg: 'HS512', typ: 'JWT' })).expect(401);
    });

    it('refuses an expired token', async () => {
      const expired = signHs256(
        { sub: claims.sub, sid: claims.sid, iat: now() - 3600, exp: now() - 60 },
        TEST_JWT_SECRET,
      );
      await me(expired).expect(401);
      const fresh = signHs256(
        { sub: claims.sub, sid: claims.sid, iat: now(), exp: now() + 60 },
        TEST_JWT_SECRET,
      );
      await me(fresh).expect(200);
    });

    it('refuses a well-signed token whose session is unknown or belongs to someone else', async () => {
      const other = await registerAccount(t);
      const otherSid = decodePayload(other.accessToken).sid;
      const exp = now() + 60;
      await me(signHs256({ sub: claims.sub, sid: 'no-such-session', exp }, TEST_JWT_SECRET)).expect(
        401,
      );
      await me(signHs256({ sub: claims.sub, sid: otherSid, exp }, TEST_JWT_SECRET)).expect(401);
      await me(signHs256({ sid: claims.sid, exp }, TEST_JWT_SECRET)).expect(401);
    });
  });
});
