/**
 * Pushes server events to users and match rooms, wherever their sockets are. Services depend on
 * this small interface, not on Socket.IO; the gateway binds it to its namespace at start-up. With
 * the Socket.IO Redis adapter the same room operations reach sockets on every node.
 */
import { Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import {
  matchRoom,
  ServerEvent,
  ServerPayload,
  ServerToClientEvents,
  userRoom,
} from './realtime.events';

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
}

type GameNamespace = Namespace<Record<string, never>, ServerToClientEvents>;

@Injectable()
export class SocketIoUserNotifier extends UserNotifier {
  private readonly logger = new Logger(SocketIoUserNotifier.name);
  private namespace: GameNamespace | null = null;

  bind(namespace: GameNamespace): void {
    this.namespace = namespace;
  }

  toUsers<E extends ServerEvent>(
    userIds: readonly string[],
    event: E,
    payload: ServerPayload<E>,
  ): void {
    if (userIds.length === 0) return;
    this.emit(userIds.map(userRoom), event, payload);
  }

  toMatch<E extends ServerEvent>(matchId: string, event: E, payload: ServerPayload<E>): void {
    this.emit([matchRoom(matchId)], event, payload);
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

  private emit<E extends ServerEvent>(rooms: string[], event: E, payload: ServerPayload<E>): void {
    if (!this.namespace) {
      this.logger.warn(`Dropped ${event}: the game namespace is not bound yet`);
      return;
    }
    const args = [payload] as Parameters<ServerToClientEvents[E]>;
    this.namespace.to(rooms).emit(event, ...args);
  }
}
