/**
 * Socket.IO server options for every gateway: CORS from config, WebSocket first, no
 * per-message compression (game states are small and frequent; deflate costs more than it saves),
 * and messages of at most 64 KiB: every client event is a few hundred bytes (a chat message of
 * 2,000 characters under 8 KiB), and Socket.IO parses a message whole before any check runs, so
 * its size is what bounds that parse (1 MB by default: tens of milliseconds of a held loop).
 */
import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';

export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;

export class ArenaIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly corsOrigins: string[] | '*',
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      cors: { origin: this.corsOrigins === '*' ? '*' : this.corsOrigins },
      transports: ['websocket', 'polling'],
      perMessageDeflate: false,
      serveClient: false,
      maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    }) as Server;
  }
}
