/**
 * SessionEvents for AuthModule: in memory on one node, Redis pub/sub on several (AuthModule
 * provides the port; the cluster chooses its implementation).
 */
import type { Provider } from '@nestjs/common';
import { InMemorySessionEvents, SessionEvents } from '../modules/auth/session-events';
import { RedisClients } from './redis-clients';
import { RedisSessionEvents } from './redis-session-events';

export const SESSION_EVENTS_PROVIDER: Provider = {
  provide: SessionEvents,
  inject: [{ token: RedisClients, optional: true }],
  useFactory: (clients: RedisClients | undefined) =>
    clients ? new RedisSessionEvents(clients) : new InMemorySessionEvents(),
};
