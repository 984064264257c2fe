/**
 * The `/game` namespace: authenticates sockets, tracks them for presence, and (thin) hands each
 * event to a service. No game logic lives here.
 */
import { Logger } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import type { ServerToClientEvents } from '../../common/realtime/realtime.events';
import { userRoom } from '../../common/realtime/realtime.events';
import { SocketIoUserNotifier } from '../../common/realtime/user-notifier';
import { SessionsService } from '../auth/sessions.service';
import { PresenceService } from '../social/presence.service';
import { SocketData, socketAuthMiddleware } from './socket/socket-auth';

type GameSocket = Socket<
  Record<string, never>,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

@WebSocketGateway({ namespace: '/game' })
export class GameGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(GameGateway.name);

  constructor(
    private readonly sessions: SessionsService,
    private readonly presence: PresenceService,
    private readonly notifier: SocketIoUserNotifier,
  ) {}

  afterInit(namespace: Namespace<Record<string, never>, ServerToClientEvents>): void {
    namespace.use(socketAuthMiddleware((token) => this.sessions.verifyAccessToken(token)));
    this.notifier.bind(namespace);
  }

  async handleConnection(socket: GameSocket): Promise<void> {
    const { userId } = socket.data.user;
    await socket.join(userRoom(userId));
    await this.presence.socketConnected(userId);
  }

  async handleDisconnect(socket: GameSocket): Promise<void> {
    const user = socket.data.user as SocketData['user'] | undefined;
    if (!user) return;
    try {
      await this.presence.socketDisconnected(user.userId);
    } catch (error) {
      this.logger.warn(`Disconnect of ${user.userId} not fully handled: ${String(error)}`);
    }
  }
}
