/**
 * Sign-in with a real OpenID Connect provider (oidc-provider, in a child process on loopback):
 * a first sign-in makes an account, a returning one finds it, linking and unlinking, refused
 * and tampered flows, flows bound to the browser that started them (login CSRF), a replayed or
 * expired exchange code, 2FA after a provider sign-in, erasure of an account without a password,
 * and a provider that stops answering.
 */
import { createHash } from 'node:crypto';
import { authenticator } from 'otplib';
import { DataSource } from 'typeorm';
import { ManualClock } from '../src/common/clock/clock';
import { Session } from '../src/modules/auth/entities/session.entity';
import { bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import {
  bindingCookieIn,
  browse,
  fragmentOf,
  OidcTestProvider,
  startOidcProvider,
  withQuery,
} from './support/oidc';
import { startTestApp, TestApp } from './support/test-app';

const PUBLIC_URL = 'http://arena.test';
const CLIENT = 'http://client.test/signed-in';
const CALLBACK = `${PUBLIC_URL}/api/auth/oauth/local/callback`;
const TIMEOUT_MS = 1500;

describe('sign-in with an OpenID Connect provider (e2e)', () => {
  const clock = new ManualClock(Math.floor(Date.now() / 30_000) * 30_000 + 1_000);
  let provider: OidcTestProvider;
  let t: TestApp;

  beforeAll(async () => {
    provider = await startOidcProvider(CALLBACK);
    t = await startTestApp({
      clock,
      env: {
        PUBLIC_URL,
        OAUTH_REDIRECT_ALLOWLIST: `${CLIENT},http://client.test/other`,
        OAUTH_PROVIDERS: 'local',
        OAUTH_LOCAL_NAME: 'Local SSO',
        OAUTH_LOCAL_ISSUER: provider.issuer,
        OAUTH_LOCAL_CLIENT_ID: 'arena',
        OAUTH_LOCAL_CLIENT_SECRET: 'arena-test-secret',
        OAUTH_TIMEOUT_MS: String(TIMEOUT_MS),
      },
    });
  });

  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  /** A flow Arena started: the provider's address, and the cookie binding it to the browser. */
  interface Flow {
    providerUrl: string;
    cookie: string;
  }

  /** Opens an Arena address that starts a flow (302 to the provider, with its cookie). */
  async function open(path: string): Promise<Flow> {
    const res = await t.http().get(path).expect(302);
    const cookie = bindingCookieIn(res.headers);
    if (cookie === null) throw new Error(`${path} set no binding cookie: ${res.headers.location}`);
    return { providerUrl: res.headers.location, cookie };
  }

  /** A new sign-in (302 from Arena to the provider). */
  const startSignIn = (path = `/api/auth/oauth/local?redirect=${encodeURIComponent(CLIENT)}`) =>
    open(path);

  /** Opens the address a link request answered, as the client's browser does. */
  function startLink(url: string): Promise<Flow> {
    expect(url.startsWith(`${PUBLIC_URL}/api/auth/oauth/local?link=`)).toBe(true);
    const { pathname, search } = new URL(url);
    return open(`${pathname}${search}`);
  }

  /** Where the provider sends the browser back to Arena, the person `hint` having signed in. */
  function atProvider(flow: Flow, hint: string): Promise<string> {
    return browse(withQuery(flow.providerUrl, 'login_hint', hint), PUBLIC_URL);
  }

  /** Arena's answer to the provider's callback, in a browser holding `cookie` (if any). */
  async function callbackAnswer(callbackUrl: string, cookie?: string) {
    const url = new URL(callbackUrl);
    const req = t.http().get(`${url.pathname}${url.search}`);
    if (cookie !== undefined) void req.set('Cookie', cookie);
    return req.expect(302);
  }

  /** Where Arena sends the browser after the provider's callback. */
  async function callback(callbackUrl: string, cookie?: string): Promise<string> {
    return (await callbackAnswer(callbackUrl, cookie)).headers.location;
  }

  /** A whole flow, in the browser that started it: where Arena finally sends it. */
  async function completed(flow: Flow, hint: string): Promise<string> {
    return callback(await atProvider(flow, hint), flow.cookie);
  }

  async function signIn(hint: string): Promise<Record<string, string>> {
    return fragmentOf(await completed(await startSignIn(), hint));
  }

  const exchange = (code: string) => t.http().post('/api/auth/oauth/exchange').send({ code });

  async function signedIn(hint: string) {
    const { code } = await signIn(hint);
    expect(code).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{43}$/));
    return (await exchange(code).expect(200)).body;
  }

  it('lists the configured providers', async () => {
    const res = await t.http().get('/api/auth/providers').expect(200);
    expect(res.body).toEqual([{ id: 'local', name: 'Local SSO', kind: 'oidc' }]);
  });

  it('sends the browser to the provider with state, PKCE S256 and a nonce; refuses other redirects', async () => {
    const location = new URL((await startSignIn()).providerUrl);
    expect(location.origin).toBe(provider.issuer);
    expect(Object.fromEntries(location.searchParams)).toEqual(
      expect.objectContaining({
        client_id: 'arena',
        redirect_uri: CALLBACK,
        response_type: 'code',
        scope: 'openid email profile',
        state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        code_challenge_method: 'S256',
      }),
    );
    const other = await t
      .http()
      .get(`/api/auth/oauth/local?redirect=${encodeURIComponent('https://evil.test/')}`)
      .expect(400);
    expectEnvelope(other.body, 400, '/api/auth/oauth/local', [
      'redirect must be one of the addresses in OAUTH_REDIRECT_ALLOWLIST',
    ]);
    await t.http().get('/api/auth/oauth/nowhere').expect(404);
    await t.http().get('/api/auth/oauth/local?unknown=1').expect(400);
  });

  it('makes an account on a first sign-in, and finds it again on the next', async () => {
    provider.account('ann-sub', {
      email: 'Ann@Oidc.Test',
      email_verified: true,
      preferred_username: 'ann',
      name: 'Ann Lee',
    });
    const first = await signedIn('ann-sub');
    expect(first).toEqual({
      user: expect.objectContaining({
        username: 'ann',
        displayName: 'Ann Lee',
        email: 'ann@oidc.test',
        hasPassword: false,
        twoFactorEnabled: false,
      }),
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    const identities = await t
      .http()
      .get('/api/users/me/identities')
      .set(bearer(first.accessToken))
      .expect(200);
    expect(identities.body).toEqual([
      {
        provider: 'local',
        subject: 'ann-sub',
        email: 'ann@oidc.test',
        linkedAt: expect.any(String),
      },
    ]);

    const exported = await t
      .http()
      .get('/api/users/me/export')
      .set(bearer(first.accessToken))
      .expect(200);
    expect(exported.body.identities).toEqual(identities.body);

    const again = await signedIn('ann-sub');
    expect(again.user.id).toBe(first.user.id);
    await t.http().get('/api/users/me').set(bearer(again.accessToken)).expect(200);
    await t.http().post('/api/auth/refresh').send({ refreshToken: again.refreshToken }).expect(200);
  });

  it('never joins an existing account by email, nor keeps an unverified or taken one', async () => {
    const owner = await registerAccount(t, { username: 'ann_owner', email: 'owner@oidc.test' });
    provider.account('impostor-sub', {
      email: 'owner@oidc.test',
      email_verified: true,
      preferred_username: 'ann',
    });
    const impostor = await signedIn('impostor-sub');
    expect(impostor.user.id).not.toBe(owner.id);
    expect(impostor.user).toMatchObject({ username: 'ann2', email: null });

    provider.account('unverified-sub', { email: 'free@oidc.test', preferred_username: 'Zoë B.' });
    const unverified = await signedIn('unverified-sub');
    expect(unverified.user).toMatchObject({ username: 'Zoe_B', email: null });
  });

  it('spends an exchange code once, and only within its 60 seconds', async () => {
    provider.account('cody-sub', { preferred_username: 'cody' });
    const { code } = await signIn('cody-sub');
    await exchange(code).expect(200);
    const replay = await exchange(code).expect(401);
    expectEnvelope(
      replay.body,
      401,
      '/api/auth/oauth/exchange',
      'Invalid, spent or expired sign-in code',
    );
    await exchange('not-a-code').expect(401);
    await t.http().post('/api/auth/oauth/exchange').send({}).expect(400);

    const late = await signIn('cody-sub');
    clock.advance(61_000);
    await exchange(late.code).expect(401);
  });

  it('sends a refusal back as #error=denied, and an unknown or replayed state to PUBLIC_URL', async () => {
    expect(fragmentOf(await completed(await startSignIn(), 'deny'))).toEqual({ error: 'denied' });

    provider.account('tess-sub', { preferred_username: 'tess' });
    const flow = await startSignIn();
    const back = new URL(await atProvider(flow, 'tess-sub'));
    const state = back.searchParams.get('state') as string;
    const tampered = new URL(back);
    tampered.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);
    expect(await callback(tampered.href, flow.cookie)).toBe(`${PUBLIC_URL}/#error=invalid_state`);
    const withoutState = new URL(back);
    withoutState.searchParams.delete('state');
    expect(await callback(withoutState.href, flow.cookie)).toBe(
      `${PUBLIC_URL}/#error=invalid_state`,
    );

    // The genuine callback still works once, then its state is spent.
    expect(fragmentOf(await callback(back.href, flow.cookie))).toEqual({
      code: expect.any(String),
    });
    expect(await callback(back.href, flow.cookie)).toBe(`${PUBLIC_URL}/#error=invalid_state`);
  });

  it('binds a flow to the browser that started it with an HttpOnly, SameSite=Lax cookie on the callback path', async () => {
    const res = await t
      .http()
      .get(`/api/auth/oauth/local?redirect=${encodeURIComponent(CLIENT)}`)
      .expect(302);
    const state = new URL(res.headers.location).searchParams.get('state') as string;
    const setCookie = (res.headers['set-cookie'] as unknown as string[]).join('\n');
    expect(setCookie).toBe(
      `arena_sign_in=${createHash('sha256').update(state).digest('base64url')}; ` +
        'Max-Age=600; Path=/api/auth/oauth/local/callback; HttpOnly; SameSite=Lax',
    );
    // No flow, no cookie.
    const refused = await t.http().get('/api/auth/oauth/local?redirect=https://evil.test/');
    expect(refused.status).toBe(400);
    expect(refused.headers['set-cookie']).toBeUndefined();

    // The callback clears it, whatever its outcome.
    const answer = await callbackAnswer(
      await atProvider({ providerUrl: res.headers.location, cookie: '' }, 'deny'),
      bindingCookieIn(res.headers) as string,
    );
    expect(fragmentOf(answer.headers.location)).toEqual({ error: 'denied' });
    expect(answer.headers['set-cookie']).toEqual([
      'arena_sign_in=; Max-Age=0; Path=/api/auth/oauth/local/callback; ' +
        'Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
    ]);
  });

  it('documents the cookie in Swagger: set by the start route, cleared by the callback', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, { get: { responses: Record<string, { headers?: object }> } }>;
    };
    const startHeaders = doc.paths['/api/auth/oauth/{provider}'].get.responses['302'].headers;
    expect(startHeaders).toEqual({
      'Set-Cookie': {
        description: expect.stringMatching(/arena_sign_in.*HttpOnly, SameSite=Lax/),
        schema: expect.objectContaining({ type: 'string' }),
      },
    });
    const callbackHeaders =
      doc.paths['/api/auth/oauth/{provider}/callback'].get.responses['302'].headers;
    expect(callbackHeaders).toEqual({
      'Set-Cookie': expect.objectContaining({ description: expect.stringMatching(/Clears/) }),
    });
  });

  it('refuses a callback without its cookie, with another flow’s, or replayed: #error=invalid_state, no session', async () => {
    provider.account('mallory-sub', { preferred_username: 'mallory' });
    const sessions = t.app.get(DataSource).getRepository(Session);
    const before = await sessions.count();

    // Mallory starts a flow, stops at Arena's callback, and has another browser open it.
    const lured = await startSignIn();
    const luredBack = await atProvider(lured, 'mallory-sub');
    expect(await callback(luredBack)).toBe(`${CLIENT}#error=invalid_state`);
    // The refused state is spent: even its own browser can't use it now.
    expect(await callback(luredBack, lured.cookie)).toBe(`${PUBLIC_URL}/#error=invalid_state`);

    // The victim's browser holds a cookie, but of a flow of its own.
    const mallorys = await startSignIn();
    const victims = await startSignIn();
    expect(mallorys.cookie).not.toBe(victims.cookie);
    expect(await callback(await atProvider(mallorys, 'mallory-sub'), victims.cookie)).toBe(
      `${CLIENT}#error=invalid_state`,
    );

    // A genuine callback counts once: replayed, with its cookie, it is refused.
    const genuine = await startSignIn();
    const genuineBack = await atProvider(genuine, 'mallory-sub');
    const { code } = fragmentOf(await callback(genuineBack, genuine.cookie));
    expect(await callback(genuineBack, genuine.cookie)).toBe(`${PUBLIC_URL}/#error=invalid_state`);

    // Only the genuine flow made anything: one account (named without a suffix), one session.
    expect(await sessions.count()).toBe(before);
    const signedInOnce = await exchange(code).expect(200);
    expect(signedInOnce.body.user).toMatchObject({ username: 'mallory' });
    expect(await sessions.count()).toBe(before + 1);
  });

  it('binds a link to the browser that opens its address, once', async () => {
    const lee = await registerAccount(t, { username: 'lee_pw' });
    provider.account('lee-sub', { preferred_username: 'lee' });
    const linkUrl = async () =>
      (
        await t
          .http()
          .get(`/api/auth/oauth/local/link?redirect=${encodeURIComponent(CLIENT)}`)
          .set(bearer(lee.accessToken))
          .expect(200)
      ).body.url as string;
    const identities = async () =>
      (await t.http().get('/api/users/me/identities').set(bearer(lee.accessToken)).expect(200))
        .body;

    // Without the cookie of the browser that opened the link, or with another flow's: refused.
    const url = await linkUrl();
    const flow = await startLink(url);
    expect(await callback(await atProvider(flow, 'lee-sub'))).toBe(`${CLIENT}#error=invalid_state`);
    const other = await startLink(await linkUrl());
    expect(await callback(await atProvider(other, 'lee-sub'), flow.cookie)).toBe(
      `${CLIENT}#error=invalid_state`,
    );
    expect(await identities()).toEqual([]);

    // The link's address is spent once opened; a `redirect` beside its ticket is a 400.
    const replay = await t
      .http()
      .get(new URL(url).pathname + new URL(url).search)
      .expect(302);
    expect(replay.headers.location).toBe(`${PUBLIC_URL}/#error=invalid_state`);
    expect(replay.headers['set-cookie']).toBeUndefined();
    const fresh = new URL(await linkUrl());
    await t
      .http()
      .get(`${fresh.pathname}${fresh.search}&redirect=${encodeURIComponent(CLIENT)}`)
      .expect(400);

    expect(await completed(await startLink(await linkUrl()), 'lee-sub')).toBe(
      `${CLIENT}#linked=local`,
    );
    expect(await identities()).toEqual([expect.objectContaining({ subject: 'lee-sub' })]);
  });

  it('links an identity to a signed-in account, never one that belongs to another', async () => {
    const carl = await registerAccount(t, { username: 'carl_pw' });
    provider.account('carl-sub', { preferred_username: 'carl', email: 'carl@oidc.test' });
    const link = await t
      .http()
      .get(`/api/auth/oauth/local/link?redirect=${encodeURIComponent(CLIENT)}`)
      .set(bearer(carl.accessToken))
      .expect(200);
    expect(await completed(await startLink(link.body.url), 'carl-sub')).toBe(
      `${CLIENT}#linked=local`,
    );
    const identities = await t
      .http()
      .get('/api/users/me/identities')
      .set(bearer(carl.accessToken))
      .expect(200);
    expect(identities.body).toEqual([expect.objectContaining({ subject: 'carl-sub' })]);
    expect((await signedIn('carl-sub')).user.id).toBe(carl.id);

    // Ann's identity belongs to Ann's account: Carl can't take it.
    const other = await registerAccount(t, { username: 'dora_pw' });
    const steal = await t
      .http()
      .get('/api/auth/oauth/local/link')
      .set(bearer(other.accessToken))
      .expect(200);
    expect(await completed(await startLink(steal.body.url), 'carl-sub')).toBe(
      `${CLIENT}#error=identity_in_use`,
    );
    await t.http().get('/api/auth/oauth/local/link').expect(401);
  });

  it('unlinks an identity only while another way to sign in remains', async () => {
    provider.account('uma-sub', { preferred_username: 'uma' });
    const uma = await signedIn('uma-sub');
    const auth = bearer(uma.accessToken);
    const last = await t.http().delete('/api/users/me/identities/local').set(auth).expect(409);
    expectEnvelope(last.body, 409, '/api/users/me/identities/local', /only way to sign in/);

    // An account without a password sets one without a current password.
    await t
      .http()
      .put('/api/users/me/password')
      .set(auth)
      .send({ newPassword: 'uma has a password now' })
      .expect(204);
    const me = await t.http().get('/api/users/me').set(auth).expect(200);
    expect(me.body.hasPassword).toBe(true);
    await t.http().delete('/api/users/me/identities/local').set(auth).expect(204);
    await t.http().delete('/api/users/me/identities/local').set(auth).expect(404);
    await t.http().get('/api/users/me/identities').set(auth).expect(200, []);
    await t
      .http()
      .post('/api/auth/login')
      .send({ login: 'uma', password: 'uma has a password now' })
      .expect(200);
  });

  it('meets the same 2FA challenge after a provider sign-in as after a password', async () => {
    provider.account('tfa-sub', { preferred_username: 'tfa' });
    const first = await signedIn('tfa-sub');
    const auth = bearer(first.accessToken);
    const setup = await t.http().post('/api/auth/2fa/setup').set(auth).expect(200);
    const codeNow = () => authenticator.clone({ epoch: clock.now() }).generate(setup.body.secret);
    await t.http().post('/api/auth/2fa/enable').set(auth).send({ code: codeNow() }).expect(204);
    clock.advance(30_000);

    const { code } = await signIn('tfa-sub');
    const challenge = await exchange(code).expect(200);
    expect(challenge.body).toEqual({ twoFactorRequired: true, challengeToken: expect.any(String) });
    const done = await t
      .http()
      .post('/api/auth/2fa/login')
      .send({ challengeToken: challenge.body.challengeToken, code: codeNow() })
      .expect(200);
    expect(done.body.user).toMatchObject({ id: first.user.id, twoFactorEnabled: true });
  });

  it('erases an account without a password by its username, from a recent sign-in only', async () => {
    provider.account('eve-sub', {
      preferred_username: 'eve',
      email: 'eve@oidc.test',
      email_verified: true,
    });
    const eve = await signedIn('eve-sub');
    const auth = bearer(eve.accessToken);
    const wrong = await t
      .http()
      .delete('/api/users/me')
      .set(auth)
      .send({ confirm: 'someone' })
      .expect(403);
    expectEnvelope(wrong.body, 403, '/api/users/me', /username/);
    await t.http().delete('/api/users/me').set(auth).send({ password: 'whatever' }).expect(403);

    clock.advance(11 * 60_000);
    const stale = await t
      .http()
      .delete('/api/users/me')
      .set(auth)
      .send({ confirm: 'eve' })
      .expect(403);
    expectEnvelope(stale.body, 403, '/api/users/me', /10 minutes/);

    const fresh = await signedIn('eve-sub');
    await t
      .http()
      .delete('/api/users/me')
      .set(bearer(fresh.accessToken))
      .send({ confirm: 'eve' })
      .expect(204);
    // The identity went with the account: the same person signing in again starts afresh.
    const next = await signedIn('eve-sub');
    expect(next.user.id).not.toBe(eve.user.id);
    expect(next.user).toMatchObject({ username: 'eve', email: 'eve@oidc.test' });
  });

  it('gives up on a provider that stops answering after OAUTH_TIMEOUT_MS: #error=provider_unreachable', async () => {
    provider.account('late-sub', { preferred_username: 'late' });
    const flow = await startSignIn();
    const back = await atProvider(flow, 'late-sub');
    provider.child.kill('SIGSTOP');
    try {
      const started = Date.now();
      expect(await callback(back, flow.cookie)).toBe(`${CLIENT}#error=provider_unreachable`);
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      expect(waited).toBeLessThan(TIMEOUT_MS + 5000);
    } finally {
      provider.child.kill('SIGCONT');
    }
  });
});
