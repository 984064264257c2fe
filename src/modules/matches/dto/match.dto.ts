import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination';
import { PublicProfileDto } from '../../users/dto/profile.dto';
import {
  EndReason,
  MATCH_MODES,
  MATCH_STATUSES,
  MatchMode,
  MatchStatus,
  Side,
} from '../entities/match.entity';

export class MatchPlayerDto {
  @ApiProperty({ enum: ['left', 'right'] })
  side!: Side;

  @ApiProperty({
    type: PublicProfileDto,
    nullable: true,
    description: 'null for a local or AI side',
  })
  user!: PublicProfileDto | null;

  @ApiProperty({ example: 'alice' })
  alias!: string;

  @ApiProperty({ example: 11 })
  score!: number;

  @ApiProperty({ type: Number, nullable: true, example: 1000 })
  ratingBefore!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 1016 })
  ratingAfter!: number | null;
}

export class MatchDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: MATCH_MODES })
  mode!: MatchMode;

  @ApiProperty({ enum: MATCH_STATUSES })
  status!: MatchStatus;

  @ApiProperty({ type: [MatchPlayerDto] })
  players!: MatchPlayerDto[];

  @ApiProperty({ enum: ['left', 'right'], nullable: true })
  winnerSide!: Side | null;

  @ApiProperty({ enum: ['score', 'forfeit', 'timeout'], nullable: true })
  endReason!: EndReason | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  tournamentId!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  startedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  endedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class ListMatchesQueryDto extends PaginationQueryDto {
  @ApiProperty({
    required: false,
    enum: MATCH_STATUSES,
    description: '`in_progress` lists live matches',
  })
  @IsOptional()
  @IsIn(MATCH_STATUSES)
  status?: MatchStatus;
}

export class UserStatsDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty()
  played!: number;

  @ApiProperty()
  wins!: number;

  @ApiProperty()
  losses!: number;

  @ApiProperty({ description: 'wins / played, 0 before any match', example: 0.5 })
  winRate!: number;

  @ApiProperty({ example: 1016 })
  rating!: number;

  @ApiProperty({ example: 1016 })
  peakRating!: number;

  @ApiProperty({ description: 'Positive: consecutive wins; negative: consecutive losses' })
  currentStreak!: number;

  @ApiProperty({ description: 'Longest run of wins' })
  bestStreak!: number;

  @ApiProperty()
  pointsScored!: number;

  @ApiProperty()
  pointsConceded!: number;
}

export class LeaderboardEntryDto {
  @ApiProperty({ example: 1 })
  rank!: number;

  @ApiProperty({ type: PublicProfileDto })
  user!: PublicProfileDto;

  @ApiProperty({ example: 1016 })
  rating!: number;

  @ApiProperty()
  wins!: number;

  @ApiProperty()
  losses!: number;
}
