import type { GameConfig, PublicGameConfig } from './engine.types';

const degrees = (value: number) => (value * Math.PI) / 180;

/** API.md's default rules. */
export const DEFAULT_GAME_CONFIG: Readonly<GameConfig> = Object.freeze({
  width: 800,
  height: 600,
  paddleWidth: 10,
  paddleHeight: 100,
  paddleInset: 30,
  paddleSpeed: 600,
  ballRadius: 8,
  ballSpeed: 400,
  speedUp: 1.05,
  maxBallSpeed: 1200,
  maxBounceAngle: degrees(60),
  serveMaxAngle: degrees(45),
  servePauseMs: 1000,
  tickRate: 60,
  winningScore: 11,
});

export function makeGameConfig(overrides: Partial<GameConfig> = {}): GameConfig {
  return { ...DEFAULT_GAME_CONFIG, ...overrides };
}

export function publicConfig(config: GameConfig): PublicGameConfig {
  const {
    width,
    height,
    paddleWidth,
    paddleHeight,
    paddleSpeed,
    ballRadius,
    ballSpeed,
    tickRate,
    winningScore,
  } = config;
  return {
    width,
    height,
    paddleWidth,
    paddleHeight,
    paddleSpeed,
    ballRadius,
    ballSpeed,
    tickRate,
    winningScore,
  };
}

/** x of each paddle's centre. */
export function paddleCentreX(config: GameConfig, side: 'left' | 'right'): number {
  const offset = config.paddleInset + config.paddleWidth / 2;
  return side === 'left' ? offset : config.width - offset;
}
