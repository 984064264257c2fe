/** Payloads of client → server events on `/game`, validated like REST bodies. */
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { NoControlCharacters } from '../../../common/validation/no-control-characters';
import type { Direction, Side } from '../engine/engine.types';

export class MatchIdDto {
  @IsString()
  @Length(1, 64)
  matchId!: string;
}

export class GameInputDto extends MatchIdDto {
  @IsIn(['up', 'down', 'stop'])
  direction!: Direction;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  seq?: number;

  @IsOptional()
  @IsIn(['left', 'right'])
  side?: Side;
}

export class LocalMatchDto {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @IsString({ each: true })
  @Length(1, 32, { each: true })
  @NoControlCharacters({}, { each: true })
  aliases?: [string, string];
}

export class QueueJoinDto {
  @IsIn(['ranked', 'casual'])
  mode!: 'ranked' | 'casual';
}

export class ChallengeSendDto {
  @IsString()
  @Length(1, 64)
  userId!: string;
}

export class ChallengeIdDto {
  @IsString()
  @Length(1, 64)
  challengeId!: string;
}

export class AiMatchDto {
  @IsIn(['easy', 'normal', 'hard'])
  difficulty!: 'easy' | 'normal' | 'hard';
}
