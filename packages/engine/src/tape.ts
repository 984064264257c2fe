/**
 * A match's tape: every input the simulation applied, as `[tick, side, direction]`, where `tick`
 * is the step it took effect on (the step that made `state.tick` equal to it). With the seed and
 * the config it determines the match exactly: see replay.ts.
 */
import type { Direction, PaddleInputs, Side } from './engine.types';

export type TapeInput = [tick: number, side: Side, direction: Direction];

export const TAPE_SIDES: readonly Side[] = ['left', 'right'];
export const TAPE_DIRECTIONS: readonly Direction[] = ['up', 'down', 'stop'];
const DIRECTION_CODE: Record<Direction, number> = { up: 0, down: 1, stop: 2 };

/** An input's side and direction as one number from 0 to 5: side * 3 + direction. */
export function inputCode(side: Side, direction: Direction): number {
  return (side === 'left' ? 0 : 3) + DIRECTION_CODE[direction];
}

/**
 * Records a live match's tape at step time: before each step, each side whose intent differs
 * from the last one recorded for it. That captures players' inputs, the computer's, and the
 * `stop` a pause imposes, at the cost of a comparison per side and a push per change. Intents
 * start as `stop`, which is not recorded. Each input is kept as one small integer
 * (tick * 6 + inputCode), so a live match's tape costs 8 bytes an input and no allocation.
 */
export class TapeRecorder {
  private readonly packed: number[] = [];
  private left: Direction = 'stop';
  private right: Direction = 'stop';

  /**
   * A recorder that carries on a tape recorded elsewhere (a match handed to another node): the
   * inputs so far, and the last direction of each side as the next comparison's reference.
   */
  static resume(inputs: readonly TapeInput[]): TapeRecorder {
    const recorder = new TapeRecorder();
    for (const [tick, side, direction] of inputs) {
      recorder.packed.push(tick * 6 + inputCode(side, direction));
      recorder[side] = direction;
    }
    return recorder;
  }

  /** Call just before the step that takes the state to `tick`, with the intents it applies. */
  record(tick: number, intents: PaddleInputs): void {
    if (intents.left !== this.left) {
      this.left = intents.left;
      this.packed.push(tick * 6 + inputCode('left', intents.left));
    }
    if (intents.right !== this.right) {
      this.right = intents.right;
      this.packed.push(tick * 6 + inputCode('right', intents.right));
    }
  }

  /** Inputs recorded so far. */
  get length(): number {
    return this.packed.length;
  }

  /** The inputs so far, as tuples (a new array on every call). */
  inputs(): TapeInput[] {
    return this.packed.map((value) => {
      const code = value % 6;
      return [(value - code) / 6, TAPE_SIDES[code >= 3 ? 1 : 0], TAPE_DIRECTIONS[code % 3]];
    });
  }
}
