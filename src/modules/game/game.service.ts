/**
 * Live matches: creates rooms, routes inputs, drives them from the one game loop, broadcasts
 * their states and events, and hands finished ones to the match recorder without ever blocking
 * the loop.
 */
import { GameConfig, makeGameConfig, publicConfig, Side } from '@arena/engine';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../common/clock/clock';
import { ACCOUNT_ERASED, AccountErased } from '../../common/events/account-erasure.events';
import { CHALLENGE_SENT, ChallengeSent } from '../../common/events/game.events';
import { MetricsService } from '../../common/metrics/metrics.service';
import { RandomSource } from '../../common/random/random-source';
import {
  AlreadyInMatchError,
  AlreadyInQueueError,
  BlockedError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../common/errors';
import type { LiveMatch, TournamentMatchReadyPayload } from '../../common/realtime/realtime.events';
import { UserNotifier } from '../../common/realtime/user-notifier';
import type { ArenaConfig, GameTimingConfig } from '../../config';
import type { EndReason } from '../matches/entities/match.entity';
import { MatchRecorder, RatingChange } from '../matches/match-recorder.service';
import { BlocksService } from '../social/blocks.service';
import { PresenceService } from '../social/presence.service';
import type { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { GameLoop } from './game-loop';
import type { GameInputDto } from './dto/game-events.dto';
import { AiDifficulty, AiPlayer } from './ai/ai-player';
import { Challenge, ChallengeBook } from './challenges';
import { Matchmaker, QueueMode } from './matchmaking/matchmaker';
import { MatchRoom } from './rooms/match-room';
import { stateSnapshot } from './rooms/state-snapshot';

const other = (side: Side): Side => (side === 'left' ? 'right' : 'left');

/** A bracket match to offer its two players (or, in a local tournament, its owner). */
export interface TournamentMatchSpec {
  tournamentId: string;
  round: number;
  players: Record<Side, { userId: string | null; alias: string }>;
  /** Local tournaments: the creator, who plays both sides on one client. */
  owner: string | null;
  /** Epoch ms: whoever has not joined by then loses by `timeout`. */
  deadline: number;
  /** The side that advances when neither player shows up (the higher seed). */
  noShowWinner: Side;
}

/** A stored result, told to whoever follows matches (tournaments advance their brackets). */
export interface FinishedMatch {
  matchId: string;
  tournamentId: string | null;
  winnerSide: Side;
  score: { left: number; right: number };
  reason: EndReason;
}

interface OpenOptions {
  owner?: string | null;
  tournament?: { id: string; round: number; deadline: number; noShowWinner: Side };
}

@Injectable()
export class GameService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(GameService.name);
  private readonly timing: GameTimingConfig;
  private readonly engineConfig: GameConfig;
  private readonly rooms = new Map<string, MatchRoom>();
  /** userId → the live match the user plays in. */
  private readonly playing = new Map<string, string>();
  readonly loop: GameLoop;
  private readonly matchmaker = new Matchmaker();
  private readonly challenges = new ChallengeBook();
  /** The computer player of each AI match. */
  private readonly ai = new Map<string, AiPlayer>();
  /** Tournament rooms: their tournament and who advances if nobody shows up. */
  private readonly tournamentRooms = new Map<
    string,
    { tournamentId: string; round: number; noShowWinner: Side }
  >();
  private readonly finishedListeners: ((match: FinishedMatch) => void)[] = [];
  private matchmakingTimer: NodeJS.Timeout | null = null;
  /** Other modules hear of challenges through domain events (common/events/game.events.ts). */
  @Inject(EventEmitter2) private readonly events!: EventEmitter2;

  constructor(
    private readonly clock: Clock,
    private readonly recorder: MatchRecorder,
    private readonly notifier: UserNotifier,
    private readonly presence: PresenceService,
    private readonly users: UsersService,
    private readonly random: RandomSource,
    private readonly blocks: BlocksService,
    private readonly metrics: MetricsService,
    config: ConfigService<ArenaConfig, true>,
  ) {
    this.timing = config.get('game', { infer: true });
    this.engineConfig = makeGameConfig({
      tickRate: this.timing.tickRate,
      winningScore: this.timing.winningScore,
    });
    this.loop = new GameLoop(
      clock,
      this.timing.tickRate,
      (now) => this.stepAll(now),
      (latenessMs, durationMs, steps) => {
        if (steps === 0) return;
        this.metrics.tickLateness.observe(latenessMs / 1000);
        this.metrics.tickDuration.observe(durationMs / 1000 / steps);
        this.metrics.ticks.inc(steps);
      },
    );
    this.metrics.bindGame(() => ({
      liveMatches: this.rooms.size,
      queues: { ranked: this.matchmaker.size('ranked'), casual: this.matchmaker.size('casual') },
    }));
  }

  onModuleInit(): void {
    this.loop.start();
    // Ranked windows widen with time, so the queues are looked at again every second.
    this.matchmakingTimer = setInterval(() => this.runMatchmaking(), 1000);
    this.matchmakingTimer.unref();
  }

  /**
   * Graceful shutdown, before the database closes: the loop stops, live matches are stored as
   * interrupted (with their replays so far) and their players told, so nothing is left in progress.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.loop.stop();
    if (this.matchmakingTimer) clearInterval(this.matchmakingTimer);
    const live = [...this.rooms.values()].filter((room) => room.status !== 'finished');
    await Promise.all(
      live.map((room) =>
        this.recorder
          .interrupt(room.id, { tape: room.tape(), score: { ...room.state.score } })
          .catch(() => undefined),
      ),
    );
    this.rooms.clear();
    this.playing.clear();
  }

  /** Called with every result once it is stored. */
  onMatchFinished(listener: (match: FinishedMatch) => void): void {
    this.finishedListeners.push(listener);
  }

  /** Whether a match is live (waiting, counting down, playing or paused) on this server. */
  isLive(matchId: string): boolean {
    return this.rooms.has(matchId);
  }

  /**
   * Offers a tournament match: its room waits for the players' `match:join` until the deadline;
   * once they are all there it counts down and plays like any other match.
   */
  async openTournamentMatch(spec: TournamentMatchSpec): Promise<string> {
    const seat = (side: Side) => ({ side, ...spec.players[side], connected: false });
    const room = await this.open(
      'tournament',
      { left: seat('left'), right: seat('right') },
      {
        owner: spec.owner,
        tournament: {
          id: spec.tournamentId,
          deadline: spec.deadline,
          round: spec.round,
          noShowWinner: spec.noShowWinner,
        },
      },
    );
    return room.id;
  }

  /**
   * The tournament matches waiting for this user to join, as `tournament:match-ready` payloads:
   * a player who connects after the offer went out (a new tab, a restart) still learns of it.
   */
  async offersFor(userId: string): Promise<TournamentMatchReadyPayload[]> {
    const offers: TournamentMatchReadyPayload[] = [];
    for (const [matchId, tournament] of this.tournamentRooms) {
      const room = this.rooms.get(matchId);
      if (!room || room.status !== 'waiting') continue;
      const sides = room.sidesOf(userId).filter((side) => !room.showed[side]);
      if (sides.length === 0) continue;
      const base = {
        tournamentId: tournament.tournamentId,
        matchId,
        round: tournament.round,
        deadline: room.waitDeadline as number,
      };
      if (room.owner !== null) {
        offers.push({ ...base, opponent: null });
        continue;
      }
      const them = room.players[other(sides[0])];
      const opponent = them.userId
        ? this.users.publicProfile(await this.users.get(them.userId))
        : { alias: them.alias };
      offers.push({ ...base, opponent });
    }
    return offers;
  }

  liveMatchOf(userId: string): string | null {
    return this.playing.get(userId) ?? null;
  }

  async joinQueue(userId: string, mode: QueueMode): Promise<void> {
    this.assertFree(userId);
    const user = await this.users.getActive(userId);
    this.assertFree(userId);
    this.matchmaker.join(mode, { userId, rating: user.rating, joinedAt: this.clock.now() });
    this.runMatchmaking();
  }

  /** Leaves whichever queue the user is in; false if it was in none. */
  leaveQueue(userId: string): boolean {
    return this.matchmaker.leave(userId);
  }

  runMatchmaking(): void {
    const now = this.clock.now();
    for (const mode of ['ranked', 'casual'] as const) {
      for (const [a, b] of this.matchmaker.takePairs(mode, now)) {
        this.startPaired(mode, a.userId, b.userId).catch((error: unknown) => {
          this.logger.error(`Could not start a ${mode} match: ${String(error)}`);
        });
      }
    }
  }

  /** A match between two users: each is told its side and its opponent. */
  async startPaired(
    mode: 'ranked' | 'casual' | 'private',
    leftId: string,
    rightId: string,
  ): Promise<string> {
    const [left, right] = await Promise.all([this.users.get(leftId), this.users.get(rightId)]);
    const room = await this.open(mode, {
      left: { side: 'left', userId: left.id, alias: left.username, connected: true },
      right: { side: 'right', userId: right.id, alias: right.username, connected: true },
    });
    await this.announceFound(room, [left, right]);
    this.announceCountdown(room);
    return room.id;
  }

  /** Challenges a player to a private match; refused across a block either way. */
  async challenge(fromId: string, toId: string): Promise<string> {
    if (fromId === toId) throw new ValidationError('You cannot challenge yourself');
    this.assertFree(fromId);
    const [from] = await Promise.all([this.users.getActive(fromId), this.users.getActive(toId)]);
    if (await this.blocks.isBlockedEitherWay(fromId, toId))
      throw new BlockedError('One of you has blocked the other');
    if (!this.presence.isConnected(toId)) throw new ConflictError('That player is not online');
    if (this.challenges.between(fromId, toId))
      throw new ConflictError('A challenge between you is already pending');
    const challenge = {
      id: randomUUID(),
      fromId,
      toId,
      expiresAt: this.clock.now() + this.timing.challengeTtlMs,
    };
    this.challenges.add(challenge);
    this.events.emit(CHALLENGE_SENT, ChallengeSent.of(challenge));
    this.notifier.toUsers([toId], 'challenge:received', {
      challengeId: challenge.id,
      from: this.users.publicProfile(from),
      expiresAt: challenge.expiresAt,
    });
    return challenge.id;
  }

  /** The challenged player accepts: a private match starts between the two. */
  async acceptChallenge(userId: string, challengeId: string): Promise<string> {
    const challenge = this.pendingChallenge(userId, challengeId);
    if (challenge.toId !== userId)
      throw new ForbiddenError('Only the challenged player can accept');
    this.assertFree(challenge.toId);
    if (this.playing.has(challenge.fromId) || this.matchmaker.has(challenge.fromId)) {
      throw new ConflictError('The challenger is busy');
    }
    if (await this.blocks.isBlockedEitherWay(challenge.fromId, challenge.toId)) {
      this.challenges.remove(challenge.id);
      throw new BlockedError('One of you has blocked the other');
    }
    this.challenges.remove(challenge.id);
    return this.startPaired('private', challenge.fromId, challenge.toId);
  }

  /** The challenged player declines, or the challenger withdraws. */
  declineChallenge(userId: string, challengeId: string): void {
    const challenge = this.pendingChallenge(userId, challengeId);
    this.challenges.remove(challenge.id);
    this.notifier.toUsers([challenge.fromId, challenge.toId], 'challenge:declined', {
      challengeId: challenge.id,
    });
  }

  private pendingChallenge(userId: string, challengeId: string): Challenge {
    const challenge = this.challenges.get(challengeId);
    if (!challenge || (challenge.fromId !== userId && challenge.toId !== userId)) {
      throw new NotFoundError('Challenge not found');
    }
    return challenge;
  }

  private expireChallenges(now: number): void {
    for (const challenge of this.challenges.expire(now)) {
      this.notifier.toUsers([challenge.fromId, challenge.toId], 'challenge:expired', {
        challengeId: challenge.id,
      });
    }
  }

  /** A match against the computer: the caller plays left, the AI right. */
  async startAi(userId: string, difficulty: AiDifficulty): Promise<string> {
    this.assertFree(userId);
    const user = await this.users.getActive(userId);
    const room = await this.open('ai', {
      left: { side: 'left', userId, alias: user.username, connected: true },
      right: { side: 'right', userId: null, alias: `AI (${difficulty})`, connected: true },
    });
    this.ai.set(room.id, new AiPlayer('right', difficulty, this.engineConfig, room.seed ^ 0x5eed));
    this.notifier.toUsers([userId], 'match:found', {
      matchId: room.id,
      mode: 'ai',
      side: 'left',
      opponent: { alias: room.players.right.alias },
      config: publicConfig(this.engineConfig),
    });
    this.announceCountdown(room);
    return room.id;
  }

  /** A match played on one client: the caller steers both paddles with `side` in its inputs. */
  async startLocal(userId: string, aliases?: [string, string]): Promise<string> {
    this.assertFree(userId);
    const user = await this.users.getActive(userId);
    const players = {
      left: {
        side: 'left' as const,
        userId,
        alias: aliases?.[0] ?? user.username,
        connected: true,
      },
      right: {
        side: 'right' as const,
        userId: null,
        alias: aliases?.[1] ?? 'Guest',
        connected: true,
      },
    };
    const room = await this.open('local', players, { owner: userId });
    this.notifier.toUsers([userId], 'match:found', {
      matchId: room.id,
      mode: 'local',
      side: 'both',
      opponent: { alias: players.right.alias },
      config: publicConfig(this.engineConfig),
    });
    this.announceCountdown(room);
    return room.id;
  }

  /** Inputs for a side the caller doesn't steer, or a match it isn't in, are dropped. */
  input(userId: string, input: GameInputDto): void {
    const room = this.rooms.get(input.matchId);
    if (!room || room.status === 'finished') return;
    const sides = room.sidesOf(userId);
    const side = room.owner !== null ? input.side : (input.side ?? sides[0]);
    if (!side || !sides.includes(side)) return;
    room.queueInput(side, input.direction, input.seq ?? null);
  }

  /** Watch a live match: the socket joins its room and gets a snapshot. */
  async spectate(socketId: string, matchId: string): Promise<LiveMatch> {
    const room = this.liveRoom(matchId);
    this.notifier.joinMatchSocket(socketId, matchId);
    return this.liveMatch(room);
  }

  /**
   * A player (re)joins its match on this socket. After a disconnect this resumes the match,
   * after a countdown, once every player is back.
   */
  async join(userId: string, socketId: string, matchId: string): Promise<LiveMatch> {
    const room = this.liveRoom(matchId);
    const sides = room.sidesOf(userId);
    if (sides.length === 0) throw new ForbiddenError('You are not a player of this match');
    if (room.status === 'waiting') this.showUp(room, userId, sides);
    this.notifier.joinMatchSocket(socketId, matchId);
    for (const side of sides) room.players[side].connected = true;
    if (room.status === 'waiting' && room.showed.left && room.showed.right) {
      this.begin(room);
    } else if (
      room.status === 'paused' &&
      room.players.left.connected &&
      room.players.right.connected
    ) {
      room.resume(this.clock.now(), this.timing.countdownMs);
      this.notifier.toMatch(room.id, 'match:resumed', {
        matchId: room.id,
        startsAt: room.startsAt,
      });
    }
    return this.liveMatch(room);
  }

  /** Every socket of the user closed: its live match pauses for the reconnect grace. */
  playerDisconnected(userId: string): void {
    const matchId = this.playing.get(userId);
    const room = matchId ? this.rooms.get(matchId) : undefined;
    if (!room || room.status === 'finished') return;
    const sides = room.sidesOf(userId);
    for (const side of sides) room.players[side].connected = false;
    // Waiting: its no-show deadline stands. Paused: already waiting for the other player.
    if (room.status === 'waiting' || room.status === 'paused' || sides.length === 0) return;
    this.pause(room, sides[0]);
  }

  private pause(room: MatchRoom, side: Side): void {
    room.pause(side, this.clock.now() + this.timing.reconnectGraceMs);
    this.notifier.toMatch(room.id, 'match:paused', {
      matchId: room.id,
      side,
      reason: 'disconnect',
      resumeDeadline: room.resumeDeadline as number,
    });
  }

  /** A player comes to its waiting tournament match: from now on it is busy with this match. */
  private showUp(room: MatchRoom, userId: string, sides: Side[]): void {
    const current = this.playing.get(userId);
    if (current !== undefined && current !== room.id) {
      throw new AlreadyInMatchError('Finish your live match first');
    }
    if (this.matchmaker.has(userId)) this.matchmaker.leave(userId);
    for (const side of sides) room.showed[side] = true;
    if (current === undefined) this.enter(userId, room.id);
  }

  /** Every player of a waiting match is here: tell them their sides and count down. */
  private begin(room: MatchRoom): void {
    room.begin(this.clock.now(), this.timing.countdownMs);
    this.recorder.start(room.id).catch((error: unknown) => {
      this.logger.error(`Start of match ${room.id} could not be stored: ${String(error)}`);
    });
    this.announceFound(room)
      .catch((error: unknown) => {
        this.logger.warn(`match:found for ${room.id} not sent: ${String(error)}`);
      })
      .finally(() => this.announceCountdown(room));
    // Someone who joined and then lost every socket gets the usual reconnect grace.
    const gone = (['left', 'right'] as const).find((side) => !room.players[side].connected);
    if (gone) this.pause(room, gone);
  }

  /** `match:found` to each player with its side (both, for an owner who plays both). */
  private async announceFound(room: MatchRoom, known: User[] = []): Promise<void> {
    const base = { matchId: room.id, mode: room.mode, config: publicConfig(this.engineConfig) };
    if (room.owner !== null) {
      this.notifier.toUsers([room.owner], 'match:found', { ...base, side: 'both', opponent: null });
      return;
    }
    const { left, right } = room.players;
    if (!left.userId || !right.userId) return;
    const profile = (id: string) => known.find((user) => user.id === id) ?? this.users.get(id);
    const [leftUser, rightUser] = await Promise.all([profile(left.userId), profile(right.userId)]);
    this.notifier.toUsers([left.userId], 'match:found', {
      ...base,
      side: 'left',
      opponent: this.users.publicProfile(rightUser),
    });
    this.notifier.toUsers([right.userId], 'match:found', {
      ...base,
      side: 'right',
      opponent: this.users.publicProfile(leftUser),
    });
  }

  /**
   * Erasure, once committed: the account leaves its queue, its pending challenges end (both sides
   * are told), and every match it is in is lost by forfeit (a waiting tournament match too: the
   * other side advances, rated only if it had come).
   */
  @OnEvent(ACCOUNT_ERASED)
  accountErased({ userId }: AccountErased): void {
    this.matchmaker.leave(userId);
    for (const challenge of this.challenges.dropInvolving(userId)) {
      this.notifier.toUsers([challenge.fromId, challenge.toId], 'challenge:declined', {
        challengeId: challenge.id,
      });
    }
    for (const room of [...this.rooms.values()]) {
      const sides = room.sidesOf(userId);
      if (sides.length === 0 || room.status === 'finished') continue;
      const winner = other(sides[0]);
      this.end(room, winner, 'forfeit', room.status !== 'waiting' || room.showed[winner]);
    }
  }

  /** A player leaving forfeits; a spectator just stops watching. */
  leave(userId: string, socketId: string, matchId: string): void {
    const room = this.rooms.get(matchId);
    if (!room) throw new NotFoundError('Match not found');
    const sides = room.sidesOf(userId);
    if (sides.length === 0 || room.status === 'finished') {
      this.notifier.leaveMatchSocket(socketId, matchId);
      return;
    }
    this.end(room, other(sides[0]), 'forfeit');
  }

  private liveRoom(matchId: string): MatchRoom {
    const room = this.rooms.get(matchId);
    if (!room || room.status === 'finished') throw new NotFoundError('Live match not found');
    return room;
  }

  private async liveMatch(room: MatchRoom): Promise<LiveMatch> {
    const players = await Promise.all(
      (['left', 'right'] as const).map(async (side) => {
        const player = room.players[side];
        const user =
          player.userId && room.mode !== 'local' ? await this.users.get(player.userId) : null;
        return {
          side,
          user: user ? this.users.publicProfile(user) : null,
          alias: player.alias,
          connected: player.connected,
        };
      }),
    );
    return {
      matchId: room.id,
      mode: room.mode,
      status: room.status,
      players,
      config: publicConfig(this.engineConfig),
      state: stateSnapshot(room),
    };
  }

  private assertFree(userId: string): void {
    if (this.playing.has(userId)) throw new AlreadyInMatchError('You are already in a live match');
    if (this.matchmaker.has(userId)) throw new AlreadyInQueueError('You are already in a queue');
  }

  private async open(
    mode: MatchRoom['mode'],
    players: MatchRoom['players'],
    options: OpenOptions = {},
  ): Promise<MatchRoom> {
    const seed = this.random.seed();
    const { tournament } = options;
    const id = await this.recorder.create({
      mode,
      seed,
      players: [players.left, players.right],
      tournamentId: tournament?.id ?? null,
      waiting: tournament !== undefined,
    });
    const room = new MatchRoom(
      id,
      mode,
      this.engineConfig,
      players,
      seed,
      this.clock.now(),
      this.timing.countdownMs,
      { owner: options.owner ?? null, waitUntil: tournament?.deadline ?? null },
    );
    this.rooms.set(id, room);
    if (tournament) {
      // Its players become busy with it when they join it (see showUp).
      this.tournamentRooms.set(id, {
        tournamentId: tournament.id,
        round: tournament.round,
        noShowWinner: tournament.noShowWinner,
      });
      return room;
    }
    for (const player of [players.left, players.right]) {
      if (player.userId) this.enter(player.userId, id);
    }
    return room;
  }

  /** The user plays this match: its sockets follow the match, its friends see it in game. */
  private enter(userId: string, matchId: string): void {
    this.playing.set(userId, matchId);
    this.notifier.joinMatch(userId, matchId);
    void this.presence.setInGame(userId, true);
  }

  private announceCountdown(room: MatchRoom): void {
    this.notifier.toMatch(room.id, 'match:countdown', {
      matchId: room.id,
      startsAt: room.startsAt,
    });
  }

  private stepAll(now: number): void {
    this.expireChallenges(now);
    for (const room of this.rooms.values()) {
      if (room.status === 'waiting') {
        if (now >= (room.waitDeadline as number)) this.noShow(room);
        continue;
      }
      if (room.status === 'paused' && room.resumeDeadline !== null && now >= room.resumeDeadline) {
        this.end(room, other(room.pausedSide as Side), 'timeout');
        continue;
      }
      const ai = this.ai.get(room.id);
      if (ai && room.status === 'playing') room.queueInput(ai.side, ai.decide(room.state), null);
      const result = room.tick(now);
      if (!result.stepped) continue;
      this.notifier.toMatch(room.id, 'match:state', stateSnapshot(room));
      for (const event of result.events) {
        if (event.type === 'point') {
          this.notifier.toMatch(room.id, 'match:point', {
            matchId: room.id,
            scorer: event.scorer,
            score: event.score,
          });
        } else if (event.type === 'end') {
          this.end(room, event.winner, 'score');
        }
      }
    }
  }

  /**
   * The no-show deadline passed: the side that came wins by `timeout`; if neither came the
   * tournament's choice advances, and nothing counts as played.
   */
  private noShow(room: MatchRoom): void {
    const { left, right } = room.showed;
    const fallback = this.tournamentRooms.get(room.id)?.noShowWinner ?? 'left';
    const winner: Side = left === right ? fallback : left ? 'left' : 'right';
    this.end(room, winner, 'timeout', left || right);
  }

  /** Ends a room at once; the result is stored in the background and announced when stored. */
  private end(room: MatchRoom, winnerSide: Side, reason: EndReason, played = true): void {
    if (this.rooms.get(room.id) !== room) return;
    room.finish();
    this.rooms.delete(room.id);
    this.ai.delete(room.id);
    const tournament = this.tournamentRooms.get(room.id);
    this.tournamentRooms.delete(room.id);
    const score = { left: room.state.score.left, right: room.state.score.right };
    for (const userId of [room.owner, room.players.left.userId, room.players.right.userId]) {
      if (userId === null || this.playing.get(userId) !== room.id) continue;
      this.playing.delete(userId);
      void this.presence.setInGame(userId, false);
    }
    const announce = (ratingChange: RatingChange) =>
      this.notifier.toMatch(room.id, 'match:end', {
        matchId: room.id,
        winnerSide,
        score,
        reason,
        ratingChange,
      });
    this.recorder
      .finish(room.id, { score, winnerSide, endReason: reason, played }, room.tape())
      .then(
        (ratingChange) => {
          announce(ratingChange);
          const finished: FinishedMatch = {
            matchId: room.id,
            tournamentId: tournament?.tournamentId ?? null,
            winnerSide,
            score,
            reason,
          };
          for (const listener of this.finishedListeners) listener(finished);
        },
        (error: unknown) => {
          this.logger.error(`Result of match ${room.id} could not be stored: ${String(error)}`);
          announce(null);
        },
      )
      .catch((error: unknown) => {
        this.logger.error(`A follower of match ${room.id} failed: ${String(error)}`);
      });
  }
}
