import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../modules/auth/auth.module';
import { SocialModule } from '../modules/social/social.module';
import { ChatNotifier } from './chat-notifier';
import { RealtimeBroadcast } from './realtime-broadcast';
import { RealtimeSockets } from './realtime-sockets';
import { SocketIoUserNotifier, UserNotifier } from './user-notifier';

/**
 * The notifiers every module emits through (global: tournaments, presence and the game all push
 * events), and what binds them when this node serves no sockets itself.
 */
@Global()
@Module({
  providers: [
    SocketIoUserNotifier,
    { provide: UserNotifier, useExisting: SocketIoUserNotifier },
    ChatNotifier,
    RealtimeBroadcast,
  ],
  exports: [UserNotifier, SocketIoUserNotifier, ChatNotifier],
})
export class RealtimeModule {}

/** The shared handshake and socket bookkeeping, for the modules that serve a namespace. */
@Module({
  imports: [AuthModule, SocialModule],
  providers: [RealtimeSockets],
  exports: [RealtimeSockets],
})
export class RealtimeSocketsModule {}
