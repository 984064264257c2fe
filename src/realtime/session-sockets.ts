/**
 * A socket lives as long as its session (API.md "Conventions"). Each socket joins the room of
 * the session it was opened with; when sessions are revoked (the SessionEvents bus reaches every
 * node) each node disconnects its own sockets in those rooms, and a timer per socket ends it
 * when its session expires. Revocation and expiry both answer `io server disconnect` on the
 * client, which does not reconnect by itself: its token is dead.
 */
import { Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { Clock } from '../common/clock/clock';
import type { AuthUser } from '../common/decorators/auth.decorators';
import type { SessionEvents, SessionsRevoked } from '../modules/auth/session-events';
import { sessionRoom, userRoom } from './rooms';

/** Where a session's current expiry is read (SessionsService). */
export interface SessionExpiryLookup {
  /** Epoch ms when the live session ends, or null if it already has. */
  sessionExpiry(sessionId: string): Promise<number | null>;
}

export interface SessionSocketData {
  user: AuthUser;
  sessionTimer?: NodeJS.Timeout;
}

/** What this needs of a server-side socket. */
export interface SessionBoundSocket {
  readonly connected: boolean;
  data: SessionSocketData;
  join(room: string): Promise<void> | void;
  disconnect(close?: boolean): unknown;
}

/** setTimeout's longest delay; a longer session is looked at again when it fires. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export class SessionSockets {
  private readonly logger = new Logger(SessionSockets.name);
  private unsubscribe: (() => Promise<void>) | null = null;

  constructor(
    private readonly namespace: Pick<Namespace, 'local'>,
    private readonly sessions: SessionExpiryLookup,
    private readonly clock: Clock,
  ) {}

  /** Starts listening for revocations. */
  async listen(events: SessionEvents): Promise<void> {
    this.unsubscribe = await events.subscribe((event) => this.revoked(event));
  }

  async close(): Promise<void> {
    await this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /**
   * Disconnects this node's sockets of the revoked sessions. Every node hears the event, so
   * each ends only its own (`local`): no socket is asked twice across the cluster.
   */
  revoked(event: SessionsRevoked): void {
    const local = this.namespace.local;
    if (event.kind === 'sessions') {
      if (event.sessionIds.length > 0) {
        local.in(event.sessionIds.map(sessionRoom)).disconnectSockets();
      }
      return;
    }
    const everyone = local.in(userRoom(event.userId));
    (event.keep === null ? everyone : everyone.except(sessionRoom(event.keep))).disconnectSockets();
  }

  /**
   * A socket connected: it joins its session's room, then reads the session once more, so a
   * revocation that landed between the handshake and the join still ends it.
   */
  async track(socket: SessionBoundSocket): Promise<void> {
    await socket.join(sessionRoom(socket.data.user.sessionId));
    await this.watchExpiry(socket);
  }

  untrack(socket: SessionBoundSocket): void {
    if (socket.data.sessionTimer) clearTimeout(socket.data.sessionTimer);
    socket.data.sessionTimer = undefined;
  }

  /**
   * Ends the socket if its session is over, else looks again when it is due to end. A session
   * that can't be read ends the socket too: the client reconnects through a full check.
   */
  private async watchExpiry(socket: SessionBoundSocket): Promise<void> {
    let expiresAt: number | null = null;
    try {
      expiresAt = await this.sessions.sessionExpiry(socket.data.user.sessionId);
    } catch (error) {
      this.logger.warn(`Session of a socket not readable, socket closed: ${String(error)}`);
    }
    if (!socket.connected) return;
    const left = expiresAt === null ? 0 : expiresAt - this.clock.now();
    if (left <= 0) {
      socket.disconnect();
      return;
    }
    // A rotation moves the expiry forward, so the timer reads the session again rather than
    // ending the socket outright.
    const timer = setTimeout(() => void this.watchExpiry(socket), Math.min(left, MAX_TIMER_MS));
    timer.unref();
    this.untrack(socket);
    socket.data.sessionTimer = timer;
  }
}
