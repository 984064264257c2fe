import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination';
import { NOTIFICATION_KINDS, NotificationKind } from '../entities/notification.entity';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'By kind: friend_request `{ requestId, from: PublicProfile }`; friend_accepted `{ user: PublicProfile }`; ' +
      'challenge `{ challengeId, from: PublicProfile, expiresAt }` (epoch ms); tournament_match ' +
      '`{ tournamentId, matchId, round, deadline }`; tournament_finished `{ tournamentId, name, winner }`; ' +
      'chat_invite `{ conversationId, name, from: PublicProfile }`',
  })
  data!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt!: string | null;
}

export class NotificationsQueryDto extends PaginationQueryDto {
  @ApiProperty({ required: false, description: 'Only the unread ones' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  unread?: boolean;
}
