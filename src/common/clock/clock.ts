/**
 * The one source of time for services. Tests and the game loop inject their own clock so
 * nothing depends on the wall clock or sleeps for game time.
 */
export abstract class Clock {
  /** Epoch milliseconds. */
  abstract now(): number;

  date(): Date {
    return new Date(this.now());
  }
}

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}

/** A clock that only moves when told to. */
export class ManualClock extends Clock {
  constructor(private current = Date.UTC(2026, 0, 1)) {
    super();
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(epochMs: number): void {
    this.current = epochMs;
  }
}

/** A time as API.md writes it in REST: ISO-8601, or null when there is none. */
export function isoOrNull(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
