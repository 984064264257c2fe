/**
 * Parses the short durations used by the environment (`15m`, `7d`, `30s`, `500ms`, or a bare
 * number of seconds) into milliseconds. Returns null for anything else.
 */
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

export function parseDuration(text: string): number | null {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]) * UNIT_MS[match[2] ?? 's'];
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}
