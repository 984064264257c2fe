/**
 * Socket.IO server options for every gateway: CORS from config, WebSocket first, no
 * per-message compression (game states are small and frequent; deflate costs more than it saves).
 */
import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';

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
    }) as Server;
  }
}
