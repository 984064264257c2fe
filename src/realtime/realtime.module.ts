import { Global, Module } from '@nestjs/common';
import { SocketIoUserNotifier, UserNotifier } from './user-notifier';

@Global()
@Module({
  providers: [SocketIoUserNotifier, { provide: UserNotifier, useExisting: SocketIoUserNotifier }],
  exports: [UserNotifier, SocketIoUserNotifier],
})
export class RealtimeModule {}
