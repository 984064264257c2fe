/**
 * The `/game` namespace: authenticates sockets, tracks them for presence, and (thin) hands each
 * event to a service. No game logic lives here.
 */
import { Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { ClassConstructor } from 'class-transformer';
import type { Namespace, Socket } from 'socket.io';
import type {
  AckResult,
  ClientToServerEvents,
  LiveMatch,
  ServerToClientEvents,
} from '../../common/realtime/realtime.events';
import { userRoom } from '../../common/realtime/realtime.events';
import { SocketIoUserNotifier } from '../../common/realtime/user-notifier';
import { SessionSockets, SessionSocketData } from '../../common/realtime/session-sockets';
import {
  MAX_SOCKETS_PER_USER,
  SeatedSocketData,
  SocketSeats,
} from '../../common/realtime/socket-seats';
import { Clock } from '../../common/clock/clock';
import { MetricsService } from '../../common/metrics/metrics.service';
import { SessionEvents } from '../auth/session-events';
import { boundedPayloads } from '../../common/socket/payload-bounds';
import { SOCKET_REQUIREMENT } from '../auth/api-keys/key-access';
import { CredentialsService } from '../auth/credentials.service';
import { PresenceService } from '../social/presence.service';
import { RateLimitedError } from '../../common/errors';
import type { ArenaConfig } from '../../config';
import {
  AiMatchDto,
  ChallengeIdDto,
  ChallengeSendDto,
  LocalMatchDto,
  MatchIdDto,
  QueueJoinDto,
} from './dto/game-events.dto';
import { GameService } from './game.service';
import { EventRateLimiter } from './socket/event-rate-limiter';
import { SocketData, socketAuthMiddleware } from './socket/socket-auth';
import { ackError, parseGameInput, parsePayload } from './socket/socket-payload';

interface GameSocketData extends SocketData, SessionSocketData, SeatedSocketData {
  limiter: EventRateLimiter;
}

type GameSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  GameSocketData
>;
type Ack<T extends object = object> = AckResult<T>;

@WebSocketGateway({ namespace: '/game' })
export class GameGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger(GameGateway.name);

  private readonly rateLimit: boolean;
  /** Sockets end with their session (revoked or expired). */
  private sessionSockets: SessionSockets | null = null;
  /** At most MAX_SOCKETS_PER_USER sockets per user, counted by presence. */
  private readonly seats = new SocketSeats(
    (userId) => this.presence.socketConnected(userId, MAX_SOCKETS_PER_USER),
    (userId) => this.socketGone(userId),
  );

  constructor(
    private readonly credentials: CredentialsService,
    private readonly presence: PresenceService,
    private readonly notifier: SocketIoUserNotifier,
    private readonly game: GameService,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
    private readonly sessionEvents: SessionEvents,
    config: ConfigService<ArenaConfig, true>,
  ) {
    this.rateLimit = config.get('app', { infer: true }).rateLimit;
  }

  afterInit(namespace: Namespace<Record<string, never>, ServerToClientEvents>): void {
    // Every event's payload is held to API.md's bounds before anything else reads it.
    namespace.use(boundedPayloads());
    // An access token, or an API key with the `play` scope.
    namespace.use(
      socketAuthMiddleware((token) => this.credentials.authenticate(token, SOCKET_REQUIREMENT)),
    );
    namespace.use(this.seats.middleware());
    this.notifier.bind(namespace);
    const sessionSockets = new SessionSockets(namespace, this.credentials, this.clock);
    this.sessionSockets = sessionSockets;
    sessionSockets.listen(this.sessionEvents).catch((error: unknown) => {
      this.logger.error(`Not listening for revoked sessions: ${String(error)}`);
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.sessionSockets?.close();
  }

  async handleConnection(socket: GameSocket): Promise<void> {
    const { userId } = socket.data.user;
    this.seats.connected(socket);
    socket.data.limiter = new EventRateLimiter(this.rateLimit);
    socket.on('game:input', (body: unknown) => this.gameInput(socket, body));
    this.metrics.sockets.inc();
    await socket.join(userRoom(userId));
    await this.sessionSockets?.track(socket);
    // Tournament matches offered while this socket was away are offered to it again.
    for (const offer of await this.game.offersFor(userId)) {
      socket.emit('tournament:match-ready', offer);
    }
  }

  async handleDisconnect(socket: GameSocket): Promise<void> {
    const user = socket.data.user as SocketData['user'] | undefined;
    if (!user) return;
    this.metrics.sockets.dec();
    this.sessionSockets?.untrack(socket);
    await this.seats.release(socket);
  }

  /** A socket's seat is free again (a disconnect, or a handshake cut short). */
  private async socketGone(userId: string): Promise<void> {
    try {
      await this.presence.socketDisconnected(userId);
      // A user whose every socket dropped leaves the queue.
      if (!this.presence.isConnected(userId)) {
        this.game.leaveQueue(userId);
        this.game.playerDisconnected(userId);
      }
    } catch (error) {
      this.logger.warn(`Disconnect of ${userId} not fully handled: ${String(error)}`);
    }
  }

  @SubscribeMessage('match:local')
  localMatch(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ matchId: string }>> {
    return this.handle(socket, LocalMatchDto, body ?? {}, async (payload) => ({
      matchId: await this.game.startLocal(socket.data.user.userId, payload.aliases),
    }));
  }

  @SubscribeMessage('queue:join')
  joinQueue(@ConnectedSocket() socket: GameSocket, @MessageBody() body: unknown): Promise<Ack> {
    return this.handle(socket, QueueJoinDto, body, async (payload) => {
      await this.game.joinQueue(socket.data.user.userId, payload.mode);
      return {};
    });
  }

  @SubscribeMessage('queue:leave')
  leaveQueue(@ConnectedSocket() socket: GameSocket): Promise<Ack> {
    return this.handle(socket, null, undefined, () => {
      this.game.leaveQueue(socket.data.user.userId);
      return Promise.resolve({});
    });
  }

  @SubscribeMessage('challenge:send')
  sendChallenge(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ challengeId: string }>> {
    return this.handle(socket, ChallengeSendDto, body, async (payload) => ({
      challengeId: await this.game.challenge(socket.data.user.userId, payload.userId),
    }));
  }

  @SubscribeMessage('challenge:accept')
  acceptChallenge(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ matchId: string }>> {
    return this.handle(socket, ChallengeIdDto, body, async (payload) => ({
      matchId: await this.game.acceptChallenge(socket.data.user.userId, payload.challengeId),
    }));
  }

  @SubscribeMessage('challenge:decline')
  declineChallenge(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack> {
    return this.handle(socket, ChallengeIdDto, body, (payload) => {
      this.game.declineChallenge(socket.data.user.userId, payload.challengeId);
      return Promise.resolve({});
    });
  }

  @SubscribeMessage('match:spectate')
  spectate(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ match: LiveMatch }>> {
    return this.handle(socket, MatchIdDto, body, async (payload) => ({
      match: await this.game.spectate(socket.id, payload.matchId),
    }));
  }

  @SubscribeMessage('match:join')
  joinMatch(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ match: LiveMatch }>> {
    return this.handle(socket, MatchIdDto, body, async (payload) => ({
      match: await this.game.join(socket.data.user.userId, socket.id, payload.matchId),
    }));
  }

  @SubscribeMessage('match:ai')
  aiMatch(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ matchId: string }>> {
    return this.handle(socket, AiMatchDto, body, async (payload) => ({
      matchId: await this.game.startAi(socket.data.user.userId, payload.difficulty),
    }));
  }

  @SubscribeMessage('match:leave')
  leaveMatch(@ConnectedSocket() socket: GameSocket, @MessageBody() body: unknown): Promise<Ack> {
    return this.handle(socket, MatchIdDto, body, (payload) => {
      this.game.leave(socket.data.user.userId, socket.id, payload.matchId);
      return Promise.resolve({});
    });
  }

  /**
   * Fire-and-forget: invalid, foreign or excess inputs are dropped without an answer. The most
   * frequent event skips Nest's per-message pipeline and class-validator: a listener of its own
   * and a hand-written check that accepts exactly what GameInputDto does (see its spec).
   */
  private gameInput(socket: GameSocket, body: unknown): void {
    try {
      if (!socket.data.limiter.allowInput(this.clock.now())) return;
      const input = parseGameInput(body);
      if (input) this.game.input(socket.data.user.userId, input);
    } catch (error) {
      this.logger.error(`Input not handled: ${String(error)}`);
    }
  }

  /** Rate limit, validate, run, and answer with `{ ok: true, ... }` or `{ ok: false, error }`. */
  private async handle<P extends object, R extends object>(
    socket: GameSocket,
    type: ClassConstructor<P> | null,
    body: unknown,
    run: (payload: P) => Promise<R>,
  ): Promise<Ack<R>> {
    try {
      if (!socket.data.limiter.allowEvent(this.clock.now())) {
        throw new RateLimitedError('Too many events, slow down');
      }
      // Events without a payload (type null) ignore whatever was sent.
      const payload = type ? parsePayload(type, body) : ({} as P);
      return { ok: true, ...(await run(payload)) };
    } catch (error) {
      const ack = ackError(error);
      if (ack.error.code === 'INTERNAL') this.logger.error(`Socket event failed: ${String(error)}`);
      return ack;
    }
  }
}
