/**
 * Sign-in with a real OpenID Connect provider (oidc-provider, in a child process on loopback):
 * a first sign-in makes an account, a returning one finds it, linking and unlinking, refused
 * and tampered flows, a replayed or expired exchange code, 2FA after a provider sign-in, erasure
 * of an account without a password, and a provider that stops answering.
 */
import { authenticator } from 'otplib';
import { ManualClock } from '../src/common/clock/clock';
import { bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { browse, fragmentOf, OidcTestProvider, startOidcProvider, withQuery } from './support/oidc';
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

  /** The provider's address for a new sign-in (302 from Arena). */
  async function startSignIn(
    path = `/api/auth/oauth/local?redirect=${encodeURIComponent(CLIENT)}`,
  ) {
    const res = await t.http().get(path).expect(302);
    return res.headers.location;
  }

  /** Where the provider sends the browser back to Arena, the person `hint` having signed in. */
  function atProvider(providerUrl: string, hint: string): Promise<string> {
    return browse(withQuery(providerUrl, 'login_hint', hint), PUBLIC_URL);
  }

  /** Arena's answer to the provider's callback: where it sends the browser. */
  async function callback(callbackUrl: string): Promise<string> {
    const url = new URL(callbackUrl);
    const res = await t.http().get(`${url.pathname}${url.search}`).expect(302);
    return res.headers.location;
  }

  async function signIn(hint: string): Promise<Record<string, string>> {
    return fragmentOf(await callback(await atProvider(await startSignIn(), hint)));
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
    const location = new URL(await startSignIn());
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
    expect(fragmentOf(await callback(await atProvider(await startSignIn(), 'deny')))).toEqual({
      error: 'denied',
    });

    provider.account('tess-sub', { preferred_username: 'tess' });
    const back = new URL(await atProvider(await startSignIn(), 'tess-sub'));
    const state = back.searchParams.get('state') as string;
    const tampered = new URL(back);
    tampered.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);
    expect(await callback(tampered.href)).toBe(`${PUBLIC_URL}/#error=invalid_state`);
    const withoutState = new URL(back);
    withoutState.searchParams.delete('state');
    expect(await callback(withoutState.href)).toBe(`${PUBLIC_URL}/#error=invalid_state`);

    // The genuine callback still works once, then its state is spent.
    expect(fragmentOf(await callback(back.href))).toEqual({ code: expect.any(String) });
    expect(await callback(back.href)).toBe(`${PUBLIC_URL}/#error=invalid_state`);
  });

  it('links an identity to a signed-in account, never one that belongs to another', async () => {
    const carl = await registerAccount(t, { username: 'carl_pw' });
    provider.account('carl-sub', { preferred_username: 'carl', email: 'carl@oidc.test' });
    const link = await t
      .http()
      .get(`/api/auth/oauth/local/link?redirect=${encodeURIComponent(CLIENT)}`)
      .set(bearer(carl.accessToken))
      .expect(200);
    expect(new URL(link.body.url).origin).toBe(provider.issuer);
    expect(await callback(await atProvider(link.body.url, 'carl-sub'))).toBe(
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
    expect(await callback(await atProvider(steal.body.url, 'carl-sub'))).toBe(
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
    const back = await atProvider(await startSignIn(), 'late-sub');
    provider.child.kill('SIGSTOP');
    try {
      const started = Date.now();
      expect(await callback(back)).toBe(`${CLIENT}#error=provider_unreachable`);
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      expect(waited).toBeLessThan(TIMEOUT_MS + 5000);
    } finally {
      provider.child.kill('SIGCONT');
    }
  });
});
