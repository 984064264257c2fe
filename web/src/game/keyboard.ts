/**
 * Which keys move which paddle. Online, W/S and the arrow keys both move the player's own
 * paddle; on one keyboard (a local match), W/S move the left paddle and the arrows the right.
 */
import type { Direction, Side } from './game.types';

export type Controls = Side | 'both';

const LEFT_KEYS: Record<string, 'up' | 'down'> = { w: 'up', W: 'up', s: 'down', S: 'down' };
const RIGHT_KEYS: Record<string, 'up' | 'down'> = { ArrowUp: 'up', ArrowDown: 'down' };

/** The side and direction a key press asks for, or null if the key is not a game key. */
export function keyIntent(
  key: string,
  controls: Controls,
): { side: Side; move: 'up' | 'down' } | null {
  const left = LEFT_KEYS[key];
  const right = RIGHT_KEYS[key];
  if (controls === 'both') {
    if (left) return { side: 'left', move: left };
    if (right) return { side: 'right', move: right };
    return null;
  }
  const move = left ?? right;
  return move ? { side: controls, move } : null;
}

/**
 * The keys held on one side, most recent last: the paddle follows the last key still held, so
 * pressing down while up is held goes down, and releasing it goes back up.
 */
export class HeldKeys {
  private held: ('up' | 'down')[] = [];

  press(move: 'up' | 'down'): Direction {
    this.held = this.held.filter((m) => m !== move);
    this.held.push(move);
    return this.direction;
  }

  release(move: 'up' | 'down'): Direction {
    this.held = this.held.filter((m) => m !== move);
    return this.direction;
  }

  clear(): void {
    this.held = [];
  }

  get direction(): Direction {
    return this.held[this.held.length - 1] ?? 'stop';
  }
}
