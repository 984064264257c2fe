/**
 * The one fixed-timestep loop that drives every live room. Time is read from the injected clock
 * and turned into whole steps through an accumulator; after a stall at most MAX_CATCH_UP steps
 * run at once and the rest of the backlog is dropped, so a slow moment never snowballs. With a
 * manual clock nothing moves until a test advances the clock and calls `pump()`.
 */
import { Clock } from '../../common/clock/clock';

export const MAX_CATCH_UP = 5;

/**
 * How early a timer wake may run a step that is due. Timers and the clock count whole
 * milliseconds, so a wake often finds a step a fraction of a millisecond short; without slack
 * it sleeps 1 ms more and wakes twice for that step (a third of all wakes at 60 Hz). The
 * accumulator carries the advance, so the loop still steps exactly tickRate times a second.
 */
export const TIMER_SLACK_MS = 1;

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

  /** Runs every step that is due by the clock's current time, or within `slackMs` of it. */
  pump(slackMs = 0): number {
    const now = this.clock.now();
    this.accumulator += now - this.last;
    this.last = now;
    let steps = 0;
    while (this.accumulator >= this.stepMs - slackMs - 1e-9 && steps < MAX_CATCH_UP) {
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
      const steps = this.pump(TIMER_SLACK_MS);
      this.onWake(Math.max(0, woke - due), performance.now() - woke, steps);
      if (this.timer) this.schedule();
    }, wait);
    this.timer.unref();
  }
}
