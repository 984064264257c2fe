/**
 * Payloads of client → server events on `/game`, validated like REST bodies. Ids are UUIDs of
 * any version (src/common/validation/uuid.ts), as Arena makes them. Each implements its payload
 * type from @arena/protocol, so the contract and these rules can't part silently.
 */
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { NoControlCharacters } from '../../../common/validation/no-control-characters';
import type { Direction, Side } from '@arena/engine';
import type {
  AiMatchPayload,
  ChallengeIdPayload,
  ChallengeSendPayload,
  GameInputPayload,
  LocalMatchPayload,
  MatchIdPayload,
  QueueJoinPayload,
} from '@arena/protocol';

export class MatchIdDto implements MatchIdPayload {
  @IsUUID('loose')
  matchId!: string;
}

export class GameInputDto extends MatchIdDto implements GameInputPayload {
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

export class LocalMatchDto implements LocalMatchPayload {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @IsString({ each: true })
  @Length(1, 32, { each: true })
  @NoControlCharacters({}, { each: true })
  aliases?: [string, string];
}

export class QueueJoinDto implements QueueJoinPayload {
  @IsIn(['ranked', 'casual'])
  mode!: 'ranked' | 'casual';
}

export class ChallengeSendDto implements ChallengeSendPayload {
  @IsUUID('loose')
  userId!: string;
}

export class ChallengeIdDto implements ChallengeIdPayload {
  @IsUUID('loose')
  challengeId!: string;
}

export class AiMatchDto implements AiMatchPayload {
  @IsIn(['easy', 'normal', 'hard'])
  difficulty!: 'easy' | 'normal' | 'hard';
}
