/**
 * A node that serves no sockets (ARENA_ROLE=api) still emits: a friend request, a tournament
 * starting, a logout. On several nodes it emits through a Socket.IO server attached to no HTTP
 * server, whose Redis adapter carries each emit to the nodes holding the sockets. Alone (no
 * Redis) there is nobody to reach, and emits are dropped quietly.
 */
import { Inject, Injectable, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Server } from 'socket.io';
import { RedisClients } from '../cluster/redis-clients';
import type { ArenaConfig } from '../config';
import { ChatNotifier } from './chat-notifier';
import { redisAdapter } from './socket-io.adapter';
import { SocketIoUserNotifier } from './user-notifier';

@Injectable()
export class RealtimeBroadcast implements OnModuleInit, OnApplicationShutdown {
  private server: Server | null = null;
  private readonly servesSockets: boolean;

  constructor(
    private readonly game: SocketIoUserNotifier,
    private readonly chat: ChatNotifier,
    config: ConfigService<ArenaConfig, true>,
    @Optional() @Inject(RedisClients) private readonly redis: RedisClients | null,
  ) {
    this.servesSockets = config.get('cluster', { infer: true }).role !== 'api';
  }

  onModuleInit(): void {
    if (this.servesSockets) return;
    if (!this.redis) {
      this.game.discard();
      this.chat.discard();
      return;
    }
    this.server = new Server({ adapter: redisAdapter(this.redis) });
    this.game.bind(this.server.of(this.game.namespaceName));
    this.chat.bind(this.server.of(this.chat.namespaceName));
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    // Not server.close(): it would close an engine this server never had.
    await Promise.allSettled(
      [server.of(this.game.namespaceName), server.of(this.chat.namespaceName)].map(
        async (namespace) => {
          await namespace.adapter.close();
        },
      ),
    );
  }
}
