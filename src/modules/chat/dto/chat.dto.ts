import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination';
import { NoControlCharacters } from '../../../common/validation/no-control-characters';
import { PublicProfileDto } from '../../users/dto/profile.dto';
import { CHANNEL_VISIBILITIES, type ChannelVisibility } from '../entities/conversation.entity';
import type { ConversationKind } from '../entities/conversation.entity';
import type { MemberRole } from '../entities/chat-member.entity';
import type { MessageKind } from '../entities/chat-message.entity';
import { MAX_BODY } from '../message-body';

export class MessageDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  conversationId!: string;

  @ApiProperty({
    type: PublicProfileDto,
    nullable: true,
    description: 'null for `system` messages',
  })
  sender!: PublicProfileDto | null;

  @ApiProperty({ enum: ['text', 'invite', 'system'] })
  kind!: MessageKind;

  @ApiProperty({ description: 'Plain text (never HTML)', example: 'gg' })
  body!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'For `invite` messages',
  })
  challengeId!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class ConversationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['direct', 'channel'] })
  kind!: ConversationKind;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ enum: CHANNEL_VISIBILITIES, nullable: true })
  visibility!: ChannelVisibility | null;

  @ApiProperty({
    type: PublicProfileDto,
    nullable: true,
    description:
      'The other person of a direct conversation (null for channels and the Arena system)',
  })
  peer!: PublicProfileDto | null;

  @ApiProperty({ enum: ['owner', 'admin', 'member'] })
  role!: MemberRole;

  @ApiProperty({ description: 'Number of members' })
  members!: number;

  @ApiProperty({ type: MessageDto, nullable: true })
  lastMessage!: MessageDto | null;

  @ApiProperty({ description: 'Messages after the caller’s last read (at most 1000 counted)' })
  unread!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class ChannelSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ['public', 'protected'] })
  visibility!: ChannelVisibility;

  @ApiProperty()
  members!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class MessagePageDto {
  @ApiProperty({ type: [MessageDto] })
  items!: MessageDto[];

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Pass as `before` for the next (older) page',
  })
  nextBefore!: string | null;
}

export class DirectDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('loose')
  userId!: string;
}

const NAME_RULES = 'name 1..32 characters, unique case-insensitively';

export class CreateChannelDto {
  @ApiProperty({ minLength: 1, maxLength: 32, description: NAME_RULES })
  @IsString()
  @Length(1, 32)
  @NoControlCharacters()
  name!: string;

  @ApiProperty({ enum: CHANNEL_VISIBILITIES })
  @IsIn(CHANNEL_VISIBILITIES)
  visibility!: ChannelVisibility;

  @ApiProperty({
    required: false,
    minLength: 8,
    maxLength: 128,
    description: 'Required for `protected` only',
  })
  @IsOptional()
  @IsString()
  @Length(8, 128)
  password?: string;
}

export class UpdateChannelDto {
  @ApiProperty({ required: false, minLength: 1, maxLength: 32, description: NAME_RULES })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  @NoControlCharacters()
  name?: string;

  @ApiProperty({ required: false, enum: CHANNEL_VISIBILITIES })
  @IsOptional()
  @IsIn(CHANNEL_VISIBILITIES)
  visibility?: ChannelVisibility;

  @ApiProperty({
    required: false,
    minLength: 8,
    maxLength: 128,
    description: 'A new password (the channel is or becomes `protected`)',
  })
  @IsOptional()
  @IsString()
  @Length(8, 128)
  password?: string;
}

export class JoinChannelDto {
  @ApiProperty({ required: false, maxLength: 128 })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  password?: string;
}

export class ChannelsQueryDto extends PaginationQueryDto {
  @ApiProperty({
    required: false,
    maxLength: 32,
    description: 'Part of the name, case-insensitive',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  @NoControlCharacters()
  search?: string;
}

export class RoleDto {
  @ApiProperty({ enum: ['admin', 'member'] })
  @IsIn(['admin', 'member'])
  role!: 'admin' | 'member';
}

export class BanDto {
  @ApiProperty({ required: false, minimum: 1, maximum: 525600, description: 'Forever without' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(525_600)
  minutes?: number;
}

export class MuteDto {
  @ApiProperty({ minimum: 1, maximum: 10080 })
  @IsInt()
  @Min(1)
  @Max(10_080)
  minutes!: number;
}

export class HistoryQueryDto {
  @ApiProperty({ required: false, format: 'uuid', description: 'Messages older than this one' })
  @IsOptional()
  @IsUUID('loose')
  before?: string;

  @ApiProperty({ required: false, type: 'integer', default: 50, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 50;
}

export class SendMessageDto {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_BODY,
    description: 'Plain text, trimmed; newlines and tabs allowed',
  })
  @IsString()
  @MaxLength(MAX_BODY * 4)
  body!: string;
}

export class ReadDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('loose')
  messageId!: string;
}

/** Socket payloads. */
export class ChatSendPayload extends SendMessageDto {
  @IsUUID('loose')
  conversationId!: string;
}

export class ChatReadPayload extends ReadDto {
  @IsUUID('loose')
  conversationId!: string;
}

export class ConversationPayload {
  @IsUUID('loose')
  conversationId!: string;
}

/** The export (GDPR): one of the caller's memberships, with its conversation. */
export class MembershipRecordDto {
  @ApiProperty({ format: 'uuid' })
  conversationId!: string;

  @ApiProperty({ enum: ['direct', 'channel'] })
  kind!: ConversationKind;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ enum: CHANNEL_VISIBILITIES, nullable: true })
  visibility!: ChannelVisibility | null;

  @ApiProperty({ enum: ['owner', 'admin', 'member'] })
  role!: MemberRole;

  @ApiProperty({ format: 'date-time' })
  joinedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  mutedUntil!: string | null;
}

/** The export (GDPR): one message the caller sent. */
export class MessageRecordDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  conversationId!: string;

  @ApiProperty({ enum: ['text', 'invite', 'system'] })
  kind!: MessageKind;

  @ApiProperty()
  body!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  challengeId!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
