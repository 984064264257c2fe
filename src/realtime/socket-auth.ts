/**
 * Handshake authentication for the `/game` namespace: `io(url + '/game', { auth: { token } })`.
 * A missing or bad token fails the connection with `connect_error` whose message is
 * `unauthorized`; a good one leaves the caller in `socket.data.user`.
 */
import type { Socket } from 'socket.io';
import type { AuthUser } from '../common/decorators/auth.decorators';

export interface SocketData {
  user: AuthUser;
}

export const UNAUTHORIZED = 'unauthorized';

export function socketAuthMiddleware(verify: (token: string) => Promise<AuthUser>) {
  return (socket: Socket, next: (error?: Error) => void): void => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' ? auth.token.replace(/^Bearer\s+/i, '') : '';
    if (!token) {
      next(new Error(UNAUTHORIZED));
      return;
    }
    verify(token).then(
      (user) => {
        (socket.data as SocketData).user = user;
        next();
      },
      () => next(new Error(UNAUTHORIZED)),
    );
  };
}
