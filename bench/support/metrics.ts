/** Figures read from an Arena node's Prometheus `/metrics` (it asks for a bearer token). */
import { round } from './stats';

async function scrape(base: string, token: string): Promise<string> {
  const metrics = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!metrics.ok) throw new Error(`/metrics answered ${metrics.status}`);
  return metrics.text();
}

/** Cumulative bucket counts of a Prometheus histogram, keyed by upper bound (seconds). */
export async function histogram(
  base: string,
  token: string,
  name: string,
): Promise<Map<number, number>> {
  const text = await scrape(base, token);
  const buckets = new Map<number, number>();
  for (const line of text.split('\n')) {
    // Other labels (the node's, on every metric) may stand beside `le`.
    const match = new RegExp(`^${name}_bucket\\{[^}]*\\ble="([^"]+)"[^}]*\\} (\\d+)`).exec(line);
    if (match) buckets.set(match[1] === '+Inf' ? Infinity : Number(match[1]), Number(match[2]));
  }
  return buckets;
}

/** The bucket bound under which `p` percent of the observations between two scrapes fall. */
export function histogramPercentile(
  before: Map<number, number>,
  after: Map<number, number>,
  p: number,
): number | null {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  if (total === 0) return null;
  for (const bound of bounds) {
    if ((after.get(bound) ?? 0) - (before.get(bound) ?? 0) >= (p / 100) * total) return bound;
  }
  return Infinity;
}

/** The value of a gauge or counter without other labels than the node's, or null. */
export async function gauge(base: string, token: string, name: string): Promise<number | null> {
  const text = await scrape(base, token);
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : null;
}

/** Tick lateness p50 / p99 in ms between two scrapes of `arena_tick_lateness_seconds`. */
export function tickLatenessMs(before: Map<number, number>, after: Map<number, number>) {
  const ms = (p: number) => {
    const seconds = histogramPercentile(before, after, p);
    return seconds === null ? null : round(seconds * 1000);
  };
  return { p50: ms(50), p99: ms(99), note: 'bucket upper bounds' };
}
