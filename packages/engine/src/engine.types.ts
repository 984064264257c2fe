/** Pong's rules and state. Field origin top-left, x right, y down, positions are centres. */
export type Side = 'left' | 'right';
export type Direction = 'up' | 'down' | 'stop';

export interface GameConfig {
  width: number;
  height: number;
  paddleWidth: number;
  paddleHeight: number;
  /** Gap between each wall and the outer face of its paddle. */
  paddleInset: number;
  /** Units per second. */
  paddleSpeed: number;
  ballRadius: number;
  /** Serve speed, units per second. */
  ballSpeed: number;
  /** Speed factor on every paddle hit. */
  speedUp: number;
  maxBallSpeed: number;
  /** Bounce angle for a hit on the paddle's very end (radians). */
  maxBounceAngle: number;
  /** Serves leave within ±this angle of the horizontal (radians). */
  serveMaxAngle: number;
  servePauseMs: number;
  tickRate: number;
  winningScore: number;
}

/** The part of the configuration clients see (API.md `GameConfig`). */
export interface PublicGameConfig {
  width: number;
  height: number;
  paddleWidth: number;
  paddleHeight: number;
  paddleSpeed: number;
  ballRadius: number;
  ballSpeed: number;
  tickRate: number;
  winningScore: number;
}

export interface Ball {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

export interface GameState {
  /** Simulation steps taken. */
  tick: number;
  phase: 'serving' | 'playing' | 'over';
  ball: Ball;
  paddles: { left: { y: number }; right: { y: number } };
  score: { left: number; right: number };
  /** Who receives the next serve: the player who lost the last point. */
  serveTowards: Side;
  /** What is left of the pause before the next serve. */
  servePauseMs: number;
  /** The serve RNG's state (see rng.ts). */
  rng: number;
  winner: Side | null;
}

export interface PaddleInputs {
  left: Direction;
  right: Direction;
}

export type StepEvent =
  | { type: 'hit'; side: Side }
  | { type: 'point'; scorer: Side; score: { left: number; right: number } }
  | { type: 'end'; winner: Side };
