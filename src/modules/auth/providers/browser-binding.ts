/**
 * Binds a provider flow (a sign-in or a link) to the browser that started it, against login
 * CSRF: without it, someone could start a flow with their own provider account, stop at the
 * callback URL and have another person's browser open it, signing that person into their
 * account (or linking their identity).
 *
 * Starting a flow sets a cookie holding the SHA-256 of its `state`, readable only by the
 * callback's path (HttpOnly, SameSite=Lax so it comes along on the provider's top-level
 * redirect back, Secure when PUBLIC_URL is https, gone when the state expires). The callback
 * accepts a state only from a browser holding its cookie, and clears the cookie whatever the
 * outcome. One cookie per provider: a flow started later in the same browser, with the same
 * provider, replaces an earlier one that has not come back yet.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';
import { createHash, timingSafeEqual } from 'node:crypto';

export const BINDING_COOKIE = 'arena_sign_in';

export interface BindingCookie {
  name: string;
  value: string;
  options: CookieSerializeOptions;
}

/** What the cookie of the flow with `state` holds. */
export function bindingOf(state: string): string {
  return createHash('sha256').update(state).digest('base64url');
}

/** Whether a callback's `state` came back to the browser that started its flow. */
export function isBound(state: string, cookie: string | undefined): boolean {
  if (!cookie) return false;
  const expected = Buffer.from(bindingOf(state));
  const given = Buffer.from(cookie);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Path, flags and lifetime of the cookie for a provider whose callback is `callbackUrl`. */
export function bindingCookieOptions(callbackUrl: string, ttlMs: number): CookieSerializeOptions {
  const url = new URL(callbackUrl);
  return {
    path: url.pathname,
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    maxAge: Math.floor(ttlMs / 1000),
  };
}

/** The cookie that binds the flow with `state` to the browser it is set in. */
export function bindingCookie(state: string, callbackUrl: string, ttlMs: number): BindingCookie {
  return {
    name: BINDING_COOKIE,
    value: bindingOf(state),
    options: bindingCookieOptions(callbackUrl, ttlMs),
  };
}
