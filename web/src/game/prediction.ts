/**
 * Client-side prediction of the own paddle, reconciled with the server. The server's paddle
 * position is the truth as of its state's tick; on top of it the client replays what the server
 * has not applied yet: the direction last acknowledged, then each pending input from the moment
 * it was sent, moving at the configured paddle speed and clamped to the field like the engine.
 * Every new state re-runs this from the new truth, so a misprediction heals at the next state.
 */
import type { PendingInput } from './input-sequencer';
import type { Direction, PublicGameConfig } from './game.types';

const VELOCITY: Record<Direction, number> = { up: -1, down: 1, stop: 0 };

export interface PredictionInput {
  /** The paddle's centre in the last server state. */
  serverY: number;
  /** Local time (ms) that state stands for. */
  serverAt: number;
  /** The direction in force on the server as of that state. */
  appliedDirection: Direction;
  /** Inputs sent but not applied yet, oldest first. */
  pending: readonly PendingInput[];
  now: number;
  config: Pick<PublicGameConfig, 'height' | 'paddleHeight' | 'paddleSpeed'>;
}

export function clampPaddle(
  y: number,
  config: Pick<PublicGameConfig, 'height' | 'paddleHeight'>,
): number {
  const half = config.paddleHeight / 2;
  return Math.min(config.height - half, Math.max(half, y));
}

/** Where the own paddle is now, as far as the client knows. */
export function predictPaddleY(input: PredictionInput): number {
  const { config, now } = input;
  let y = input.serverY;
  let direction = input.appliedDirection;
  let from = input.serverAt;
  for (const pending of input.pending) {
    const at = Math.min(now, Math.max(from, pending.at));
    y = clampPaddle(y + (VELOCITY[direction] * config.paddleSpeed * (at - from)) / 1000, config);
    direction = pending.direction;
    from = at;
  }
  if (now > from) {
    y = clampPaddle(y + (VELOCITY[direction] * config.paddleSpeed * (now - from)) / 1000, config);
  }
  return y;
}

/**
 * Moves what is drawn towards the prediction: small corrections are eased over a few frames
 * so a reconciliation does not jerk, large ones (a reset, a rejoin) snap.
 */
export function smoothTowards(shown: number, target: number, frameMs: number): number {
  const gap = target - shown;
  if (Math.abs(gap) > 60 || Math.abs(gap) < 0.5) return target;
  const keep = Math.pow(0.5, frameMs / 30);
  return target - gap * keep;
}
