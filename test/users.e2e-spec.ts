import { Account, bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { startTestApp, TestApp } from './support/test-app';

describe('users (e2e)', () => {
  let t: TestApp;
  let alice: Account;

  beforeAll(async () => {
    t = await startTestApp();
    alice = await registerAccount(t, {
      username: 'Alice',
      email: 'alice@example.com',
      displayName: 'Alice Liddell',
    });
    await registerAccount(t, { username: 'bob', displayName: 'Bobby Tables' });
    await registerAccount(t, { username: 'carol_x', displayName: 'Carol' });
    await registerAccount(t, { username: 'under_score', displayName: 'Plain' });
    await registerAccount(t, { username: 'malice', displayName: 'Mallory' });
  });

  afterAll(async () => {
    await t.close();
  });

  const auth = () => bearer(alice.accessToken);

  it('needs a token on every users route', async () => {
    for (const path of ['/api/users/me', '/api/users', `/api/users/${alice.id}`]) {
      const res = await t.http().get(path).expect(401);
      expectEnvelope(res.body, 401, path);
    }
    await t.http().patch('/api/users/me').send({ bio: 'x' }).expect(401);
  });

  describe('GET /api/users/me', () => {
    it('returns the MeProfile and no secret', async () => {
      const res = await t.http().get('/api/users/me').set(auth()).expect(200);
      expect(res.body).toEqual({
        id: alice.id,
        username: 'Alice',
        displayName: 'Alice Liddell',
        avatarUrl: null,
        bio: '',
        status: 'offline',
        rating: 1000,
        createdAt: expect.stringMatching(/Z$/),
        email: 'alice@example.com',
        twoFactorEnabled: false,
        hasPassword: true,
      });
    });
  });

  describe('PATCH /api/users/me', () => {
    it('changes the display name and the bio', async () => {
      const res = await t
        .http()
        .patch('/api/users/me')
        .set(auth())
        .send({ displayName: 'Alice L.', bio: 'Down the rabbit hole' })
        .expect(200);
      expect(res.body).toMatchObject({
        displayName: 'Alice L.',
        bio: 'Down the rabbit hole',
        email: 'alice@example.com',
      });
      const again = await t.http().get('/api/users/me').set(auth()).expect(200);
      expect(again.body).toMatchObject({ displayName: 'Alice L.', bio: 'Down the rabbit hole' });
    });

    it('accepts an empty change and a bio of exactly 280 characters', async () => {
      await t.http().patch('/api/users/me').set(auth()).send({}).expect(200);
      const res = await t
        .http()
        .patch('/api/users/me')
        .set(auth())
        .send({ bio: 'b'.repeat(280) })
        .expect(200);
      expect(res.body.bio).toHaveLength(280);
    });

    it.each([
      ['a bio over 280 characters', { bio: 'b'.repeat(281) }, 'bio must be at most 280 characters'],
      ['an empty display name', { displayName: '' }, 'displayName must be 1 to 32 characters'],
      [
        'a display name over 32 characters',
        { displayName: 'd'.repeat(33) },
        'displayName must be 1 to 32 characters',
      ],
      [
        'a field that is not editable here',
        { email: 'new@example.com' },
        'property email should not exist',
      ],
      ['a rating', { rating: 5000 }, 'property rating should not exist'],
    ])('refuses %s', async (_case, body, message) => {
      const res = await t.http().patch('/api/users/me').set(auth()).send(body).expect(400);
      expectEnvelope(res.body, 400, '/api/users/me', [message]);
    });
  });

  describe('GET /api/users/:id', () => {
    it('returns the public profile only', async () => {
      const res = await t.http().get(`/api/users/${alice.id}`).set(auth()).expect(200);
      expect(Object.keys(res.body).sort()).toEqual(
        [
          'avatarUrl',
          'bio',
          'createdAt',
          'displayName',
          'id',
          'rating',
          'status',
          'username',
        ].sort(),
      );
      expect(res.body.id).toBe(alice.id);
    });

    it('answers 404 for an unknown id, and 400 for a malformed one', async () => {
      const unknown = await t
        .http()
        .get('/api/users/00000000-0000-4000-8000-000000000000')
        .set(auth())
        .expect(404);
      expectEnvelope(
        unknown.body,
        404,
        '/api/users/00000000-0000-4000-8000-000000000000',
        'User not found',
      );
      const malformed = await t.http().get("/api/users/' OR 1=1 --").set(auth()).expect(400);
      expectEnvelope(malformed.body, 400, "/api/users/'%20OR%201=1%20--", ['id must be a UUID']);
    });
  });

  describe('GET /api/users', () => {
    it('pages through every account, by username', async () => {
      const first = await t.http().get('/api/users?limit=2').set(auth()).expect(200);
      expect(first.body).toMatchObject({ total: 5, page: 1, limit: 2 });
      expect(first.body.items.map((u: { username: string }) => u.username)).toEqual([
        'Alice',
        'bob',
      ]);
      const third = await t.http().get('/api/users?limit=2&page=3').set(auth()).expect(200);
      expect(third.body.items.map((u: { username: string }) => u.username)).toEqual([
        'under_score',
      ]);
      expect(third.body.items[0]).not.toHaveProperty('email');
    });

    it('defaults to page 1 of 20', async () => {
      const res = await t.http().get('/api/users').set(auth()).expect(200);
      expect(res.body).toMatchObject({ page: 1, limit: 20, total: 5 });
      expect(res.body.items).toHaveLength(5);
    });

    it('matches username or display name, case-insensitively', async () => {
      const byName = await t.http().get('/api/users?search=ALICE').set(auth()).expect(200);
      expect(byName.body.items.map((u: { username: string }) => u.username).sort()).toEqual([
        'Alice',
        'malice',
      ]);
      const byDisplay = await t.http().get('/api/users?search=tables').set(auth()).expect(200);
      expect(byDisplay.body).toMatchObject({ total: 1, items: [{ username: 'bob' }] });
    });

    it('treats LIKE wildcards in the search as plain text', async () => {
      const underscore = await t.http().get('/api/users?search=_').set(auth()).expect(200);
      expect(underscore.body.items.map((u: { username: string }) => u.username).sort()).toEqual([
        'carol_x',
        'under_score',
      ]);
      const percent = await t.http().get('/api/users?search=%25').set(auth()).expect(200);
      expect(percent.body.total).toBe(0);
    });

    it.each([
      ['limit=0', 'limit must not be less than 1'],
      ['limit=101', 'limit must not be greater than 100'],
      ['page=0', 'page must not be less than 1'],
      ['page=abc', 'page must be an integer number'],
      ['sort=name', 'property sort should not exist'],
    ])('refuses ?%s', async (query, message) => {
      const res = await t.http().get(`/api/users?${query}`).set(auth()).expect(400);
      expectEnvelope(res.body, 400, '/api/users', [message]);
    });
  });
});
