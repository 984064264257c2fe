/**
 * A match's tape: every input the simulation applied, as `[tick, side, direction]`, where `tick`
 * is the step it took effect on (the step that made `state.tick` equal to it). With the seed and
 * the config it determines the match exactly: see replay.ts.
 */
import type { Direction, PaddleInputs, Side } from './engine.types';

export type TapeInput = [tick: number, side: Side, direction: Direction];

/**
 * Records a live match's tape at step time: before each step, each side whose intent differs
 * from the last one recorded for it. That captures players' inputs, the computer's, and the
 * `stop` a pause imposes, at the cost of a comparison per side and a push per change. Intents
 * start as `stop`, which is not recorded.
 */
export class TapeRecorder {
  readonly inputs: TapeInput[] = [];
  private left: Direction = 'stop';
  private right: Direction = 'stop';

  /** Call just before the step that takes the state to `tick`, with the intents it applies. */
  record(tick: number, intents: PaddleInputs): void {
    if (intents.left !== this.left) {
      this.left = intents.left;
      this.inputs.push([tick, 'left', intents.left]);
    }
    if (intents.right !== this.right) {
      this.right = intents.right;
      this.inputs.push([tick, 'right', intents.right]);
    }
  }
}
