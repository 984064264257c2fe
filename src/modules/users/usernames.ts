/**
 * Usernames for accounts made by a sign-in provider: the provider's preferred name turned into a
 * valid Arena username (3..20 of `[A-Za-z0-9_-]`), then variants of it until one is free.
 */
import { randomInt } from 'node:crypto';
import { USERNAME_PATTERN } from './dto/user-fields';

const MAX = 20;
const FALLBACK = 'player';

/** The first of `names` that makes a valid username once cleaned (accents dropped, spaces `_`). */
export function usernameBase(names: readonly (string | null | undefined)[]): string {
  for (const name of names) {
    if (!name) continue;
    const cleaned = name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .trim()
      .replace(/[\s.]+/g, '_')
      .replace(/[^A-Za-z0-9_-]/g, '')
      .replace(/^[_-]+|[_-]+$/g, '')
      .slice(0, MAX);
    if (cleaned.length >= 3 && !cleaned.toLowerCase().startsWith('deleted-')) return cleaned;
  }
  return FALLBACK;
}

/**
 * `base`, then `base2` … `base9`, then `base` with random digits: each a valid username, the
 * suffix replacing the end of a long base.
 */
export function* usernameCandidates(
  base: string,
  random: (below: number) => number = randomInt,
): Generator<string> {
  const withSuffix = (suffix: string) => `${base.slice(0, MAX - suffix.length)}${suffix}`;
  yield base;
  for (let n = 2; n <= 9; n += 1) yield withSuffix(String(n));
  for (let attempt = 0; attempt < 8; attempt += 1) {
    yield withSuffix(`_${String(random(1_000_000)).padStart(6, '0')}`);
  }
}

export function isValidUsername(name: string): boolean {
  return USERNAME_PATTERN.test(name);
}
