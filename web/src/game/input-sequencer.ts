/**
 * Numbers a player's inputs (`game:input`'s `seq`) and keeps those the server has not applied
 * yet. The server echoes, in every `match:state`, the `seq` of the last input it applied per side
 * (`lastSeq`): what is still pending after that is what prediction replays on top of its state.
 */
import type { Direction } from './game.types';

export interface PendingInput {
  seq: number;
  direction: Direction;
  /** Local time (ms) it was sent. */
  at: number;
}

export class InputSequencer {
  private nextSeq = 1;
  private pendingInputs: PendingInput[] = [];
  /** The last direction asked for, applied or not. */
  private wanted: Direction = 'stop';
  /** The direction in force on the server as of the last acknowledgement. */
  private applied: Direction = 'stop';

  /** The intent changes: the input to send, or null when nothing changed (nothing to send). */
  press(direction: Direction, at: number): PendingInput | null {
    if (direction === this.wanted) return null;
    this.wanted = direction;
    const input: PendingInput = { seq: this.nextSeq++, direction, at };
    this.pendingInputs.push(input);
    return input;
  }

  /** The server applied every input up to `lastSeq`: they leave the pending list. */
  acknowledge(lastSeq: number): void {
    let acknowledged = 0;
    while (
      acknowledged < this.pendingInputs.length &&
      this.pendingInputs[acknowledged].seq <= lastSeq
    ) {
      this.applied = this.pendingInputs[acknowledged].direction;
      acknowledged++;
    }
    if (acknowledged > 0) this.pendingInputs = this.pendingInputs.slice(acknowledged);
  }

  /**
   * The server stopped every paddle (a pause): the next press must be sent even if it repeats
   * the last one, and nothing pending will be applied.
   */
  reset(): void {
    this.pendingInputs = [];
    this.wanted = 'stop';
    this.applied = 'stop';
  }

  get pending(): readonly PendingInput[] {
    return this.pendingInputs;
  }

  get appliedDirection(): Direction {
    return this.applied;
  }

  get direction(): Direction {
    return this.wanted;
  }
}
