import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { BlocksController } from './blocks.controller';
import { BlocksService } from './blocks.service';
import { Block } from './entities/block.entity';
import { FriendRequest } from './entities/friend-request.entity';
import { Friendship } from './entities/friendship.entity';
import { FriendsController } from './friends.controller';
import { FriendsService } from './friends.service';
import { PresenceService } from './presence.service';

/**
 * Friends, blocks and presence. The presence store (in memory, or Redis when clustered) comes
 * from the global ClusterModule: every profile shows a status.
 */
@Module({
  imports: [UsersModule, TypeOrmModule.forFeature([Friendship, FriendRequest, Block])],
  controllers: [FriendsController, BlocksController],
  providers: [FriendsService, BlocksService, PresenceService],
  exports: [FriendsService, BlocksService, PresenceService],
})
export class SocialModule {}
