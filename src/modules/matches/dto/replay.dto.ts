/**
 * API.md's `Replay` and the verdict of a verification, for Swagger. A posted replay is checked by
 * the engine's own schema (checkReplay in @arena/engine), which the CLI and any client share, not
 * by these classes: replay.dto.spec.ts keeps the documented fields equal to that schema's.
 */
import {
  GAME_CONFIG_RANGES,
  GameConfig,
  REPLAY_LIMITS,
  RULES_VERSION,
  type EndReason,
  type Side,
  type TapeInput,
} from '@arena/engine';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const DEGREE = Math.PI / 180;

/** A rule of the config, documented with its range from the engine's own table. */
function Rule(key: keyof GameConfig, description: string, example: number) {
  const { min, max, integer } = GAME_CONFIG_RANGES[key];
  return ApiProperty({
    type: integer ? 'integer' : 'number',
    minimum: min,
    maximum: max,
    description,
    example,
  });
}

export class ScoreDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 11 })
  left!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 7 })
  right!: number;
}

/**
 * Every rule the simulation needs: API.md's public `GameConfig` plus the rules clients are not
 * sent during play (paddle inset, speed-up, top speed, angles, serve pause). Field units are
 * the field's own (API.md: 800 × 600 by default), angles in radians.
 */
export class ReplayConfigDto implements GameConfig {
  @Rule('width', 'Field width', 800)
  width!: number;

  @Rule('height', 'Field height', 600)
  height!: number;

  @Rule('paddleWidth', 'Paddle width', 10)
  paddleWidth!: number;

  @Rule('paddleHeight', 'Paddle height', 100)
  paddleHeight!: number;

  @Rule('paddleInset', 'Gap between each side wall and the outer face of its paddle', 30)
  paddleInset!: number;

  @Rule('paddleSpeed', 'Paddle speed, units per second', 600)
  paddleSpeed!: number;

  @Rule('ballRadius', 'Ball radius', 8)
  ballRadius!: number;

  @Rule('ballSpeed', 'Serve speed, units per second', 400)
  ballSpeed!: number;

  @Rule('speedUp', 'Ball speed factor on every paddle hit', 1.05)
  speedUp!: number;

  @Rule('maxBallSpeed', 'Cap on the ball speed, units per second', 1200)
  maxBallSpeed!: number;

  @Rule('maxBounceAngle', 'Bounce angle off the very end of a paddle, radians', 60 * DEGREE)
  maxBounceAngle!: number;

  @Rule('serveMaxAngle', 'Serves leave within ± this angle of the horizontal, radians', 45 * DEGREE)
  serveMaxAngle!: number;

  @Rule('servePauseMs', 'Pause before the serve after a point, milliseconds', 1000)
  servePauseMs!: number;

  @Rule('tickRate', 'Simulation steps per second; each step lasts 1/tickRate s', 60)
  tickRate!: number;

  @Rule('winningScore', 'Points that win the match', 11)
  winningScore!: number;
}

export class ReplayFinalDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'The last step simulated',
    example: 5321,
  })
  tick!: number;

  @ApiProperty({ type: ScoreDto })
  score!: ScoreDto;

  @ApiProperty({ enum: ['left', 'right'], nullable: true, description: 'null: interrupted' })
  winnerSide!: Side | null;

  @ApiProperty({
    enum: ['score', 'forfeit', 'timeout'],
    nullable: true,
    description: 'null: interrupted',
  })
  endReason!: EndReason | null;
}

export class ReplayDto {
  @ApiProperty({ format: 'uuid' })
  matchId!: string;

  @ApiProperty({
    description: `The rules version it was recorded under; this server plays \`${RULES_VERSION}\` and refuses others with \`valid: false\``,
    example: RULES_VERSION,
    maxLength: 64,
  })
  engine!: string;

  @ApiProperty({ type: ReplayConfigDto })
  config!: ReplayConfigDto;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 2 ** 32 - 1,
    description: "The match's RNG seed (serves)",
  })
  seed!: number;

  @ApiProperty({
    type: 'array',
    maxItems: REPLAY_LIMITS.maxInputs,
    description:
      "Every input the simulation applied, in tick order: `[tick, 'left'|'right', 'up'|'down'|'stop']`, " +
      'where tick (1..final.tick) is the step it took effect on; at most one per side per step. ' +
      'Both paddles start at `stop`.',
    items: {
      type: 'array',
      minItems: 3,
      maxItems: 3,
      items: {
        oneOf: [
          { type: 'integer', minimum: 1 },
          { type: 'string', enum: ['left', 'right'] },
          { type: 'string', enum: ['up', 'down', 'stop'] },
        ],
      },
    },
    example: [
      [1, 'left', 'up'],
      [19, 'left', 'stop'],
      [23, 'right', 'down'],
    ],
  })
  inputs!: TapeInput[];

  @ApiProperty({ type: ReplayFinalDto })
  final!: ReplayFinalDto;

  @ApiProperty({
    pattern: '^[0-9a-f]{64}$',
    description:
      'SHA-256 (64 lowercase hex digits) of the canonical JSON (keys sorted, no whitespace) of the replay without `hash`',
  })
  hash!: string;
}

export class ReplayVerdictDto {
  @ApiProperty({
    description:
      'Re-simulating seed + inputs under config reproduced final, under this engine, with a matching hash',
  })
  valid!: boolean;

  @ApiProperty({
    type: ScoreDto,
    description: 'The score re-simulation reached (0–0 when refused before simulating)',
  })
  score!: ScoreDto;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Steps re-simulated' })
  ticks!: number;

  @ApiPropertyOptional({
    description: 'Why it is not valid',
    example: 'hash is not the SHA-256 of the replay: it was changed after it was sealed',
  })
  reason?: string;
}
