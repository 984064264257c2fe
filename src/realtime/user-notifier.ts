/**
 * Pushes `/game` events to users and match rooms, wherever their sockets are. Services depend on
 * this small interface, not on Socket.IO; the realtime layer binds it to the namespace at
 * start-up. With the Socket.IO Redis adapter the same room operations reach sockets on every
 * node.
 */
import { Injectable } from '@nestjs/common';
import type {
  ServerEvent,
  ServerPayload,
  ServerToClientEvents,
} from '../common/realtime/realtime.events';
import { MetricsService } from '../common/metrics/metrics.service';
import { NamespaceNotifier } from './namespace-notifier';
import { matchRoom, userRoom } from './rooms';

export abstract class UserNotifier {
  abstract toUsers<E extends ServerEvent>(
    userIds: readonly string[],
    event: E,
    payload: ServerPayload<E>,
  ): void;
  abstract toMatch<E extends ServerEvent>(
    matchId: string,
    event: E,
    payload: ServerPayload<E>,
  ): void;
  /** Every current socket of the user joins (or leaves) the match's room. */
  abstract joinMatch(userId: string, matchId: string): void;
  abstract leaveMatch(userId: string, matchId: string): void;
  abstract joinMatchSocket(socketId: string, matchId: string): void;
  abstract leaveMatchSocket(socketId: string, matchId: string): void;
  /** How many of the user's sockets this node holds. */
  abstract localSockets(userId: string): Promise<number>;
}

export const GAME_NAMESPACE = '/game';

@Injectable()
export class SocketIoUserNotifier
  extends NamespaceNotifier<ServerToClientEvents>
  implements UserNotifier
{
  constructor(private readonly metrics: MetricsService) {
    super(GAME_NAMESPACE);
  }

  toMatch<E extends ServerEvent>(matchId: string, event: E, payload: ServerPayload<E>): void {
    if (event === 'match:state') this.metrics.states.inc();
    this.toRooms([matchRoom(matchId)], event, payload);
  }

  joinMatch(userId: string, matchId: string): void {
    this.namespace?.in(userRoom(userId)).socketsJoin(matchRoom(matchId));
  }

  leaveMatch(userId: string, matchId: string): void {
    this.namespace?.in(userRoom(userId)).socketsLeave(matchRoom(matchId));
  }

  joinMatchSocket(socketId: string, matchId: string): void {
    this.namespace?.in(socketId).socketsJoin(matchRoom(matchId));
  }

  leaveMatchSocket(socketId: string, matchId: string): void {
    this.namespace?.in(socketId).socketsLeave(matchRoom(matchId));
  }

  async localSockets(userId: string): Promise<number> {
    if (!this.namespace) return 0;
    return (await this.namespace.local.in(userRoom(userId)).fetchSockets()).length;
  }
}
