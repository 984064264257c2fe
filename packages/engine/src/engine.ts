/**
 * The Pong simulation: a pure, deterministic step. No clock (time arrives as `dt`), no I/O, no
 * Math.random (serves draw from the RNG state inside the game state). It updates the state in
 * place, because the tick loop runs it for every live match 60 times a second, and returns what
 * happened during the step.
 */
import { paddleCentreX } from './engine.constants';
import type {
  Direction,
  GameConfig,
  GameState,
  PaddleInputs,
  Side,
  StepEvent,
} from './engine.types';
import { nextRandom } from './rng';

const NOTHING: readonly StepEvent[] = Object.freeze([]);

const SPEED_OF: Record<Direction, number> = { up: -1, down: 1, stop: 0 };

export function createInitialState(config: GameConfig, seed: number): GameState {
  const state: GameState = {
    tick: 0,
    phase: 'serving',
    ball: { x: config.width / 2, y: config.height / 2, vx: 0, vy: 0 },
    paddles: { left: { y: config.height / 2 }, right: { y: config.height / 2 } },
    score: { left: 0, right: 0 },
    serveTowards: 'left',
    servePauseMs: 0,
    rng: seed | 0,
    winner: null,
  };
  state.serveTowards = nextRandom(state) < 0.5 ? 'left' : 'right';
  return state;
}

export function cloneState(state: GameState): GameState {
  return {
    ...state,
    ball: { ...state.ball },
    paddles: { left: { ...state.paddles.left }, right: { ...state.paddles.right } },
    score: { ...state.score },
  };
}

/** Advances the match by `dt` seconds with each paddle's current intent. */
export function step(
  state: GameState,
  inputs: PaddleInputs,
  dt: number,
  config: GameConfig,
): readonly StepEvent[] {
  if (state.phase === 'over') return NOTHING;
  state.tick += 1;
  movePaddle(state, 'left', inputs.left, dt, config);
  movePaddle(state, 'right', inputs.right, dt, config);

  if (state.phase === 'serving') {
    state.servePauseMs -= dt * 1000;
    // A little tolerance for float sums: 60 steps of 1/60 s must make exactly one second.
    if (state.servePauseMs <= 1e-6) serve(state, config);
    return NOTHING;
  }
  return moveBall(state, dt, config);
}

function movePaddle(
  state: GameState,
  side: Side,
  direction: Direction,
  dt: number,
  config: GameConfig,
): void {
  const half = config.paddleHeight / 2;
  const paddle = state.paddles[side];
  const y = paddle.y + SPEED_OF[direction] * config.paddleSpeed * dt;
  paddle.y = Math.min(config.height - half, Math.max(half, y));
}

function serve(state: GameState, config: GameConfig): void {
  const angle = (nextRandom(state) * 2 - 1) * config.serveMaxAngle;
  const direction = state.serveTowards === 'left' ? -1 : 1;
  state.ball.x = config.width / 2;
  state.ball.y = config.height / 2;
  state.ball.vx = direction * config.ballSpeed * Math.cos(angle);
  state.ball.vy = config.ballSpeed * Math.sin(angle);
  state.servePauseMs = 0;
  state.phase = 'playing';
}

/**
 * Moves the ball through the step, bouncing off walls and paddles. A paddle hit is found by
 * sweeping: the moment the ball's leading edge crosses the paddle's face within the step, and
 * whether the paddle covers the ball's centre then, so no speed can tunnel through a paddle.
 */
function moveBall(state: GameState, dt: number, config: GameConfig): readonly StepEvent[] {
  const { ball } = state;
  const r = config.ballRadius;
  let events: StepEvent[] | null = null;
  let remaining = dt;

  // At most one paddle hit per side per step; two iterations cover a hit and what follows it.
  for (let pass = 0; pass < 3 && remaining > 0; pass++) {
    const side: Side | null = ball.vx < 0 ? 'left' : ball.vx > 0 ? 'right' : null;
    const hitTime = side ? paddleHitTime(state, side, remaining, config) : null;
    if (side === null || hitTime === null) {
      advance(ball, remaining, config);
      remaining = 0;
      break;
    }
    advance(ball, hitTime, config);
    remaining -= hitTime;
    bounceOffPaddle(state, side, config);
    (events ??= []).push({ type: 'hit', side });
  }

  const scorer: Side | null = ball.x + r < 0 ? 'right' : ball.x - r > config.width ? 'left' : null;
  if (scorer) (events ??= []).push(...scorePoint(state, scorer, config));
  return events ?? NOTHING;
}

