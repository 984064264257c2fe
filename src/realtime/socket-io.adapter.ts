/**
 * Socket.IO server options for every gateway: CORS from config, WebSocket first, no
 * per-message compression (game states are small and frequent; deflate costs more than it saves),
 * and messages of at most 64 KiB: every client event is a few hundred bytes (a chat message of
 * 2,000 characters under 8 KiB), and Socket.IO parses a message whole before any check runs, so
 * its size is what bounds that parse (1 MB by default: tens of milliseconds of a held loop).
 *
 * With REDIS_URL every namespace gets the Socket.IO Redis adapter (@socket.io/redis-adapter,
 * pub/sub): an emit to a room, `socketsJoin`, `socketsLeave` and `disconnectSockets` reach the
 * sockets of every node.
 */
import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server, ServerOptions } from 'socket.io';
import type { RedisClients } from '../cluster/redis-clients';

export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;
/** Channel prefix of the adapter's messages. */
export const ADAPTER_KEY = 'arena:io';

/** The adapter factory on its own pair of connections (its subscriber is in subscriber mode). */
export function redisAdapter(clients: RedisClients): ReturnType<typeof createAdapter> {
  return createAdapter(clients.open('io-pub'), clients.open('io-sub'), {
    key: ADAPTER_KEY,
    // Answers to fetchSockets and the like go to the asking node only.
    publishOnSpecificResponseChannel: true,
    requestsTimeout: 3000,
  });
}

export class ArenaIoAdapter extends IoAdapter {
  private adapter: ReturnType<typeof createAdapter> | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly corsOrigins: string[] | '*',
    private readonly redis: RedisClients | null = null,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    if (this.redis && !this.adapter) this.adapter = redisAdapter(this.redis);
    return super.createIOServer(port, {
      ...options,
      ...(this.adapter ? { adapter: this.adapter } : {}),
      cors: { origin: this.corsOrigins === '*' ? '*' : this.corsOrigins },
      transports: ['websocket', 'polling'],
      perMessageDeflate: false,
      serveClient: false,
      maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    }) as Server;
  }
}
