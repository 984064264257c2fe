/**
 * What every namespace does with its sockets, so a gateway (`/game` today, `/chat` next) only
 * adds its own events:
 * - the handshake: payload bounds, the access token or an API key with the `play` scope
 *   (`connect_error` `unauthorized`, `forbidden`, `rate_limited`), and a seat
 *   among the user's MAX_SOCKETS_PER_USER on this namespace, counted across every node by
 *   presence (`too_many_connections`);
 * - on connect: the user's room, the session's room (the socket ends with its session, on any
 *   node), a per-socket event budget;
 * - on disconnect: the seat given back (presence tells friends when the user goes offline), and
 *   the gateway told once the user has no socket left on this namespace on this node.
 */
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ClassConstructor } from 'class-transformer';
import type { Namespace, Socket } from 'socket.io';
import { Clock } from '../common/clock/clock';
import type { AckResult } from '../common/realtime/realtime.events';
import type { ArenaConfig } from '../config';
import { SessionEvents } from '../modules/auth/session-events';
import { SOCKET_REQUIREMENT } from '../modules/auth/api-keys/key-access';
import { CredentialsService } from '../modules/auth/credentials.service';
import { PresenceService } from '../modules/social/presence.service';
import { acknowledge } from './acks';
import { EventRateLimiter } from './event-rate-limiter';
import { boundedPayloads } from './payload-bounds';
import { userRoom } from './rooms';
import { SessionSocketData, SessionSockets } from './session-sockets';
import { SocketData, socketAuthMiddleware } from './socket-auth';
import { MAX_SOCKETS_PER_USER, SeatedSocketData, SocketSeats } from './socket-seats';

export interface RealtimeSocketData extends SocketData, SessionSocketData, SeatedSocketData {
  limiter: EventRateLimiter;
}

// Any event maps: each gateway keeps its own typed socket.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySocket = Socket<any, any, any, RealtimeSocketData>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyNamespace = Namespace<any, any, any, any>;

export interface NamespaceHooks {
  /** The user's last socket on this namespace, on this node, is gone. */
  lastSocketGone?: (userId: string) => void | Promise<void>;
}

/** One namespace's share of the realtime layer (see RealtimeSockets.attach). */
export class NamespaceSockets {
  private readonly logger: Logger;
  private readonly seats: SocketSeats;
  private readonly sessionSockets: SessionSockets;
  /** This node's sockets per user on this namespace. */
  private readonly here = new Map<string, number>();

  constructor(
    namespace: AnyNamespace,
    private readonly presence: PresenceService,
    credentials: CredentialsService,
    sessionEvents: SessionEvents,
    private readonly clock: Clock,
    private readonly rateLimit: boolean,
    private readonly hooks: NamespaceHooks,
  ) {
    const name = namespace.name;
    this.logger = new Logger(`Sockets ${name}`);
    this.seats = new SocketSeats(
      (userId) => this.seatTaken(userId, name),
      (userId) => this.seatFreed(userId, name),
    );
    // Every event's payload is held to API.md's bounds before anything else reads it.
    namespace.use(boundedPayloads());
    // An access token, or an API key with the `play` scope.
    namespace.use(
      socketAuthMiddleware((token) => credentials.authenticate(token, SOCKET_REQUIREMENT)),
    );
    namespace.use(this.seats.middleware());
    this.sessionSockets = new SessionSockets(namespace, credentials, clock);
    this.sessionSockets.listen(sessionEvents).catch((error: unknown) => {
      this.logger.error(`Not listening for revoked sessions: ${String(error)}`);
    });
  }

  /** A socket passed the handshake: rooms, session watch and its event budget. */
  async connected(socket: AnySocket): Promise<void> {
    const { userId } = socket.data.user;
    this.seats.connected(socket);
    socket.data.limiter = new EventRateLimiter(this.rateLimit);
    await socket.join(userRoom(userId));
    await this.sessionSockets.track(socket);
  }

  async disconnected(socket: AnySocket): Promise<void> {
    this.sessionSockets.untrack(socket);
    await this.seats.release(socket);
  }

  /** Whether the socket may send one more acknowledged event now. */
  allowEvent(socket: AnySocket): boolean {
    return socket.data.limiter.allowEvent(this.clock.now());
  }

  /** Answers one acknowledged event of the socket (see `acknowledge`). */
  acked<P extends object, R extends object>(
    socket: AnySocket,
    type: ClassConstructor<P> | null,
    body: unknown,
    run: (payload: P) => Promise<R>,
  ): Promise<AckResult<R>> {
    return acknowledge(this.allowEvent(socket), type, body, run, (error) =>
      this.logger.error(`Event failed: ${String(error)}`),
    );
  }

  /** Whether the socket may send one more fire-and-forget input now. */
  allowInput(socket: AnySocket): boolean {
    return socket.data.limiter.allowInput(this.clock.now());
  }

  close(): Promise<void> {
    return this.sessionSockets.close();
  }

  private async seatTaken(userId: string, namespace: string): Promise<boolean> {
    const seated = await this.presence.socketConnected(userId, MAX_SOCKETS_PER_USER, namespace);
    if (seated) this.here.set(userId, (this.here.get(userId) ?? 0) + 1);
    return seated;
  }

  /**
   * A seat is free again (a disconnect, or a handshake cut short). The game hears of a user's
   * last socket here even if presence could not be told (Redis away): its matches are its own.
   */
  private async seatFreed(userId: string, namespace: string): Promise<void> {
    const left = (this.here.get(userId) ?? 0) - 1;
    if (left > 0) this.here.set(userId, left);
    else this.here.delete(userId);
    try {
      await this.presence.socketDisconnected(userId, namespace);
    } catch (error) {
      this.logger.warn(`Presence of ${userId} not updated on disconnect: ${String(error)}`);
    }
    try {
      if (left <= 0) await this.hooks.lastSocketGone?.(userId);
    } catch (error) {
      this.logger.warn(`Disconnect of ${userId} not fully handled: ${String(error)}`);
    }
  }
}

@Injectable()
export class RealtimeSockets implements OnModuleDestroy {
  private readonly rateLimit: boolean;
  private readonly attached: NamespaceSockets[] = [];

  constructor(
    private readonly credentials: CredentialsService,
    private readonly presence: PresenceService,
    private readonly sessionEvents: SessionEvents,
    private readonly clock: Clock,
    config: ConfigService<ArenaConfig, true>,
  ) {
    this.rateLimit = config.get('app', { infer: true }).rateLimit;
  }

  /** Installs the shared handshake on a gateway's namespace (from its `afterInit`). */
  attach(namespace: AnyNamespace, hooks: NamespaceHooks = {}): NamespaceSockets {
    const sockets = new NamespaceSockets(
      namespace,
      this.presence,
      this.credentials,
      this.sessionEvents,
      this.clock,
      this.rateLimit,
      hooks,
    );
    this.attached.push(sockets);
    return sockets;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.attached.splice(0).map((sockets) => sockets.close()));
  }
}
