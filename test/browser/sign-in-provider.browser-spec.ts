/**
 * Signing in with a sign-in provider from the web client, in Chromium, against a real Arena and
 * a real OpenID Connect provider (oidc-provider in a child process, showing its own sign-in and
 * consent pages): the provider's button on the sign-in screen, the provider's pages, and back
 * on Arena's play screen, signed in; and a provider's callback opened in another browser (one
 * without the flow's `arena_sign_in` cookie) refused, with the error shown and no session.
 *
 * Arena's callback address derives from PUBLIC_URL, which the provider must know before Arena
 * chooses its port: Arena is `http://arena.localhost` to the browser, which resolves that
 * name to the test app's loopback port (launchChromium's `hosts`). A `.localhost` name is a
 * secure context, as 127.0.0.1 is to the other browser specs (on another name Chromium logs an
 * error for Arena's Cross-Origin-Opener-Policy header).
 */
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Session } from '../../src/modules/auth/entities/session.entity';
import { User } from '../../src/modules/users/entities/user.entity';
import { browserSuite, checkScreen } from '../support/browser';
import { OidcTestProvider, startOidcProvider } from '../support/oidc';
const PUBLIC_URL = 'http://arena.localhost';
const CALLBACK = `${PUBLIC_URL}/api/auth/oauth/local/callback`;

describe('sign-in with a provider from the web client (browser)', () => {
  let provider: OidcTestProvider;
  beforeAll(async () => {
    provider = await startOidcProvider(CALLBACK);
  });

  afterAll(async () => {
    await provider?.stop();
  });

  const suite = browserSuite({
    app: () => ({
      env: {
        PUBLIC_URL,
        OAUTH_PROVIDERS: 'local',
        OAUTH_LOCAL_NAME: 'Local SSO',
        OAUTH_LOCAL_ISSUER: provider.issuer,
        OAUTH_LOCAL_CLIENT_ID: 'arena',
        OAUTH_LOCAL_CLIENT_SECRET: 'arena-test-secret',
      },
    }),
    chromium: (app) => ({ hosts: { 'arena.localhost': new URL(app.url).host } }),
    baseUrl: () => PUBLIC_URL,
  });
  const { open } = suite;

  const sessions = () => suite.app.app.get(DataSource).getRepository(Session).count();

  /** From Arena's sign-in screen to the provider's consent page, signed in there as `account`. */
  async function toConsent(page: Page, account: string): Promise<void> {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sign in with Local SSO' }).click();
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await page.getByRole('heading', { name: 'Sign in to the test provider' }).waitFor();
    await page.getByLabel('Account').fill(account);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Allow Arena to know who you are?' }).waitFor();
  }

  it('signs in through the provider’s pages and lands on the play screen, signed in', async () => {
    provider.account('ada-sub', {
      preferred_username: 'ada',
      name: 'Ada Lovelace',
      email: 'ada@oidc.test',
      email_verified: true,
    });
    const { page, problems } = await open();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sign in with Local SSO' }).waitFor();
    await checkScreen(page, 'sign-in-providers');
    const before = await sessions();

    await toConsent(page, 'ada-sub');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByRole('heading', { name: 'Play', exact: true }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Ada Lovelace' })
      .waitFor();
    // Back at Arena's address, the one-time code gone from it.
    expect(page.url()).toBe(`${PUBLIC_URL}/#/play`);
    expect(await sessions()).toBe(before + 1);
    expect(problems).toEqual([]);
  });

  it('refuses the provider’s callback in a browser without the flow’s cookie: an error, no session', async () => {
    provider.account('mal-sub', { preferred_username: 'mal', name: 'Mal' });
    const before = await sessions();
    // Mallory goes through the provider, but stops before her browser returns to Arena...
    const lure = await open();
    await toConsent(lure.page, 'mal-sub');
    // Playwright routes only the first request of a redirect chain: the consent's answer and the
    // provider's next one are followed here, on the browser's cookies, up to Arena's callback.
    const lured: string[] = [];
    await lure.page.route(
      (url) => url.href.startsWith(`${provider.issuer}/interaction/`),
      async (route) => {
        const consented = await route.fetch({ maxRedirects: 0 });
        const resume = new URL(consented.headers().location, route.request().url());
        const back = await lure.context.request.get(resume.href, { maxRedirects: 0 });
        lured.push(back.headers().location);
        await route.abort();
      },
    );
    const stopped = lure.page.waitForEvent('requestfailed');
    await lure.page.getByRole('button', { name: 'Allow' }).click();
    await stopped;
    expect(lured).toEqual([expect.stringContaining(`${CALLBACK}?code=`)]);

    // ... and someone else's browser opens Arena's callback address.
    const { context, page, problems } = await open();
    await page.goto(lured[0]);
    await page.getByRole('alert').filter({ hasText: 'Sign-in failed: invalid state' }).waitFor();
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    expect(page.url()).toBe(`${PUBLIC_URL}/#/signin`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Sign in' })
      .waitFor();
    expect(await page.getByRole('link', { name: 'Mal' }).count()).toBe(0);
    const stored = (await context.storageState()).origins.flatMap((origin) => origin.localStorage);
    expect(stored.map((item) => item.name)).not.toContain('arena.tokens');
    // Nobody signed in, and the provider's account made no Arena account.
    expect(await sessions()).toBe(before);
    expect(
      await suite.app.app.get(DataSource).getRepository(User).countBy({ username: 'mal' }),
    ).toBe(0);
    expect(problems).toEqual([]);
  });
});
