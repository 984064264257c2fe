/**
 * One user holds at most MAX_SOCKETS_PER_USER sockets on a namespace (API.md "Conventions"):
 * beyond that the handshake fails with `connect_error` `too_many_connections`. Seats are counted
 * by presence (the count that already says who is online), through `claim` and `free`.
 *
 * A seat is taken during the handshake, so a refusal is a `connect_error`, not a connect then a
 * kick. A connection that closes after its seat was taken but before the socket connected never
 * fires `disconnect`; the seat is given back on the connection's close instead.
 */
import { Logger } from '@nestjs/common';
import type { AuthUser } from '../common/decorators/auth.decorators';

export const MAX_SOCKETS_PER_USER = 32;
export const TOO_MANY_CONNECTIONS = 'too_many_connections';

interface Seat {
  userId: string;
  /** Gives the seat back if the connection closes before the socket connected. */
  onEarlyClose: () => void;
}

export interface SeatedSocketData {
  user: AuthUser;
  seat?: Seat;
}

/** What this needs of a server-side socket and its underlying connection. */
export interface SeatedSocket {
  readonly connected: boolean;
  data: SeatedSocketData;
  conn: {
    readyState: string;
    once(event: 'close', listener: () => void): unknown;
    off(event: 'close', listener: () => void): unknown;
  };
}

export class SocketSeats {
  private readonly logger = new Logger(SocketSeats.name);

  constructor(
    /** Takes a seat for the user unless all are taken: false then. */
    private readonly claim: (userId: string) => Promise<boolean>,
    private readonly free: (userId: string) => Promise<void>,
  ) {}

  /** Handshake middleware, after authentication. */
  middleware() {
    return (socket: SeatedSocket, next: (error?: Error) => void): void => {
      const { userId } = socket.data.user;
      this.claim(userId).then(
        (seated) => {
          if (!seated) {
            next(new Error(TOO_MANY_CONNECTIONS));
            return;
          }
          const seat: Seat = {
            userId,
            onEarlyClose: () => {
              if (!socket.connected) void this.release(socket);
            },
          };
          socket.data.seat = seat;
          if (socket.conn.readyState !== 'open') {
            // Closed while the seat was being taken: no close event is coming.
            void this.release(socket);
            next(new Error(TOO_MANY_CONNECTIONS));
            return;
          }
          socket.conn.once('close', seat.onEarlyClose);
          next();
        },
        (error: unknown) => {
          this.logger.error(`Socket seat not counted: ${String(error)}`);
          next(new Error('internal'));
        },
      );
    };
  }

  /** The socket connected: from now on its `disconnect` gives the seat back. */
  connected(socket: SeatedSocket): void {
    if (socket.data.seat) socket.conn.off('close', socket.data.seat.onEarlyClose);
  }

  /**
   * Gives the socket's seat back, once whichever way it goes; false if it held none. The seat
   * is marked free before anything is awaited, so two paths racing can't both free it.
   */
  async release(socket: SeatedSocket): Promise<boolean> {
    const seat = socket.data.seat;
    if (!seat) return false;
    socket.data.seat = undefined;
    socket.conn.off('close', seat.onEarlyClose);
    await this.free(seat.userId);
    return true;
  }
}
