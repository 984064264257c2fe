/**
 * Re-simulation: a match rebuilt from its seed, its config and its tape alone. A step always
 * lasts 1/tickRate seconds, in a live room as here, so the same tape gives the same state, bit
 * for bit, on any machine.
 */
import { createInitialState, step } from './engine';
import type { GameConfig, GameState, PaddleInputs } from './engine.types';
import type { TapeInput } from './tape';

/** The length of one step in seconds: what every live room and every re-simulation uses. */
export function stepSeconds(config: GameConfig): number {
  return 1 / config.tickRate;
}

/**
 * A re-simulation that can advance in slices, so a long one can yield between them. Inputs must
 * be in tick order (verification checks that before simulating).
 */
export class Resimulation {
  readonly state: GameState;
  private readonly intents: PaddleInputs = { left: 'stop', right: 'stop' };
  private readonly dt: number;
  private next = 0;

  constructor(
    private readonly config: GameConfig,
    seed: number,
    private readonly inputs: readonly TapeInput[],
  ) {
    this.state = createInitialState(config, seed);
    this.dt = stepSeconds(config);
  }

  /**
   * Steps towards `tick`, at most `maxSteps` steps; stops early if the match ends by score.
   * Returns whether it got there (or the match ended): false means call again.
   */
  advanceTo(tick: number, maxSteps = Number.POSITIVE_INFINITY): boolean {
    const { state, inputs, intents } = this;
    for (let steps = 0; state.tick < tick && state.phase !== 'over'; steps++) {
      if (steps >= maxSteps) return false;
      const next = state.tick + 1;
      while (this.next < inputs.length && inputs[this.next][0] <= next) {
        const [, side, direction] = inputs[this.next++];
        intents[side] = direction;
      }
      step(state, intents, this.dt, this.config);
    }
    return true;
  }
}

/** The state a match had after step `upToTick` (or when it ended by score, if sooner). */
export function replay(
  seed: number,
  config: GameConfig,
  inputs: readonly TapeInput[],
  upToTick: number,
): GameState {
  const resimulation = new Resimulation(config, seed, inputs);
  resimulation.advanceTo(upToTick);
  return resimulation.state;
}
