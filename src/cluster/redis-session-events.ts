/**
 * Sessions revoked, on every node: PUBLISH on `arena:sessions:revoked`, and each node's
 * subscriber hands the event to its listeners (the realtime layer, which ends that node's own
 * sockets of those sessions). Pub/sub delivers at once, well within API.md's second; an event
 * published while a node is cut off from Redis is missed there, but that node's sockets are
 * checked again against the database when they reconnect or their session is read.
 */
import { Logger, OnModuleInit } from '@nestjs/common';
import {
  InMemorySessionEvents,
  SessionEvents,
  SessionsRevoked,
  SessionsRevokedListener,
} from '../modules/auth/session-events';
import { KEY_PREFIX, RedisClients } from './redis-clients';

export const SESSIONS_CHANNEL = `${KEY_PREFIX}sessions:revoked`;

export class RedisSessionEvents extends SessionEvents implements OnModuleInit {
  private readonly logger = new Logger('RedisSessionEvents');
  /** This node's listeners, called as the in-memory bus calls them. */
  private readonly local = new InMemorySessionEvents();

  constructor(private readonly clients: RedisClients) {
    super();
  }

  async onModuleInit(): Promise<void> {
    this.clients.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== SESSIONS_CHANNEL) return;
      let event: SessionsRevoked;
      try {
        event = JSON.parse(message) as SessionsRevoked;
      } catch {
        this.logger.warn('A malformed sessions-revoked message was ignored');
        return;
      }
      void this.local.publish(event);
    });
    await this.clients.subscriber.subscribe(SESSIONS_CHANNEL);
  }

  async publish(event: SessionsRevoked): Promise<void> {
    await this.clients.command.publish(SESSIONS_CHANNEL, JSON.stringify(event));
  }

  subscribe(listener: SessionsRevokedListener): Promise<() => Promise<void>> {
    return this.local.subscribe(listener);
  }
}
