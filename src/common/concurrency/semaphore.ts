/**
 * At most `permits` tasks run at once; the others wait their turn, first come, first served.
 * A finishing task hands its permit straight to the oldest waiter, so a newcomer never overtakes
 * the queue. The queue's length is readable, so a caller can refuse work rather than queue it
 * behind more than anyone would wait for.
 */
export class Semaphore {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly permits: number) {
    if (!Number.isInteger(permits) || permits < 1) {
      throw new RangeError(`A semaphore needs at least one permit, not ${permits}`);
    }
  }

  /** Tasks running now. */
  get running(): number {
    return this.active;
  }

  /** Tasks waiting for a permit. */
  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.permits) this.active += 1;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
