/**
 * Handshake authentication for the `/game` namespace: `io(url + '/game', { auth: { token } })`.
 * A missing or bad token fails the connection with `connect_error` whose message is
 * `unauthorized` (`forbidden` for an API key without the `play` scope, `rate_limited` for one
 * past its rate); a good one leaves the caller in `socket.data.user`.
 */
import type { Socket } from 'socket.io';
import type { AuthUser } from '../common/decorators/auth.decorators';
import { ForbiddenError, RateLimitedError } from '../common/errors';

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
      (error: unknown) =>
        next(
          new Error(
            error instanceof ForbiddenError
              ? 'forbidden'
              : error instanceof RateLimitedError
                ? 'rate_limited'
                : UNAUTHORIZED,
          ),
        ),
    );
  };
}
