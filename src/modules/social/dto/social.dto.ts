import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { PublicProfileDto } from '../../users/dto/profile.dto';

export class TargetUserDto {
  @ApiProperty({ format: 'uuid', description: 'The other player' })
  @IsUUID('loose')
  userId!: string;
}

export class FriendRequestDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: PublicProfileDto })
  from!: PublicProfileDto;

  @ApiProperty({ type: PublicProfileDto })
  to!: PublicProfileDto;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class FriendRequestsDto {
  @ApiProperty({ type: [FriendRequestDto] })
  incoming!: FriendRequestDto[];

  @ApiProperty({ type: [FriendRequestDto] })
  outgoing!: FriendRequestDto[];
}

export class FriendsNowDto {
  @ApiProperty({ example: true })
  friends!: true;
}
