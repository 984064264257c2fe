import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { NodeRole } from '../../config';
import { RealtimeSocketsModule } from '../../realtime/realtime.module';
import { AuthModule } from '../auth/auth.module';
import { GameModule } from '../game/game.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SocialModule } from '../social/social.module';
import { UsersModule } from '../users/users.module';
import { ChannelsController } from './channels.controller';
import { ChatViews } from './chat-views';
import { ChatController } from './chat.controller';
import { ChatGateway } from './chat.gateway';
import { ChatService } from './chat.service';
import { ChatBan } from './entities/chat-ban.entity';
import { ChatInvite } from './entities/chat-invite.entity';
import { ChatMember } from './entities/chat-member.entity';
import { ChatMessage } from './entities/chat-message.entity';
import { Conversation } from './entities/conversation.entity';
import { MessagesService } from './messages.service';

/** Conversations, channels and moderation, messages (REST); the typing gate comes from ClusterModule. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Conversation, ChatMember, ChatMessage, ChatBan, ChatInvite]),
    AuthModule,
    UsersModule,
    SocialModule,
    GameModule,
    NotificationsModule,
  ],
  controllers: [ChatController, ChannelsController],
  providers: [ChatService, MessagesService, ChatViews],
  exports: [ChatService, MessagesService],
})
export class ChatModule {}

/** What the node's role adds: the `/chat` namespace (game, all); an `api` node only emits. */
@Module({})
export class ChatRoleModule {
  static forRole(role: NodeRole): DynamicModule {
    if (role === 'api') return { module: ChatRoleModule, imports: [ChatModule] };
    return {
      module: ChatRoleModule,
      imports: [ChatModule, RealtimeSocketsModule],
      providers: [ChatGateway],
    };
  }
}
