import { ArenaApiError } from './errors';
import { ArenaRestClient, type HeldTokens } from './rest-client';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** A fetch that answers from a script and records what it was asked. */
function scriptedFetch(answers: ((call: Call) => Response)[]) {
  const calls: Call[] = [];
  const fetchImpl = (input: string | URL | Request, init?: RequestInit) => {
    const call: Call = {
      method: String(init?.method),
      url: input instanceof Request ? input.url : input.toString(),
      headers: init?.headers as Record<string, string>,
      body: init?.body === undefined ? undefined : JSON.parse(init.body as string),
    };
    calls.push(call);
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected ${call.method} ${call.url}`);
    return Promise.resolve(answer(call));
  };
  return { calls, fetch: fetchImpl };
}

/** Each call as `METHOD /path Bearer token`. */
const trace = (calls: Call[]) =>
  calls.map((c) => `${c.method} ${new URL(c.url).pathname} ${c.headers.authorization ?? ''}`);

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

const envelope = (statusCode: number, error: string, message: string | string[]) => ({
  statusCode,
  error,
  message,
  path: '/api/x',
  timestamp: '2026-01-01T00:00:00.000Z',
});

/** The error a request failed with (and a failure if it did not). */
async function rejection(promise: Promise<unknown>): Promise<ArenaApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ArenaApiError);
    return error as ArenaApiError;
  }
  throw new Error('the request succeeded');
}

const PROFILE = {
  id: '5f1c4b9e-0000-4000-8000-000000000001',
  username: 'alice',
  displayName: 'Alice',
  avatarUrl: null,
  bio: '',
  status: 'online',
  rating: 1000,
  createdAt: '2026-01-01T00:00:00.000Z',
};

/** Two requests refused for an expired token, one rotation, both retried. */
const twoRefusedThenRotated = () => [
  () => json(401, envelope(401, 'Unauthorized', 'expired')),
  () => json(401, envelope(401, 'Unauthorized', 'expired')),
  () => json(200, { accessToken: 'A2', refreshToken: 'R2' }),
  () => json(200, PROFILE),
  () => json(200, PROFILE),
];
const ONE_ROTATION_FOR_TWO = [
  'GET /api/users/me Bearer A1',
  'GET /api/users/me Bearer A1',
  'POST /api/auth/refresh ',
  'GET /api/users/me Bearer A2',
  'GET /api/users/me Bearer A2',
];

describe('ArenaRestClient', () => {
  it('fills path parameters and the query, and sends the access token', async () => {
    const { calls, fetch } = scriptedFetch([
      () => json(200, { items: [], total: 0, page: 2, limit: 5 }),
    ]);
    const api = new ArenaRestClient({
      baseUrl: 'http://arena.test/',
      fetch,
      tokens: { accessToken: 'A1', refreshToken: 'R1' },
    });
    const page = await api.get('/api/users/{id}/matches', {
      params: { id: 'a b' },
      query: { page: 2, limit: 5 },
    });
    expect(page).toEqual({ items: [], total: 0, page: 2, limit: 5 });
    expect(calls[0]).toMatchObject({
      method: 'GET',
      url: 'http://arena.test/api/users/a%20b/matches?page=2&limit=5',
      headers: { authorization: 'Bearer A1', accept: 'application/json' },
    });
    expect(calls[0].headers['content-type']).toBeUndefined();
  });

  it('keeps the tokens of a sign-in and sends JSON bodies', async () => {
    const seen: unknown[] = [];
    const { calls, fetch } = scriptedFetch([
      () => json(200, { user: PROFILE, accessToken: 'A1', refreshToken: 'R1' }),
      () => new Response(null, { status: 204 }),
    ]);
    const api = new ArenaRestClient({
      baseUrl: 'http://arena.test',
      fetch,
      onTokens: (t) => seen.push(t),
    });
    await api.signIn({ login: 'alice', password: 'correct horse' });
    expect(api.accessToken).toBe('A1');
    expect(calls[0]).toMatchObject({
      method: 'POST',
      body: { login: 'alice', password: 'correct horse' },
      headers: { 'content-type': 'application/json' },
    });
    await expect(api.signOut()).resolves.toBeUndefined();
    expect(calls[1]).toMatchObject({
      url: 'http://arena.test/api/auth/logout',
      body: { refreshToken: 'R1' },
    });
    expect(seen).toEqual([{ accessToken: 'A1', refreshToken: 'R1' }, null]);
    expect(api.accessToken).toBeNull();
  });

  it('does not keep tokens when a second factor is required', async () => {
    const { fetch } = scriptedFetch([
      () => json(200, { twoFactorRequired: true, challengeToken: 'C' }),
    ]);
    const api = new ArenaRestClient({ baseUrl: 'http://arena.test', fetch });
    await expect(api.signIn({ login: 'alice', password: 'pw123456' })).resolves.toEqual({
      twoFactorRequired: true,
      challengeToken: 'C',
    });
    expect(api.accessToken).toBeNull();
  });

  it('rotates the refresh token once on a 401 and retries, sharing one refresh', async () => {
    const { calls, fetch } = scriptedFetch(twoRefusedThenRotated());
    const api = new ArenaRestClient({
      baseUrl: 'http://arena.test',
      fetch,
      tokens: { accessToken: 'A1', refreshToken: 'R1' },
    });
    const [a, b] = await Promise.all([api.get('/api/users/me'), api.get('/api/users/me')]);
    expect(a.username).toBe('alice');
    expect(b.username).toBe('alice');
    expect(trace(calls)).toEqual(ONE_ROTATION_FOR_TWO);
    expect(calls[2].body).toEqual({ refreshToken: 'R1' });
    expect(api.refreshToken).toBe('R2');
  });

  it('forgets refused tokens and throws the original 401', async () => {
    const { calls, fetch } = scriptedFetch([
      () => json(401, envelope(401, 'Unauthorized', 'revoked')),
      () => json(401, envelope(401, 'Unauthorized', 'spent')),
    ]);
    const api = new ArenaRestClient({
      baseUrl: 'http://arena.test',
      fetch,
      tokens: { accessToken: 'A1', refreshToken: 'R1' },
    });
    const failure = await rejection(api.get('/api/users/me'));
    expect(failure).toMatchObject({ status: 401, envelope: { message: 'revoked' } });
    expect(calls).toHaveLength(2);
    expect(api.accessToken).toBeNull();
  });

  it('throws the error envelope as a typed error, with Retry-After', async () => {
    const { fetch } = scriptedFetch([
      () =>
        json(400, envelope(400, 'Bad Request', ['name is too long', 'size must be 4, 8 or 16'])),
      () => json(429, envelope(429, 'Too Many Requests', 'slow down'), { 'retry-after': '42' }),
      () =>
        new Response('<html>bad gateway</html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    ]);
    const api = new ArenaRestClient({ baseUrl: 'http://arena.test', fetch });
    const invalid = await rejection(
      api.post('/api/tournaments', { body: { name: 'x', size: 3 } as never }),
    );
    expect(invalid).toMatchObject({ status: 400, method: 'POST', path: '/api/tournaments' });
    expect(invalid.envelope?.message).toEqual(['name is too long', 'size must be 4, 8 or 16']);
    expect(invalid.message).toBe(
      'POST /api/tournaments: 400 name is too long; size must be 4, 8 or 16',
    );
    expect(invalid.detail).toBe('name is too long; size must be 4, 8 or 16');
    const limited = await rejection(
      api.post('/api/auth/login', { body: { login: 'a', password: 'b' } }),
    );
    expect(limited).toMatchObject({ status: 429, retryAfterSeconds: 42 });
    const gateway = await rejection(api.get('/health'));
    expect(gateway).toMatchObject({
      status: 502,
      envelope: null,
      message: 'GET /health: 502 HTTP 502',
    });
  });

  it('shares a token store: one holder rotates, the other takes the new pair', async () => {
    let stored: HeldTokens | null = { accessToken: 'A1', refreshToken: 'R1' };
    const store = { load: () => stored, save: (t: HeldTokens | null) => (stored = t) };
    // One lock for both holders, as a Web Lock is one for a browser's tabs.
    let queue: Promise<unknown> = Promise.resolve();
    const exclusive = <T>(run: () => Promise<T>): Promise<T> => {
      const turn = queue.then(run);
      queue = turn.catch(() => undefined);
      return turn;
    };
    const { calls, fetch } = scriptedFetch(twoRefusedThenRotated());
    const tab1 = new ArenaRestClient({ baseUrl: 'http://arena.test', fetch, store, exclusive });
    const tab2 = new ArenaRestClient({ baseUrl: 'http://arena.test', fetch, store, exclusive });
    await Promise.all([tab1.get('/api/users/me'), tab2.get('/api/users/me')]);
    expect(trace(calls)).toEqual(ONE_ROTATION_FOR_TWO);
    expect(stored).toEqual({ accessToken: 'A2', refreshToken: 'R2' });
    expect(tab2.refreshToken).toBe('R2');
  });

  it('signs in with a provider code, keeping the tokens unless a second factor is due', async () => {
    const { calls, fetch } = scriptedFetch([
      () => json(200, { user: PROFILE, accessToken: 'A1', refreshToken: 'R1' }),
    ]);
    const api = new ArenaRestClient({ baseUrl: 'http://arena.test', fetch });
    await api.signInWithProviderCode({ code: 'one-time' });
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: 'http://arena.test/api/auth/oauth/exchange',
      body: { code: 'one-time' },
    });
    expect(api.refreshToken).toBe('R1');
  });

  it('refuses a path whose parameter is missing, before sending', async () => {
    const { calls, fetch } = scriptedFetch([]);
    const api = new ArenaRestClient({ baseUrl: 'http://arena.test', fetch });
    await expect(api.get('/api/users/{id}', { params: {} as never })).rejects.toThrow(
      '/api/users/{id}: path parameter id is missing',
    );
    expect(calls).toHaveLength(0);
  });
});
