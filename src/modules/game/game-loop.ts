/**
 * The one fixed-timestep loop that drives every live room. Time is read from the injected clock
 * and turned into whole steps through an accumulator; after a stall at most MAX_CATCH_UP steps
 * run at once and the rest of the backlog is dropped, so a slow moment never snowballs. With a
 * manual clock nothing moves until a test advances the clock and calls `pump()`.
 */
import { Clock } from '../../common/clock/clock';

export const MAX_CATCH_UP = 5;

export class GameLoop {
  readonly stepMs: number;
  private accumulator = 0;
  private last: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly clock: Clock,
    tickRate: number,
    private readonly onStep: (now: number, dt: number) => void,
    /** Instrumentation: how late each timer wake was and how long its steps took (ms, real time). */
    private readonly onWake: (latenessMs: number, durationMs: number, steps: number) => void = () =>
      undefined,
  ) {
    this.stepMs = 1000 / tickRate;
    this.last = clock.now();
  }

  start(): void {
    if (this.timer) return;
    this.last = this.clock.now();
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs every step that is due by the clock's current time. */
  pump(): number {
    const now = this.clock.now();
    this.accumulator += now - this.last;
    this.last = now;
    let steps = 0;
    while (this.accumulator >= this.stepMs - 1e-9 && steps < MAX_CATCH_UP) {
      this.accumulator -= this.stepMs;
      steps += 1;
      this.onStep(now - this.accumulator, this.stepMs / 1000);
    }
    if (this.accumulator >= this.stepMs) this.accumulator = 0; // too far behind: drop the backlog
    return steps;
  }

  private schedule(): void {
    const wait = Math.max(1, this.stepMs - this.accumulator);
    const due = performance.now() + wait;
    this.timer = setTimeout(() => {
      const woke = performance.now();
      const steps = this.pump();
      this.onWake(Math.max(0, woke - due), performance.now() - woke, steps);
      if (this.timer) this.schedule();
    }, wait);
    this.timer.unref();
  }
}
