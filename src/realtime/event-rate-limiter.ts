/**
 * Per-socket event budgets over a sliding one-second window: game inputs beyond their budget are
 * dropped silently (they are fire-and-forget), any other event beyond its budget is refused with
 * RATE_LIMITED. Time comes from the caller, so the limiter is exact under test.
 */
export interface RateLimits {
  inputsPerSecond: number;
  eventsPerSecond: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { inputsPerSecond: 120, eventsPerSecond: 20 };

/** A ring of the last `limit` timestamps: allowed while the oldest is more than a second old. */
class SlidingWindow {
  private readonly stamps: Float64Array;
  private next = 0;

  constructor(private readonly limit: number) {
    this.stamps = new Float64Array(limit).fill(Number.NEGATIVE_INFINITY);
  }

  tryTake(now: number): boolean {
    if (this.limit <= 0) return false;
    if (now - this.stamps[this.next] < 1000) return false;
    this.stamps[this.next] = now;
    this.next = (this.next + 1) % this.limit;
    return true;
  }
}

export class EventRateLimiter {
  private readonly inputs: SlidingWindow;
  private readonly events: SlidingWindow;

  constructor(
    private readonly enabled: boolean,
    limits: RateLimits = DEFAULT_RATE_LIMITS,
  ) {
    this.inputs = new SlidingWindow(limits.inputsPerSecond);
    this.events = new SlidingWindow(limits.eventsPerSecond);
  }

  allowInput(now: number): boolean {
    return !this.enabled || this.inputs.tryTake(now);
  }

  allowEvent(now: number): boolean {
    return !this.enabled || this.events.tryTake(now);
  }
}
