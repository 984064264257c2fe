/**
 * Sign-in with an OAuth 2.0 provider that has no OpenID Connect, through the built-in `42`
 * preset pointed at a small fake of 42's intranet in this spec (authorize, token, /v2/me): PKCE
 * and the client secret are checked by the fake as 42 would, the profile is read from /v2/me.
 * A callback counts only in the browser that started its flow (the binding cookie).
 */
import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bindingCookieIn, fragmentOf, withQuery } from './support/oidc';
import { startTestApp, TestApp } from './support/test-app';

const PUBLIC_URL = 'http://arena.test';
const CLIENT = 'http://arena.test/';
const CALLBACK = `${PUBLIC_URL}/api/auth/oauth/42/callback`;

interface FakeIntra {
  server: Server;
  url: string;
  tokenRequests: Record<string, string>[];
}

const PEOPLE: Record<string, object> = {
  jdoe: { id: 4242, login: 'jdoe', email: 'jdoe@student.42.fr', displayname: 'John Doe' },
};

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => resolve(text));
  });
}

/** 42's intranet, as far as a sign-in sees it. */
async function startFakeIntra(): Promise<FakeIntra> {
  const codes = new Map<string, { challenge: string; login: string; redirectUri: string }>();
  const tokens = new Map<string, string>();
  const tokenRequests: Record<string, string>[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://intra.test');
    const json = (status: number, value: object) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (url.pathname === '/oauth/authorize') {
      const code = `code-${codes.size}`;
      codes.set(code, {
        challenge: url.searchParams.get('code_challenge') ?? '',
        login: url.searchParams.get('login_hint') ?? '',
        redirectUri: url.searchParams.get('redirect_uri') ?? '',
      });
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      response.writeHead(302, { location: back.href });
      response.end();
      return;
    }
    if (url.pathname === '/oauth/token' && request.method === 'POST') {
      void body(request).then((text) => {
        const form = Object.fromEntries(new URLSearchParams(text));
        tokenRequests.push(form);
        const grant = codes.get(form.code);
        codes.delete(form.code);
        const verifier = createHash('sha256')
          .update(form.code_verifier ?? '')
          .digest('base64url');
        if (
          !grant ||
          form.grant_type !== 'authorization_code' ||
          form.client_id !== 'u-s4t2ud-arena' ||
          form.client_secret !== 's-s4t2ud-secret' ||
          form.redirect_uri !== grant.redirectUri ||
          verifier !== grant.challenge
        ) {
          json(400, { error: 'invalid_grant' });
          return;
        }
        const token = `token-${tokens.size}`;
        tokens.set(token, grant.login);
        json(200, { access_token: token, token_type: 'bearer', expires_in: 7200, scope: 'public' });
      });
      return;
    }
    if (url.pathname === '/v2/me') {
      const login = tokens.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (login === undefined) json(401, { error: 'unauthorized' });
      else json(200, PEOPLE[login]);
      return;
    }
    json(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, tokenRequests };
}

describe('sign-in with 42 (OAuth 2.0 preset, e2e)', () => {
  let intra: FakeIntra;
  let t: TestApp;

  beforeAll(async () => {
    intra = await startFakeIntra();
    t = await startTestApp({
      env: {
        PUBLIC_URL,
        OAUTH_PROVIDERS: '42',
        OAUTH_42_CLIENT_ID: 'u-s4t2ud-arena',
        OAUTH_42_CLIENT_SECRET: 's-s4t2ud-secret',
        OAUTH_42_AUTHORIZE_URL: `${intra.url}/oauth/authorize`,
        OAUTH_42_TOKEN_URL: `${intra.url}/oauth/token`,
        OAUTH_42_USERINFO_URL: `${intra.url}/v2/me`,
        OAUTH_TIMEOUT_MS: '2000',
      },
    });
  });

  afterAll(async () => {
    await t?.close();
    if (intra?.server.listening) await new Promise((resolve) => intra.server.close(resolve));
  });

  /** Arena → 42 (as `login`): the callback address, and the cookie of the browser that started. */
  async function approved(login: string): Promise<{ back: URL; cookie: string }> {
    const start = await t.http().get('/api/auth/oauth/42').expect(302);
    const cookie = bindingCookieIn(start.headers) as string;
    expect(cookie).toEqual(expect.stringMatching(/^arena_sign_in=[A-Za-z0-9_-]{43}$/));
    const answer = await fetch(withQuery(start.headers.location, 'login_hint', login), {
      redirect: 'manual',
    });
    const back = new URL(answer.headers.get('location') as string);
    expect(back.href.startsWith(CALLBACK)).toBe(true);
    return { back, cookie };
  }

  /** Arena's answer to the callback `back`, in a browser holding `cookie` (if any). */
  async function callback(back: URL, cookie?: string): Promise<string> {
    const req = t.http().get(`${back.pathname}${back.search}`);
    if (cookie !== undefined) void req.set('Cookie', cookie);
    return (await req.expect(302)).headers.location;
  }

  /** Arena → 42 (as `login`) → back to Arena's callback: where Arena then sends the browser. */
  async function signIn(login: string): Promise<string> {
    const { back, cookie } = await approved(login);
    return callback(back, cookie);
  }

  it('lists 42 as an OAuth 2.0 provider and sends the browser to its authorize URL', async () => {
    await t
      .http()
      .get('/api/auth/providers')
      .expect(200, [{ id: '42', name: '42', kind: 'oauth2' }]);
    const start = await t.http().get('/api/auth/oauth/42').expect(302);
    const location = new URL(start.headers.location);
    expect(`${location.origin}${location.pathname}`).toBe(`${intra.url}/oauth/authorize`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      client_id: 'u-s4t2ud-arena',
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'public',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
    });
  });

  it('signs in with the code, PKCE verifier and client secret, reading the person from /v2/me', async () => {
    const landed = await signIn('jdoe');
    expect(landed.startsWith(`${CLIENT}#code=`)).toBe(true);
    expect(intra.tokenRequests.at(-1)).toEqual(
      expect.objectContaining({
        grant_type: 'authorization_code',
        client_secret: 's-s4t2ud-secret',
      }),
    );
    const first = await t
      .http()
      .post('/api/auth/oauth/exchange')
      .send({ code: fragmentOf(landed).code })
      .expect(200);
    expect(first.body.user).toMatchObject({
      username: 'jdoe',
      displayName: 'John Doe',
      email: 'jdoe@student.42.fr',
      hasPassword: false,
    });
    const identities = await t
      .http()
      .get('/api/users/me/identities')
      .set({ Authorization: `Bearer ${first.body.accessToken}` })
      .expect(200);
    expect(identities.body).toEqual([
      expect.objectContaining({ provider: '42', subject: '4242', email: 'jdoe@student.42.fr' }),
    ]);

    const again = await t
      .http()
      .post('/api/auth/oauth/exchange')
      .send({ code: fragmentOf(await signIn('jdoe')).code })
      .expect(200);
    expect(again.body.user.id).toBe(first.body.user.id);
  });

  it('refuses a callback without its cookie, with another flow’s, or replayed, before asking 42 anything', async () => {
    const asked = intra.tokenRequests.length;
    const lured = await approved('jdoe');
    expect(await callback(lured.back)).toBe(`${CLIENT}#error=invalid_state`);
    const mine = await approved('jdoe');
    const theirs = await approved('jdoe');
    expect(await callback(theirs.back, mine.cookie)).toBe(`${CLIENT}#error=invalid_state`);
    expect(intra.tokenRequests.length).toBe(asked);

    const genuine = await approved('jdoe');
    expect(fragmentOf(await callback(genuine.back, genuine.cookie))).toEqual({
      code: expect.any(String),
    });
    expect(await callback(genuine.back, genuine.cookie)).toBe(`${PUBLIC_URL}/#error=invalid_state`);
    expect(intra.tokenRequests.length).toBe(asked + 1);
  });

  it('answers #error=provider_error when the token request is refused, provider_unreachable when 42 is down', async () => {
    const start = await t.http().get('/api/auth/oauth/42').expect(302);
    const state = new URL(start.headers.location).searchParams.get('state') as string;
    const forged = await t
      .http()
      .get(`/api/auth/oauth/42/callback?code=forged&state=${state}`)
      .set('Cookie', bindingCookieIn(start.headers) as string)
      .expect(302);
    expect(forged.headers.location).toBe(`${CLIENT}#error=provider_error`);

    const { back, cookie } = await approved('jdoe');
    await new Promise((resolve) => intra.server.close(resolve));
    expect(await callback(back, cookie)).toBe(`${CLIENT}#error=provider_unreachable`);
  });
});
