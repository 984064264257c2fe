/**
 * The `/game` namespace: the realtime layer authenticates, seats and tracks its sockets (see
 * RealtimeSockets); this gateway (thin) hands each event to a service. No game logic lives here.
 */
import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  GameEventAck,
  ServerToClientEvents,
} from '../../common/realtime/realtime.events';
import { MetricsService } from '../../common/metrics/metrics.service';
import {
  NamespaceSockets,
  RealtimeSocketData,
  RealtimeSockets,
} from '../../realtime/realtime-sockets';
import { SocketIoUserNotifier } from '../../realtime/user-notifier';
import {
  AiMatchDto,
  ChallengeIdDto,
  ChallengeSendDto,
  LocalMatchDto,
  MatchIdDto,
  QueueJoinDto,
} from './dto/game-events.dto';
import { GameService } from './game.service';
import { parseGameInput } from './socket/game-input';

type GameSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  RealtimeSocketData
>;

@WebSocketGateway({ namespace: '/game' })
export class GameGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(GameGateway.name);
  /** Handshake, seats, rooms, sessions and event budgets: the realtime layer's. */
  private sockets!: NamespaceSockets;

  constructor(
    private readonly realtime: RealtimeSockets,
    private readonly notifier: SocketIoUserNotifier,
    private readonly game: GameService,
    private readonly metrics: MetricsService,
  ) {}

  afterInit(namespace: Namespace<Record<string, never>, ServerToClientEvents>): void {
    this.sockets = this.realtime.attach(namespace, {
      lastSocketGone: (userId) => this.game.socketsGone(userId),
    });
    this.notifier.bind(namespace);
  }

  async handleConnection(socket: GameSocket): Promise<void> {
    const { userId } = socket.data.user;
    socket.on('game:input', (body: unknown) => this.gameInput(socket, body));
    this.metrics.sockets.inc();
    await this.sockets.connected(socket);
    // Tournament matches offered while this socket was away are offered to it again.
    for (const offer of await this.game.offersFor(userId)) {
      socket.emit('tournament:match-ready', offer);
    }
  }

  async handleDisconnect(socket: GameSocket): Promise<void> {
    const user = socket.data.user as RealtimeSocketData['user'] | undefined;
    if (!user) return;
    this.metrics.sockets.dec();
    await this.sockets.disconnected(socket);
  }

  @SubscribeMessage('match:local')
  localMatch(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<GameEventAck<'match:local'>> {
    return this.sockets.acked(socket, LocalMatchDto, body ?? {}, async (payload) => ({
      matchId: await this.game.startLocal(socket.data.user.userId, payload.aliases),
    }));
  }

  @SubscribeMessage('queue:join')
  joinQueue(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<GameEventAck<'queue:join'>> {
    return this.sockets.acked(socket, QueueJoinDto, body, async (payload) => {
      await this.game.joinQueue(socket.data.user.userId, payload.mode);
      return {};
    });
  }

  @SubscribeMessage('queue:leave')
  leaveQueue(@ConnectedSocket() socket: GameSocket): Promise<GameEventAck<'queue:leave'>> {
    return this.sockets.acked(socket, null, undefined, async () => {
      await this.game.leaveQueue(socket.data.user.userId);
      return {};
    });
  }

  @SubscribeMessage('challenge:send')
  sendChallenge(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<GameEventAck<'challenge:send'>> {
    return this.sockets.acked(socket, ChallengeSendDto, body, async (payload) => ({
      challengeId: await this.game.challenge(socket.data.user.userId, payload.userId),
    }));
  }

  @SubscribeMessage('challenge:accept')
  acceptChallenge(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<GameEventAck<'challenge:accept'>> {
    return this.sockets.acked(socket, ChallengeIdDto, body, async (payload) => ({
      matchId: await this.game.acceptChallenge(socket.data.user.userId, payload.challengeId),
    }));
  }

  @SubscribeMessage('challenge:decline')
  declineChallenge(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<GameEventAck<'challenge:decline'>> {
    return this.sockets.acked(socket, ChallengeIdDto, body, async (payload) => {
      await this.game.declineChallenge(socket.data.user.userId, payload.challengeId);
      return {};
    });
  }

  @SubscribeMessage('match:spectate')
  spectate(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<GameEventAck<'match:spectate'>> {
    return this.sockets.acked(socket, MatchIdDto, body, async (payload) => ({
      match: await this.game.spectate(socket.id, payload.matchId),
    }));
  }

  @SubscribeMessage('match:join')
  joinMatch(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<GameEventAck<'match:join'>> {
    return this.sockets.acked(socket, MatchIdDto, body, async (payload) => ({
      match: await this.game.join(socket.data.user.userId, socket.id, payload.matchId),
    }));
  }

  @SubscribeMessage('match:ai')
  aiMatch(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<GameEventAck<'match:ai'>> {
    return this.sockets.acked(socket, AiMatchDto, body, async (payload) => ({
      matchId: await this.game.startAi(socket.data.user.userId, payload.difficulty),
    }));
  }

  @SubscribeMessage('match:leave')
  leaveMatch(
    @ConnectedSocket() socket: GameSocket,
    @MessageBody() body: unknown,
  ): Promise<GameEventAck<'match:leave'>> {
    return this.sockets.acked(socket, MatchIdDto, body, async (payload) => {
      await this.game.leave(socket.data.user.userId, socket.id, payload.matchId);
      return {};
    });
  }

  /**
   * Fire-and-forget: invalid, foreign or excess inputs are dropped without an answer. The most
   * frequent event skips Nest's per-message pipeline and class-validator: a listener of its own
   * and a hand-written check that accepts exactly what GameInputDto does (see its spec).
   */
  private gameInput(socket: GameSocket, body: unknown): void {
    try {
      if (!this.sockets.allowInput(socket)) return;
      const input = parseGameInput(body);
      if (input) this.game.input(socket.data.user.userId, input);
    } catch (error) {
      this.logger.error(`Input not handled: ${String(error)}`);
    }
  }
}
