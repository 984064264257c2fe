/**
 * Interpolation between server states. States arrive once per tick, with jitter; the screen
 * shows the match a little in the past (a couple of ticks), blended between the two states
 * around that moment, so the ball moves smoothly at the display's rate whatever the network.
 */
import type { Frame, MatchStatePayload } from './game.types';

export interface Snapshot extends Frame {
  tick: number;
}

export function toSnapshot(state: MatchStatePayload): Snapshot {
  return {
    tick: state.tick,
    ball: { x: state.ball.x, y: state.ball.y },
    paddles: { left: state.paddles.left.y, right: state.paddles.right.y },
    score: { left: state.score.left, right: state.score.right },
  };
}

const lerp = (a: number, b: number, t: number) => a + (b - a) * t;

/**
 * The frame `t` (0..1) of the way from `a` to `b`. A point scored between them re-serves the
 * ball from the centre: it jumps to `b` rather than sliding across the field.
 */
export function interpolate(a: Snapshot, b: Snapshot, t: number): Frame {
  const pointScored = a.score.left !== b.score.left || a.score.right !== b.score.right;
  const ball = pointScored
    ? { ...b.ball }
    : { x: lerp(a.ball.x, b.ball.x, t), y: lerp(a.ball.y, b.ball.y, t) };
  return {
    ball,
    paddles: {
      left: lerp(a.paddles.left, b.paddles.left, t),
      right: lerp(a.paddles.right, b.paddles.right, t),
    },
    score: t < 1 && !pointScored ? { ...a.score } : { ...b.score },
  };
}

/** The last few states, in tick order, sampled at any (fractional) tick. */
export class SnapshotBuffer {
  private readonly snapshots: Snapshot[] = [];

  constructor(private readonly capacity = 32) {}

  push(snapshot: Snapshot): void {
    const last = this.snapshots[this.snapshots.length - 1];
    if (last && snapshot.tick <= last.tick) {
      // A state older than what we have is late news; the same tick again replaces it.
      if (snapshot.tick < last.tick) return;
      this.snapshots[this.snapshots.length - 1] = snapshot;
      return;
    }
    this.snapshots.push(snapshot);
    if (this.snapshots.length > this.capacity) this.snapshots.shift();
  }

  clear(): void {
    this.snapshots.length = 0;
  }

  get latest(): Snapshot | null {
    return this.snapshots[this.snapshots.length - 1] ?? null;
  }

  /** The frame at `tick`: clamped to the oldest and newest states held. */
  sample(tick: number): Frame | null {
    const { snapshots } = this;
    if (snapshots.length === 0) return null;
    if (tick <= snapshots[0].tick) return interpolate(snapshots[0], snapshots[0], 1);
    for (let i = snapshots.length - 1; i > 0; i--) {
      const a = snapshots[i - 1];
      const b = snapshots[i];
      if (tick >= a.tick) {
        const t = tick >= b.tick ? 1 : (tick - a.tick) / (b.tick - a.tick);
        return interpolate(a, b, t);
      }
    }
    const last = snapshots[snapshots.length - 1];
    return interpolate(last, last, 1);
  }
}

/**
 * Maps local time to the server's ticks from the arrival of states. It follows the earliest
 * arrivals (the least delayed), drifts slowly towards later ones, and starts again after a gap
 * (a pause or a countdown stops the ticks).
 */
export class TickClock {
  private origin: number | null = null;
  private latestTick = 0;

  constructor(
    private readonly stepMs: number,
    /** How far in the past the screen shows the match, in ticks. */
    private readonly delayTicks = 2,
    private readonly maxLagTicks = 6,
  ) {}

  observe(tick: number, now: number): void {
    const origin = now - tick * this.stepMs;
    if (this.origin === null || origin < this.origin || origin - this.origin > 250) {
      this.origin = origin;
    } else {
      this.origin += (origin - this.origin) * 0.05;
    }
    this.latestTick = Math.max(this.latestTick, tick);
  }

  reset(): void {
    this.origin = null;
    this.latestTick = 0;
  }

  /** The local time a tick stands for. */
  timeOf(tick: number): number {
    return (this.origin ?? 0) + tick * this.stepMs;
  }

  /** The (fractional) tick to show at `now`. */
  renderTick(now: number): number {
    if (this.origin === null) return this.latestTick;
    const estimate = (now - this.origin) / this.stepMs - this.delayTicks;
    return Math.min(this.latestTick, Math.max(this.latestTick - this.maxLagTicks, estimate));
  }
}
