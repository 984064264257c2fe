/**
 * The Redis connections of a clustered node (REDIS_URL set): one for commands, one in
 * subscriber mode for Arena's own channels, and whatever else a piece asks for by name (the
 * Socket.IO adapter's pair). Every connection reconnects by itself with a capped backoff, every
 * command fails after COMMAND_TIMEOUT_MS rather than hanging a request or a handshake, and all of
 * them are closed when the application shuts down, after the work registered with `beforeClose`
 * (a node saying goodbye: its heartbeat and presence removed).
 */
import { Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';

/** Every key and channel Arena writes starts with this. */
export const KEY_PREFIX = 'arena:';
/** A command not answered by then fails (and a handshake or request answers an error). */
export const COMMAND_TIMEOUT_MS = 2000;
const CONNECT_TIMEOUT_MS = 5000;
/** Waits between reconnection attempts: 100 ms doubling to at most 2 s, forever. */
export const reconnectDelay = (attempt: number): number =>
  Math.min(100 * 2 ** Math.min(attempt - 1, 5), 2000);

export function redisOptions(nodeId: string, name: string): RedisOptions {
  return {
    connectionName: `arena:${nodeId}:${name}`,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // Queued while reconnecting, but given up after two attempts rather than piling up.
    maxRetriesPerRequest: 2,
    retryStrategy: reconnectDelay,
    enableOfflineQueue: true,
  };
}

export class RedisClients implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly clients: Redis[] = [];
  private readonly closing: (() => Promise<void>)[] = [];
  /** Commands (and PUBLISH). */
  readonly command: Redis;
  /** Subscriber mode: Arena's own channels. */
  readonly subscriber: Redis;

  constructor(
    private readonly url: string,
    private readonly nodeId: string,
  ) {
    this.command = this.open('command');
    this.subscriber = this.open('subscriber');
  }

  /** A new connection of its own, closed with the others. */
  open(name: string): Redis {
    const client = new Redis(this.url, redisOptions(this.nodeId, name));
    let healthy = false;
    client.on('ready', () => {
      if (!healthy && this.clients.length > 0) this.logger.log(`${name}: connected`);
      healthy = true;
    });
    // Logged once per outage, not once per reconnection attempt.
    client.on('error', (error: Error) => {
      if (!healthy) return;
      healthy = false;
      this.logger.warn(`${name}: ${error.message}; reconnecting`);
    });
    client.on('end', () => (healthy = false));
    this.clients.push(client);
    return client;
  }

  /** Work to do, while Redis is still open, when the node shuts down. */
  beforeClose(task: () => Promise<void>): void {
    this.closing.push(task);
  }

  /** PING within `timeoutMs` (readiness). */
  async ping(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      // Not queued while disconnected: an outage answers at once.
      if (this.command.status !== 'ready') throw new Error(`connection ${this.command.status}`);
      await Promise.race([this.command.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const task of this.closing.splice(0)) {
      await task().catch((error: unknown) =>
        this.logger.warn(`Shutdown step skipped: ${String(error)}`),
      );
    }
    await Promise.all(
      this.clients.splice(0).map(async (client) => {
        try {
          await Promise.race([
            client.quit(),
            new Promise((done) => setTimeout(done, 1000).unref()),
          ]);
        } catch {
          // already gone
        }
        client.disconnect(false);
      }),
    );
  }
}
