/**
 * Who plays whom. Casual: first come, first served. Ranked: two players may meet when their
 * rating gap fits inside both their windows; a window starts at `baseWindow` and widens by
 * `widenPerSecond` for every second the player has waited (up to `maxWindow`), so a lonely
 * high-rated player still finds a game. The longest-waiting player is served first, with the
 * closest acceptable opponent. Pure: the clock arrives as `now`.
 */
export interface QueueEntry {
  userId: string;
  rating: number;
  joinedAt: number;
}

export interface PairingPolicy {
  baseWindow: number;
  widenPerSecond: number;
  maxWindow: number;
}

export const DEFAULT_PAIRING_POLICY: PairingPolicy = {
  baseWindow: 100,
  widenPerSecond: 10,
  maxWindow: 800,
};

export function ratingWindow(
  entry: QueueEntry,
  now: number,
  policy = DEFAULT_PAIRING_POLICY,
): number {
  const waited = Math.max(0, now - entry.joinedAt) / 1000;
  return Math.min(policy.maxWindow, policy.baseWindow + policy.widenPerSecond * waited);
}

export interface Pairing {
  pairs: [QueueEntry, QueueEntry][];
  remaining: QueueEntry[];
}

export function pairPlayers(
  entries: readonly QueueEntry[],
  mode: 'ranked' | 'casual',
  now: number,
  policy = DEFAULT_PAIRING_POLICY,
): Pairing {
  const waiting = [...entries].sort(
    (a, b) => a.joinedAt - b.joinedAt || a.userId.localeCompare(b.userId),
  );
  const pairs: [QueueEntry, QueueEntry][] = [];
  const taken = new Set<string>();
  for (const entry of waiting) {
    if (taken.has(entry.userId)) continue;
    let best: QueueEntry | null = null;
    for (const candidate of waiting) {
      if (candidate === entry || taken.has(candidate.userId)) continue;
      if (mode === 'casual') {
        best = candidate;
        break;
      }
      const gap = Math.abs(candidate.rating - entry.rating);
      if (gap > Math.min(ratingWindow(entry, now, policy), ratingWindow(candidate, now, policy)))
        continue;
      if (!best || gap < Math.abs(best.rating - entry.rating)) best = candidate;
    }
    if (best) {
      taken.add(entry.userId).add(best.userId);
      pairs.push([entry, best]);
    }
  }
  return { pairs, remaining: waiting.filter((entry) => !taken.has(entry.userId)) };
}
