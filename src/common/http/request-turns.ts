/**
 * Requests take turns with the game loop. On SQLite every query runs on the main thread, so a
 * request's work, from its guard to its answer, is one unbroken stretch of JavaScript; when
 * several requests arrive together, Node's poll phase would run all of them back to back before
 * the loop's timer gets its turn (eight searches at 10 ms: an 80 ms gap between two states).
 * Here each request waits for its turn in a FIFO and one request runs per turn of the event loop
 * (a `setImmediate`, so timers, the tick loop's included, run between any two requests): a
 * state is late by at most the longest single request, never by the sum of a burst.
 */
export class RequestTurns {
  private readonly waiting: (() => void)[] = [];
  private running = false;

  constructor(private readonly defer: (next: () => void) => void = setImmediate) {}

  /** Runs `proceed` on a turn of its own, after those already waiting. */
  enqueue(proceed: () => void): void {
    this.waiting.push(proceed);
    if (!this.running) {
      this.running = true;
      this.defer(this.next);
    }
  }

  get length(): number {
    return this.waiting.length;
  }

  private readonly next = (): void => {
    const proceed = this.waiting.shift();
    if (this.waiting.length > 0) this.defer(this.next);
    else this.running = false;
    proceed?.();
  };
}
