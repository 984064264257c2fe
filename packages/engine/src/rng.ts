/**
 * mulberry32: a tiny seeded PRNG whose whole state is one 32-bit number, so it lives inside the
 * game state and a snapshot fully determines what comes next.
 */
export function nextRandom(state: { rng: number }): number {
  state.rng = (state.rng + 0x6d2b79f5) | 0;
  let t = state.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A seed for a new match, from any source of entropy the caller owns. */
export function seedFrom(value: number): number {
  return value >>> 0;
}