/** Seconds until the ball meets `side`'s paddle within `within`, or null if it doesn't. */
function paddleHitTime(
  state: GameState,
  side: Side,
  within: number,
  config: GameConfig,
): number | null {
  const { ball } = state;
  const r = config.ballRadius;
  const face =
    side === 'left'
      ? config.paddleInset + config.paddleWidth
      : config.width - config.paddleInset - config.paddleWidth;
  const edge = side === 'left' ? ball.x - r : ball.x + r;
  const gap = side === 'left' ? edge - face : face - edge;
  if (gap < 0) return null; // already past the face: the point is lost
  const closing = Math.abs(ball.vx);
  const time = gap / closing;
  if (time > within) return null;
  const y = reflectedY(ball.y + ball.vy * time, config);
  const reach = config.paddleHeight / 2 + r;
  return Math.abs(y - state.paddles[side].y) <= reach ? time : null;
}

function bounceOffPaddle(state: GameState, side: Side, config: GameConfig): void {
  const { ball } = state;
  const reach = config.paddleHeight / 2 + config.ballRadius;
  const offset = Math.max(-1, Math.min(1, (ball.y - state.paddles[side].y) / reach));
  const angle = offset * config.maxBounceAngle;
  const speed = Math.min(Math.hypot(ball.vx, ball.vy) * config.speedUp, config.maxBallSpeed);
  const away = side === 'left' ? 1 : -1;
  ball.vx = away * speed * Math.cos(angle);
  ball.vy = speed * Math.sin(angle);
  const face =
    side === 'left'
      ? config.paddleInset + config.paddleWidth
      : config.width - config.paddleInset - config.paddleWidth;
  ball.x = face + away * config.ballRadius;
}

/** Moves the ball freely for `time` seconds, reflecting off the top and bottom walls. */
function advance(
  ball: { x: number; y: number; vx: number; vy: number },
  time: number,
  config: GameConfig,
): void {
  ball.x += ball.vx * time;
  const y = ball.y + ball.vy * time;
  // Unfolded, the ball crosses a wall each `span`; an odd number of crossings flips its direction.
  const span = config.height - 2 * config.ballRadius;
  const crossings = Math.floor((y - config.ballRadius) / span);
  if (crossings % 2 !== 0) ball.vy = -ball.vy;
  ball.y = reflectedY(y, config);
}

/** Folds a y coordinate back into the band the ball's centre can occupy, as wall bounces would. */
function reflectedY(y: number, config: GameConfig): number {
  const low = config.ballRadius;
  const span = config.height - 2 * low;
  let offset = (y - low) % (2 * span);
  if (offset < 0) offset += 2 * span;
  return low + (offset <= span ? offset : 2 * span - offset);
}

function scorePoint(state: GameState, scorer: Side, config: GameConfig): StepEvent[] {
  state.score[scorer] += 1;
  const events: StepEvent[] = [{ type: 'point', scorer, score: { ...state.score } }];
  state.ball.x = config.width / 2;
  state.ball.y = config.height / 2;
  state.ball.vx = 0;
  state.ball.vy = 0;
  if (state.score[scorer] >= config.winningScore) {
    state.phase = 'over';
    state.winner = scorer;
    events.push({ type: 'end', winner: scorer });
  } else {
    state.phase = 'serving';
    state.serveTowards = scorer === 'left' ? 'right' : 'left';
    state.servePauseMs = config.servePauseMs;
  }
  return events;
}

export { paddleCentreX };
