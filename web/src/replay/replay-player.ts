/**
 * Plays a stored match back in the browser: the replay's seed, config and inputs re-simulated by
 * the shared engine, step by step, exactly as the server ran them. Seeking backwards starts the
 * re-simulation again from the seed (a whole match is a few thousand steps: milliseconds).
 */
import { Resimulation, type GameState, type Replay } from '@arena/engine';
import type { Frame } from '../game/game.types';

export class ReplayPlayer {
  private simulation: Resimulation;

  constructor(private readonly replay: Replay) {
    this.simulation = this.restart();
  }

  /** The last step of the match. */
  get lastTick(): number {
    return this.replay.final.tick;
  }

  get state(): Readonly<GameState> {
    return this.simulation.state;
  }

  /** Moves to step `tick` (clamped to the match), forwards or backwards. */
  seek(tick: number): Readonly<GameState> {
    const target = Math.max(0, Math.min(this.lastTick, Math.floor(tick)));
    if (target < this.simulation.state.tick) this.simulation = this.restart();
    this.simulation.advanceTo(target);
    return this.simulation.state;
  }

  /** Whether re-simulating reproduced the stored score (checked at the last step). */
  reproducesFinal(): boolean {
    const state = this.seek(this.lastTick);
    const { score } = this.replay.final;
    return state.score.left === score.left && state.score.right === score.right;
  }

  frame(): Frame {
    return frameOf(this.simulation.state);
  }

  private restart(): Resimulation {
    return new Resimulation(this.replay.config, this.replay.seed, this.replay.inputs);
  }
}

export function frameOf(state: Readonly<GameState>): Frame {
  return {
    ball: { x: state.ball.x, y: state.ball.y },
    paddles: { left: state.paddles.left.y, right: state.paddles.right.y },
    score: { left: state.score.left, right: state.score.right },
  };
}
