import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  ValidateIf,
} from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination';
import { NoControlCharacters } from '../../../common/validation/no-control-characters';
import { PublicProfileDto } from '../../users/dto/profile.dto';
import { MAX_ENTRANTS, MIN_ENTRANTS } from '../bracket';
import {
  TOURNAMENT_STATUSES,
  TournamentKind,
  TournamentStatus,
} from '../entities/tournament.entity';

export const ONLINE_SIZES = [4, 8, 16] as const;

const trim = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);
const trimEach = Transform(({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? (value as unknown[]).map((item) => (typeof item === 'string' ? item.trim() : item))
    : value,
);

export class CreateTournamentDto {
  @ApiProperty({ example: 'Friday Cup', minLength: 1, maxLength: 64 })
  @trim
  @IsString()
  @Length(1, 64, { message: 'name must be 1 to 64 characters' })
  @NoControlCharacters()
  name!: string;

  @ApiProperty({
    required: false,
    enum: ['online', 'local'],
    default: 'online',
    description: '`local`: every match is played on the creator’s one client, between aliases',
  })
  @IsOptional()
  @IsIn(['online', 'local'])
  kind?: TournamentKind;

  @ApiProperty({
    required: false,
    enum: ONLINE_SIZES,
    description: 'Seats of an online tournament (required for one; not for a local one)',
  })
  @ValidateIf((dto: CreateTournamentDto) => dto.kind !== 'local' || dto.size !== undefined)
  @IsIn(ONLINE_SIZES, { message: 'size must be 4, 8 or 16' })
  size?: number;

  @ApiProperty({
    required: false,
    type: [String],
    minItems: MIN_ENTRANTS,
    maxItems: MAX_ENTRANTS,
    example: ['Ada', 'Grace', 'Linus'],
    description:
      'Local tournaments only: 2 to 16 distinct aliases (1 to 32 characters), seeded in this order',
  })
  @ValidateIf((dto: CreateTournamentDto) => dto.kind === 'local' || dto.aliases !== undefined)
  @trimEach
  @IsArray()
  @ArrayMinSize(MIN_ENTRANTS)
  @ArrayMaxSize(MAX_ENTRANTS)
  @IsString({ each: true })
  @Length(1, 32, { each: true, message: 'each alias must be 1 to 32 characters' })
  @NoControlCharacters({}, { each: true })
  @ArrayUnique((alias: string) => (typeof alias === 'string' ? alias.toLowerCase() : alias), {
    message: 'aliases must be distinct (ignoring case)',
  })
  aliases?: string[];
}

export class JoinTournamentDto {
  @ApiProperty({
    required: false,
    example: 'Paddle Queen',
    minLength: 1,
    maxLength: 32,
    description:
      'The name shown in the bracket (unique within the tournament); your username by default',
  })
  @IsOptional()
  @trim
  @IsString()
  @Length(1, 32, { message: 'alias must be 1 to 32 characters' })
  @NoControlCharacters()
  alias?: string;
}

export class ListTournamentsQueryDto extends PaginationQueryDto {
  @ApiProperty({ required: false, enum: TOURNAMENT_STATUSES })
  @IsOptional()
  @IsIn(TOURNAMENT_STATUSES)
  status?: TournamentStatus;
}

export class ParticipantDto {
  @ApiProperty({
    type: PublicProfileDto,
    nullable: true,
    description: 'null in a local tournament',
  })
  user!: PublicProfileDto | null;

  @ApiProperty({ example: 'Paddle Queen' })
  alias!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1,
    description: 'Set when it starts; 1 is the favourite',
  })
  seed!: number | null;
}

export class BracketSideDto {
  @ApiProperty({ example: 'Paddle Queen' })
  alias!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  userId!: string | null;
}

export class BracketScoreDto {
  @ApiProperty({ example: 11 })
  left!: number;

  @ApiProperty({ example: 7 })
  right!: number;
}

export class BracketMatchDto {
  @ApiProperty({ example: 1, description: 'From 1; the last round is the final' })
  round!: number;

  @ApiProperty({ example: 0, description: 'From 0 within the round' })
  position!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The match offered for this slot once both players are known (null for a bye)',
  })
  matchId!: string | null;

  @ApiProperty({
    type: BracketSideDto,
    nullable: true,
    description: 'null until known, or for the empty side of a bye',
  })
  left!: BracketSideDto | null;

  @ApiProperty({ type: BracketSideDto, nullable: true })
  right!: BracketSideDto | null;

  @ApiProperty({ enum: ['left', 'right'], nullable: true })
  winnerSide!: 'left' | 'right' | null;

  @ApiProperty({ type: BracketScoreDto, nullable: true })
  score!: BracketScoreDto | null;
}

export class TournamentWinnerDto {
  @ApiProperty({ type: PublicProfileDto, nullable: true })
  user!: PublicProfileDto | null;

  @ApiProperty({ example: 'Paddle Queen' })
  alias!: string;
}

export class TournamentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Friday Cup' })
  name!: string;

  @ApiProperty({ enum: ['online', 'local'] })
  kind!: TournamentKind;

  @ApiProperty({ example: 8, description: 'Seats (online) or number of aliases (local)' })
  size!: number;

  @ApiProperty({ enum: TOURNAMENT_STATUSES })
  status!: TournamentStatus;

  @ApiProperty({ type: PublicProfileDto })
  creator!: PublicProfileDto;

  @ApiProperty({
    type: [ParticipantDto],
    description: 'In seed order once started, else in join order',
  })
  participants!: ParticipantDto[];

  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { $ref: '#/components/schemas/BracketMatchDto' } },
    description: 'Every round with all its matches from the start on; empty while registering',
  })
  rounds!: BracketMatchDto[][];

  @ApiProperty({ type: TournamentWinnerDto, nullable: true })
  winner!: TournamentWinnerDto | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  startedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  endedAt!: string | null;
}
