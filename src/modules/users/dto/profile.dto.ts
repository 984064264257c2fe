import { ApiProperty } from '@nestjs/swagger';
import type { PresenceStatus } from '../../social/presence.store';
import type { User } from '../entities/user.entity';

export const AVATAR_ROUTE = '/avatars';

/** What anyone may see of an account. */
export class PublicProfileDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'alice' })
  username!: string;

  @ApiProperty({ example: 'Alice' })
  displayName!: string;

  @ApiProperty({ type: String, nullable: true, example: '/avatars/5f1c….png' })
  avatarUrl!: string | null;

  @ApiProperty({ example: 'Left paddle enjoyer' })
  bio!: string;

  @ApiProperty({ enum: ['online', 'in_game', 'offline'] })
  status!: PresenceStatus;

  @ApiProperty({ example: 1000 })
  rating!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

/** The caller's own profile: the public one plus what only its owner sees. */
export class MeProfileDto extends PublicProfileDto {
  @ApiProperty({ type: String, nullable: true, example: 'alice@example.com' })
  email!: string | null;

  @ApiProperty()
  twoFactorEnabled!: boolean;

  @ApiProperty({
    description:
      'False for an account made by a sign-in provider until it sets a password (PUT /api/users/me/password)',
  })
  hasPassword!: boolean;
}

export function toPublicProfile(user: User, status: PresenceStatus): PublicProfileDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    avatarUrl: user.avatarFile ? `${AVATAR_ROUTE}/${user.avatarFile}` : null,
    bio: user.bio,
    status,
    rating: user.rating,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toMeProfile(user: User, status: PresenceStatus): MeProfileDto {
  return {
    ...toPublicProfile(user, status),
    email: user.email,
    twoFactorEnabled: user.twoFactorEnabled,
    hasPassword: user.passwordHash !== null,
  };
}

export class AvatarUrlDto {
  @ApiProperty({
    example: '/avatars/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.png',
  })
  avatarUrl!: string;
}
