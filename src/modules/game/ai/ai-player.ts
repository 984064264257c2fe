/**
 * The computer opponent. As the ft_transcendence subject asks, it looks at the game only once
 * per second: from that look it predicts where the ball will cross its paddle's line (wall
 * bounces included), then steers with the same key-press intents a player sends, at the normal
 * paddle speed, tracking its own paddle by dead reckoning until the next look. Difficulties differ
 * by how late it reacts after a look and how far off its prediction is. Pure and seeded.
 */
import { Direction, GameConfig, GameState, nextRandom, paddleCentreX, Side } from '@arena/engine';

export type AiDifficulty = 'easy' | 'normal' | 'hard';

interface Skill {
  /** Ticks between a look and the first move. */
  reactionTicks: number;
  /** Largest aiming error, in units. */
  error: number;
  /** Close enough: stop within this many units of the target. */
  tolerance: number;
}

export const AI_SKILLS: Record<AiDifficulty, Skill> = {
  easy: { reactionTicks: 24, error: 110, tolerance: 24 },
  normal: { reactionTicks: 10, error: 45, tolerance: 12 },
  hard: { reactionTicks: 2, error: 12, tolerance: 6 },
};

/** Where a ball at (x, y) moving at (vx, vy) will cross the vertical line `lineX`, walls included. */
export function predictCrossingY(
  ball: { x: number; y: number; vx: number; vy: number },
  lineX: number,
  config: GameConfig,
): number | null {
  if (ball.vx === 0 || Math.sign(lineX - ball.x) !== Math.sign(ball.vx)) return null;
  const time = (lineX - ball.x) / ball.vx;
  const low = config.ballRadius;
  const span = config.height - 2 * low;
  let offset = (ball.y + ball.vy * time - low) % (2 * span);
  if (offset < 0) offset += 2 * span;
  return low + (offset <= span ? offset : 2 * span - offset);
}

export class AiPlayer {
  private readonly skill: Skill;
  private readonly rng: { rng: number };
  private nextLookTick = 0;
  private moveFromTick = 0;
  private target: number;
  private believedY: number;

  constructor(
    readonly side: Side,
    readonly difficulty: AiDifficulty,
    private readonly config: GameConfig,
    seed: number,
  ) {
    this.skill = AI_SKILLS[difficulty];
    this.rng = { rng: seed | 0 };
    this.target = config.height / 2;
    this.believedY = config.height / 2;
  }

  /** The intent for the coming step; it reads `state` only on its once-a-second look. */
  decide(state: GameState): Direction {
    if (state.tick >= this.nextLookTick) {
      this.look(state);
      this.nextLookTick = state.tick + this.config.tickRate;
      this.moveFromTick = state.tick + this.skill.reactionTicks;
    }
    const direction = state.tick < this.moveFromTick ? 'stop' : this.steer();
    this.deadReckon(direction);
    return direction;
  }

  private look(state: GameState): void {
    this.believedY = state.paddles[this.side].y;
    const predicted = predictCrossingY(
      state.ball,
      paddleCentreX(this.config, this.side),
      this.config,
    );
    const base = predicted ?? this.config.height / 2;
    const error = (nextRandom(this.rng) * 2 - 1) * this.skill.error;
    this.target = base + error;
  }

  private steer(): Direction {
    const diff = this.target - this.believedY;
    if (Math.abs(diff) <= this.skill.tolerance) return 'stop';
    return diff < 0 ? 'up' : 'down';
  }

  private deadReckon(direction: Direction): void {
    const stepDistance = this.config.paddleSpeed / this.config.tickRate;
    const half = this.config.paddleHeight / 2;
    const delta = direction === 'up' ? -stepDistance : direction === 'down' ? stepDistance : 0;
    this.believedY = Math.min(this.config.height - half, Math.max(half, this.believedY + delta));
  }
}
