import { ApiProperty } from '@nestjs/swagger';
import { MembershipRecordDto, MessageRecordDto } from '../../chat/dto/chat.dto';
import { NotificationDto } from '../../notifications/dto/notification.dto';
import { IsString, Length, ValidateIf } from 'class-validator';
import { MatchDto, UserStatsDto } from '../../matches/dto/match.dto';
import { FriendRequestsDto } from '../../social/dto/social.dto';
import { MeProfileDto, PublicProfileDto } from '../dto/profile.dto';

/** One of the two: the password, or for an account without one its username. */
export class EraseAccountDto {
  @ApiProperty({ required: false, description: 'The account’s password, to confirm' })
  @ValidateIf((body: EraseAccountDto) => body.password !== undefined || body.confirm === undefined)
  @IsString()
  @Length(1, 128)
  password?: string;

  @ApiProperty({
    required: false,
    example: 'alice',
    description:
      'For an account without a password: its username, from a session signed in within the last 10 minutes',
  })
  @ValidateIf((body: EraseAccountDto) => body.confirm !== undefined || body.password === undefined)
  @IsString()
  @Length(1, 64)
  confirm?: string;
}

export class IdentityRecordDto {
  @ApiProperty({ example: '42' })
  provider!: string;

  @ApiProperty()
  subject!: string;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;

  @ApiProperty({ format: 'date-time' })
  linkedAt!: string;
}

export class ApiKeyRecordDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ['read', 'play'], isArray: true })
  scopes!: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  expiresAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  lastUsedAt!: string | null;
}

export class SessionRecordDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  lastUsedAt!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  revokedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'logout' })
  revokedReason!: string | null;

  @ApiProperty({ type: String, nullable: true })
  userAgent!: string | null;

  @ApiProperty({ type: String, nullable: true })
  ip!: string | null;
}

export class TournamentRecordDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ['online', 'local'] })
  kind!: string;

  @ApiProperty({ enum: ['registering', 'in_progress', 'finished', 'cancelled'] })
  status!: string;

  @ApiProperty({ description: 'The user created it' })
  creator!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The user’s alias in it, if it took a seat',
  })
  alias!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  seed!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The salt of the user’s seat in the ledger: SHA-256 of the canonical JSON of ' +
      '`{ alias, salt, userId }` is the `commitment` that names the seat in the ledger entry',
  })
  commitmentSalt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class UserExportDto {
  @ApiProperty({ format: 'date-time' })
  exportedAt!: string;

  @ApiProperty({ type: MeProfileDto })
  profile!: MeProfileDto;

  @ApiProperty({ type: UserStatsDto })
  stats!: UserStatsDto;

  @ApiProperty({
    type: [SessionRecordDto],
    description: 'Every login, with its address and user agent',
  })
  sessions!: SessionRecordDto[];

  @ApiProperty({ type: [IdentityRecordDto], description: 'Linked sign-in identities' })
  identities!: IdentityRecordDto[];

  @ApiProperty({ type: [ApiKeyRecordDto], description: 'API keys (never the keys themselves)' })
  apiKeys!: ApiKeyRecordDto[];

  @ApiProperty({ type: [PublicProfileDto] })
  friends!: PublicProfileDto[];

  @ApiProperty({ type: FriendRequestsDto })
  friendRequests!: FriendRequestsDto;

  @ApiProperty({ type: [PublicProfileDto] })
  blocks!: PublicProfileDto[];

  @ApiProperty({ type: [MatchDto], description: 'Every match the user played, newest first' })
  matches!: MatchDto[];

  @ApiProperty({
    type: [TournamentRecordDto],
    description: 'Tournaments the user created or took a seat in, newest first',
  })
  tournaments!: TournamentRecordDto[];

  @ApiProperty({
    type: [MembershipRecordDto],
    description: 'The conversations the user is a member of, with the membership',
  })
  conversations!: MembershipRecordDto[];

  @ApiProperty({ type: [MessageRecordDto], description: 'Every chat message the user sent' })
  messages!: MessageRecordDto[];

  @ApiProperty({ type: [NotificationDto], description: 'The inbox, newest first' })
  notifications!: NotificationDto[];
}
