/**
 * Sign-in specs' helpers: a real OpenID Connect provider in a child process (oidc-provider.mjs),
 * a browser stand-in that follows redirects with cookies until the provider sends it back to
 * Arena, the cookie that binds a flow to its browser, and the pieces of a URL fragment.
 */
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { BINDING_COOKIE } from '../../src/modules/auth/providers/browser-binding';

export interface OidcTestProvider {
  issuer: string;
  child: ChildProcess;
  /** Registers an account (its claims) the provider can sign in. */
  account(id: string, claims: Record<string, unknown>): void;
  stop(): Promise<void>;
}

export async function startOidcProvider(redirectUri: string): Promise<OidcTestProvider> {
  const child = fork(join(__dirname, 'oidc-provider.mjs'), [], {
    env: { PATH: process.env.PATH, OIDC_REDIRECT_URI: redirectUri, NODE_ENV: 'test' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`OIDC provider not ready: ${stderr}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`OIDC provider exited (${code}): ${stderr}`)));
    child.on('message', (message: { type?: string; issuer?: string }) => {
      if (message.type !== 'ready' || !message.issuer) return;
      clearTimeout(timer);
      resolve(message.issuer);
    });
  });
  return {
    issuer,
    child,
    account: (id, claims) => child.send({ type: 'account', id, claims }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGCONT');
        child.kill('SIGKILL');
      }),
  };
}

/**
 * Follows a provider's redirects as a browser would (keeping its cookies) until one leads back
 * to `returnTo`, and answers that address. Bounded: at most 20 hops.
 */
export async function browse(start: string, returnTo: string): Promise<string> {
  const cookies = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 20; hop += 1) {
    if (url.startsWith(returnTo)) return url;
    const answer = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const header of answer.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const location = answer.headers.get('location');
    if (!location) {
      throw new Error(
        `${url} answered ${answer.status} without a redirect: ${await answer.text()}`,
      );
    }
    url = new URL(location, url).href;
  }
  throw new Error(`Still redirecting after 20 hops: ${url}`);
}

/** The fields of a URL's #fragment. */
export function fragmentOf(url: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(new URL(url).hash.slice(1)));
}

/** A URL with one more query parameter. */
export function withQuery(url: string, name: string, value: string): string {
  const next = new URL(url);
  next.searchParams.set(name, value);
  return next.href;
}

/**
 * The sign-in binding cookie an answer of Arena's sets, as `name=value` (what a browser sends
 * back), or null when it sets none.
 */
export function bindingCookieIn(headers: Record<string, unknown>): string | null {
  const setCookie = headers['set-cookie'];
  const lines = Array.isArray(setCookie) ? (setCookie as string[]) : [];
  const line = lines.find((header) => header.startsWith(`${BINDING_COOKIE}=`));
  return line ? line.split(';')[0] : null;
}
