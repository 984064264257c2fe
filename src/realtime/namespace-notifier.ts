/**
 * Typed emits to one namespace's rooms, wherever the sockets are: each namespace has its own
 * notifier over its own event map (UserNotifier for `/game`; `/chat` gets one of its own), bound
 * at start-up to the namespace a gateway serves, or on an `api` node (no sockets of its own) to
 * a namespace that only broadcasts through the Redis adapter.
 */
import { Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { EventsMap } from 'socket.io/dist/typed-events';
import { userRoom } from './rooms';

export type EventName<Events extends EventsMap> = keyof Events & string;
export type EventPayload<Events extends EventsMap, E extends EventName<Events>> = Parameters<
  Events[E]
>[0];

export class NamespaceNotifier<Events extends EventsMap> {
  private readonly logger: Logger;
  protected namespace: Namespace<EventsMap, Events> | null = null;
  /** Nobody can receive anything (an api node without Redis): emits are dropped quietly. */
  private silent = false;

  constructor(readonly namespaceName: string) {
    this.logger = new Logger(`Notifier ${namespaceName}`);
  }

  bind(namespace: Namespace<EventsMap, Events>): void {
    this.namespace = namespace;
  }

  /** No socket can ever be reached from this node. */
  discard(): void {
    this.silent = true;
  }

  toUsers<E extends EventName<Events>>(
    userIds: readonly string[],
    event: E,
    payload: EventPayload<Events, E>,
  ): void {
    if (userIds.length === 0) return;
    this.toRooms(userIds.map(userRoom), event, payload);
  }

  toRooms<E extends EventName<Events>>(
    rooms: string[],
    event: E,
    payload: EventPayload<Events, E>,
  ): void {
    if (!this.namespace) {
      if (!this.silent) this.logger.warn(`Dropped ${event}: the namespace is not bound yet`);
      return;
    }
    const args = [payload] as Parameters<Events[E]>;
    this.namespace.to(rooms).emit(event, ...args);
  }
}
