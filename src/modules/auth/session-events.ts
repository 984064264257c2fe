/**
 * "Sessions revoked", the domain event that ends sockets with their session (API.md: a socket
 * lives as long as its session, on every node). SessionsService publishes it once a revocation
 * has committed; the realtime side of every node listens and disconnects the matching sockets.
 * The port is async and tiny so a Redis pub/sub bus can replace the in-memory one when Arena
 * runs on several nodes.
 */
import { Injectable, Logger } from '@nestjs/common';

export type RevokeReason =
  'logout' | 'refresh_reuse' | 'account_erased' | 'password_changed' | 'api_key_revoked';

export type SessionsRevoked =
  /** These sessions ended (logout, a replayed refresh token): their sockets go. */
  | { kind: 'sessions'; sessionIds: readonly string[]; reason: RevokeReason }
  /**
   * Every session of the user ended, but `keep` (the caller's, on a password change): every
   * socket of the user goes, whatever session it was opened with, but those of `keep`.
   */
  | { kind: 'user'; userId: string; keep: string | null; reason: RevokeReason };

export type SessionsRevokedListener = (event: SessionsRevoked) => void | Promise<void>;

export abstract class SessionEvents {
  /** Delivers the event to every listener on every node; resolves once it is handed over. */
  abstract publish(event: SessionsRevoked): Promise<void>;
  /** Listens until the returned function is called. */
  abstract subscribe(listener: SessionsRevokedListener): Promise<() => Promise<void>>;
}

/** One node: listeners are called in-process, each on its own so one failure spares the rest. */
@Injectable()
export class InMemorySessionEvents extends SessionEvents {
  private readonly logger = new Logger(InMemorySessionEvents.name);
  private readonly listeners = new Set<SessionsRevokedListener>();

  async publish(event: SessionsRevoked): Promise<void> {
    await Promise.all(
      [...this.listeners].map(async (listener) => {
        try {
          await listener(event);
        } catch (error) {
          this.logger.error(`A sessions-revoked listener failed: ${String(error)}`);
        }
      }),
    );
  }

  subscribe(listener: SessionsRevokedListener): Promise<() => Promise<void>> {
    // Wrapped, so the same function subscribed twice is two subscriptions.
    const entry: SessionsRevokedListener = (event) => listener(event);
    this.listeners.add(entry);
    return Promise.resolve(() => {
      this.listeners.delete(entry);
      return Promise.resolve();
    });
  }
}
