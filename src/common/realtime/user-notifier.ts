/**
 * Pushes server events to users, wherever their sockets are. Services depend on this small
 * interface, not on Socket.IO; the gateway binds it to its namespace at start-up. With the
 * Socket.IO Redis adapter the same room emits reach sockets on every node.
 */
import { Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { ServerEvent, ServerPayload, ServerToClientEvents, userRoom } from './realtime.events';

export abstract class UserNotifier {
  abstract toUsers<E extends ServerEvent>(
    userIds: readonly string[],
    event: E,
    payload: ServerPayload<E>,
  ): void;
}

@Injectable()
export class SocketIoUserNotifier extends UserNotifier {
  private readonly logger = new Logger(SocketIoUserNotifier.name);
  private namespace: Namespace<Record<string, never>, ServerToClientEvents> | null = null;

  bind(namespace: Namespace<Record<string, never>, ServerToClientEvents>): void {
    this.namespace = namespace;
  }

  toUsers<E extends ServerEvent>(
    userIds: readonly string[],
    event: E,
    payload: ServerPayload<E>,
  ): void {
    if (userIds.length === 0) return;
    if (!this.namespace) {
      this.logger.warn(`Dropped ${event}: the game namespace is not bound yet`);
      return;
    }
    const args = [payload] as Parameters<ServerToClientEvents[E]>;
    this.namespace.to(userIds.map(userRoom)).emit(event, ...args);
  }
}
