import { createHash } from 'node:crypto';
import {
  BINDING_COOKIE,
  bindingCookie,
  bindingCookieOptions,
  bindingOf,
  isBound,
} from './browser-binding';

describe('browser binding of a provider flow', () => {
  const state = 'Vh3J2f1wC0kq3Q8m0jzL2nZf2u8lJ3c4bR1xQk9a7sE';

  it('holds the SHA-256 of the state, never the state itself', () => {
    const value = bindingOf(state);
    expect(value).toBe(createHash('sha256').update(state).digest('base64url'));
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(value).not.toContain(state);
  });

  it('accepts the state only with its own cookie', () => {
    expect(isBound(state, bindingOf(state))).toBe(true);
    expect(isBound(state, undefined)).toBe(false);
    expect(isBound(state, '')).toBe(false);
    expect(isBound(state, bindingOf('another flow'))).toBe(false);
    expect(isBound(state, state)).toBe(false);
    expect(isBound(state, `${bindingOf(state)}x`)).toBe(false);
    expect(isBound(state, bindingOf(state).slice(1))).toBe(false);
  });

  it('is HttpOnly, SameSite=Lax, scoped to the callback path and lives as long as the state', () => {
    expect(
      bindingCookie(state, 'http://arena.test/api/auth/oauth/42/callback', 10 * 60_000),
    ).toEqual({
      name: BINDING_COOKIE,
      value: bindingOf(state),
      options: {
        path: '/api/auth/oauth/42/callback',
        httpOnly: true,
        sameSite: 'lax',
        secure: false,
        maxAge: 600,
      },
    });
  });

  it('is Secure when PUBLIC_URL is https, and follows a PUBLIC_URL with a path', () => {
    expect(
      bindingCookieOptions('https://example.org/arena/api/auth/oauth/local/callback', 90_500),
    ).toEqual({
      path: '/arena/api/auth/oauth/local/callback',
      httpOnly: true,
      sameSite: 'lax',
      secure: true,
      maxAge: 90,
    });
  });
});
