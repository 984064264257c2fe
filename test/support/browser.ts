/**
 * Browser tests drive Debian's Chromium (apt `chromium`) with playwright-core: Playwright's own
 * browser downloads are not reachable here. Every page is watched for console errors, uncaught
 * exceptions and failed requests, which a test asserts are none.
 */
import axe from 'axe-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go: SCREENSHOT_DIR (docs/screenshots refreshes the README's), else a temp dir. */
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'arena-screenshots');

export interface ChromiumOptions {
  /**
   * Host names the browser resolves to a loopback `host:port` (Chromium's host resolver rules):
   * an Arena on port 0 can be reached at the PUBLIC_URL it was configured with before it chose
   * its port, e.g. `{ 'arena.localhost': '127.0.0.1:41234' }` for `http://arena.localhost`.
   */
  hosts?: Record<string, string>;
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Without the background-networking flags Chromium floods the closed network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      ...hostResolverRules(options.hosts ?? {}),
    ],
  });
}

function hostResolverRules(hosts: Record<string, string>): string[] {
  const rules = Object.entries(hosts).map(([name, target]) => `MAP ${name} ${target}`);
  return rules.length > 0 ? [`--host-resolver-rules=${rules.join(', ')}`] : [];
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed or refused requests seen so far. */
  problems: string[];
}

/** A fresh browser context (its own storage: another person) and a watched page in it. */
export async function openPage(browser: Browser, baseURL: string): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1100, height: 860 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(
      `request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`,
    ),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) {
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
    }
  });
  return { context, page, problems };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** The built web client the browser specs serve. */
export const WEB_DIR = join(__dirname, '..', '..', 'web', 'dist');

export interface BrowserSuiteOptions {
  /** The Arena to start (WEB_DIR is added); a function is called in the suite's beforeAll. */
  app?: TestAppOptions | (() => TestAppOptions);
  /** How to launch Chromium, knowing the started Arena. */
  chromium?: (app: TestApp) => ChromiumOptions;
  /** Where pages start (default: the app's own URL). */
  baseUrl?: (app: TestApp) => string;
}

export interface BrowserSuite {
  /** The suite's Arena (from its beforeAll on). */
  readonly app: TestApp;
  /** A page in a browser context of its own, closed after the test. */
  open(): Promise<WatchedPage>;
  /** Signs `account` in with its password, and waits for the play screen. */
  signIn(page: Page, account: { username: string; password: string }): Promise<void>;
}

/**
 * Registers a browser spec's hooks: the client checked as built, an Arena of the spec's own on
 * port 0 with its own database serving it, one Chromium, and each test's pages closed after it.
 * Hooks a spec registers before calling this run before its own (a provider to start, say).
 */
export function browserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    if (!readFileSync(join(WEB_DIR, 'index.html'), 'utf8').includes('/assets/app-')) {
      throw new Error('web/dist holds no built client: npm run build:web');
    }
    const appOptions = typeof options.app === 'function' ? options.app() : (options.app ?? {});
    app = await startTestApp({ ...appOptions, env: { ...appOptions.env, WEB_DIR } });
    browser = await launchChromium(options.chromium?.(app));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(async () => {
    for (const { context } of pages.splice(0)) await context.close();
  });

  return {
    get app() {
      if (!app) throw new Error('the browser suite has not started yet');
      return app;
    },
    async open() {
      if (!browser || !app) throw new Error('the browser suite has not started yet');
      const watched = await openPage(browser, options.baseUrl?.(app) ?? app.url);
      pages.push(watched);
      return watched;
    },
    async signIn(page, account) {
      await page.goto('/');
      await page.getByLabel('Username or email').fill(account.username);
      await page.getByLabel('Password').fill(account.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { name: 'Play', exact: true }).waitFor();
    },
  };
}

/** One accessibility rule a page breaks, as axe-core reports it. */
export interface AccessibilityViolation {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * The WCAG 2 A and AA rules (and axe's best practices) `page` breaks now, checked by axe-core
 * in the page (evaluated through the DevTools protocol, which the page's CSP does not govern).
 */
export async function accessibilityViolations(page: Page): Promise<AccessibilityViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const inPage = globalThis as unknown as { axe: AxeRunner; document: unknown };
    const results = await inPage.axe.run(inPage.document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return results.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
}

type AxeRunner = {
  run(
    context: unknown,
    options: object,
  ): Promise<{
    violations: {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: string[] }[];
    }[];
  }>;
};

/** Fails with axe-core's findings when `page` breaks a WCAG 2.1 A/AA rule or a best practice. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await accessibilityViolations(page);
  if (violations.length > 0) {
    throw new Error(
      `${screen} is not accessible:\n` +
        violations
          .map((v) => `- ${v.rule} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}`)
          .join('\n'),
    );
  }
}

/** A screen the tests reach: photographed (see SCREENSHOT_DIR) and checked by axe-core. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}
