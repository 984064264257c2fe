import { Global, Module } from '@nestjs/common';
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
import { InMemoryPresenceStore, PresenceStore } from './presence.store';

/** Friends, blocks and presence. The presence store is global: every profile shows a status. */
@Module({
  imports: [UsersModule, TypeOrmModule.forFeature([Friendship, FriendRequest, Block])],
  controllers: [FriendsController, BlocksController],
  providers: [FriendsService, BlocksService, PresenceService],
  exports: [FriendsService, BlocksService, PresenceService],
})
export class SocialModule {}

@Global()
@Module({
  providers: [{ provide: PresenceStore, useClass: InMemoryPresenceStore }],
  exports: [PresenceStore],
})
export class PresenceModule {}
