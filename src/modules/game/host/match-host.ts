/**
 * The matches this node runs: their rooms, the one tick loop that steps them, the computer
 * players, and what happens at their ends (the result stored in the background and announced
 * once stored, so the loop never waits). Other nodes reach a room here through the node bus
 * (HOST_TOPICS): this node is its owner, as the match directory says.
 *
 * On SIGTERM the host drains: it takes no new match and hands each live one to another game
 * node, which rebuilds it from its seed and tape (players see `match:paused` `handover`, then
 * `match:resumed`); without another node the matches are interrupted, as a lone node's are.
 */
import { GameConfig, makeGameConfig, Side } from '@arena/engine';
import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ClusterNodes } from '../../../cluster/cluster-nodes';
import { NodeBus } from '../../../cluster/node-bus';
import { Clock } from '../../../common/clock/clock';
import {
  AlreadyInMatchError,
  ForbiddenError,
  NotFoundError,
  UnavailableError,
} from '../../../common/errors';
import { MetricsService } from '../../../common/metrics/metrics.service';
import type { LiveMatch, TournamentMatchReadyPayload } from '../../../common/realtime/realtime.events';
import { UserNotifier } from '../../../common/realtime/user-notifier';
import type { ArenaConfig, GameTimingConfig } from '../../../config';
import type { EndReason } from '../../matches/entities/match.entity';
import { MatchRecorder, RatingChange } from '../../matches/match-recorder.service';
import { PresenceService } from '../../social/presence.service';
import { AiDifficulty, AiPlayer } from '../ai/ai-player';
import type { GameInputDto } from '../dto/game-events.dto';
import { GameLoop } from '../game-loop';
import { MatchDirectory } from '../live/match-directory';
import { MatchRoom, RoomHandover, RoomPlayer, RoomTournament } from '../rooms/match-room';
import { stateSnapshot } from '../rooms/state-snapshot';
import { MatchAnnouncer } from './match-announcer';

const other = (side: Side): Side => (side === 'left' ? 'right' : 'left');

/** What a node asks the owner of a match to do, by bus topic. */
export const HOST_TOPICS = {
  open: 'game:open',
  input: 'game:input',
  join: 'game:join',
  spectate: 'game:spectate',
  leave: 'game:leave',
  disconnected: 'game:disconnected',
  forfeitAll: 'game:forfeit-all',
  offers: 'game:offers',
  adopt: 'game:adopt',
} as const;

/** A room to open on this node, decided wherever the match was made. */
export interface RoomSpec {
  matchId: string;
  mode: MatchRoom['mode'];
  seed: number;
  players: Record<Side, RoomPlayer>;
  owner: string | null;
  tournament: (RoomTournament & { deadline: number }) | null;
  ai: AiDifficulty | null;
}

/** A handed-over room, and its computer player's difficulty if it has one. */
export interface Adoption {
  room: RoomHandover;
  ai: AiDifficulty | null;
}

/** A stored result, told to whoever follows matches (tournaments advance their brackets). */
export interface FinishedMatch {
  matchId: string;
  tournamentId: string | null;
  winnerSide: Side;
  score: { left: number; right: number };
  reason: EndReason;
}

/** How long a handed-over match may wait for its new node before it is interrupted. */
export const HANDOVER_GRACE_MS = 10_000;

@Injectable()
export class MatchHost implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MatchHost.name);
  private readonly timing: GameTimingConfig;
  readonly engineConfig: GameConfig;
  /** This node's own rooms: the live state only their owner steps. */
  private readonly rooms = new Map<string, MatchRoom>();
  /** The computer player of each AI match here. */
  private readonly ai = new Map<string, { player: AiPlayer; difficulty: AiDifficulty }>();
  private readonly finishedListeners: ((match: FinishedMatch) => void)[] = [];
  private readonly tickListeners: ((now: number) => void)[] = [];
  private drainingNow = false;
  readonly loop: GameLoop;

  constructor(
    private readonly clock: Clock,
    private readonly recorder: MatchRecorder,
    private readonly notifier: UserNotifier,
    private readonly presence: PresenceService,
    private readonly announcer: MatchAnnouncer,
    private readonly directory: MatchDirectory,
    private readonly bus: NodeBus,
    private readonly nodes: ClusterNodes,
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
  }

  onModuleInit(): void {
    const { bus } = this;
    bus.handle<RoomSpec>(HOST_TOPICS.open, (spec) => this.open(spec));
    bus.handle<{ userId: string; input: GameInputDto }>(HOST_TOPICS.input, ({ userId, input }) =>
      this.input(userId, input),
    );
    bus.handle<{ userId: string; socketId: string; matchId: string }>(
      HOST_TOPICS.join,
      ({ userId, socketId, matchId }) => this.join(userId, socketId, matchId),
    );
    bus.handle<{ socketId: string; matchId: string }>(
      HOST_TOPICS.spectate,
      ({ socketId, matchId }) => this.spectate(socketId, matchId),
    );
    bus.handle<{ userId: string; socketId: string; matchId: string }>(
      HOST_TOPICS.leave,
      ({ userId, socketId, matchId }) => this.leave(userId, socketId, matchId),
    );
    bus.handle<{ userId: string; matchId: string }>(
      HOST_TOPICS.disconnected,
      ({ userId, matchId }) => this.playerDisconnected(userId, matchId),
    );
    bus.handle<{ userId: string }>(HOST_TOPICS.forfeitAll, ({ userId }) =>
      this.forfeitAll(userId),
    );
    bus.handle<{ userId: string }>(HOST_TOPICS.offers, ({ userId }) => this.offersFor(userId));
    bus.handle<Adoption>(HOST_TOPICS.adopt, (adoption) => this.adopt(adoption));
    // Redis forgot the directory (restarted empty): this node writes its matches again.
    this.nodes.onRejoined(() => this.registerAll());
    this.loop.start();
  }

  /** A node restarting under the same NODE_ID takes new matches again. */
  async onApplicationBootstrap(): Promise<void> {
    await this.directory.setDraining(this.bus.nodeId, false);
  }

  /** Stops the loop for good (an `api` node runs no match). */
  idle(): void {
    this.loop.stop();
  }

  get liveCount(): number {
    return this.rooms.size;
  }

  get draining(): boolean {
    return this.drainingNow;
  }

  has(matchId: string): boolean {
    return this.rooms.has(matchId);
  }

  /** Called with every result once it is stored (on the node that ran the match). */
  onMatchFinished(listener: (match: FinishedMatch) => void): void {
    this.finishedListeners.push(listener);
  }

  /** Called on every tick with the loop's time (for work timed in game time). */
  onTick(listener: (now: number) => void): void {
    this.tickListeners.push(listener);
  }

  /** Opens a room here: its players were claimed by whoever made the match. */
  async open(spec: RoomSpec): Promise<void> {
    if (this.drainingNow) throw new UnavailableError('This node is draining');
    const { tournament } = spec;
    const room = new MatchRoom(
      spec.matchId,
      spec.mode,
      this.engineConfig,
      spec.players,
      spec.seed,
      this.clock.now(),
      this.timing.countdownMs,
      {
        owner: spec.owner,
        waitUntil: tournament?.deadline ?? null,
        tournament: tournament
          ? { id: tournament.id, round: tournament.round, noShowWinner: tournament.noShowWinner }
          : null,
      },
    );
    this.rooms.set(room.id, room);
    if (spec.ai) {
      const player = new AiPlayer('right', spec.ai, this.engineConfig, room.seed ^ 0x5eed);
      this.ai.set(room.id, { player, difficulty: spec.ai });
    }
    await this.register(room);
    // A tournament room waits: its players become busy with it when they join it.
    if (tournament) return;
    for (const userId of this.busyUsers(room)) this.enter(userId, room.id);
    await this.announcer.found(room, this.engineConfig).catch((error: unknown) => {
      this.logger.warn(`match:found for ${room.id} not sent: ${String(error)}`);
    });
    this.announcer.countdown(room);
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

  /** Watch a live match: the socket (on any node) joins its room and gets a snapshot. */
  spectate(socketId: string, matchId: string): Promise<LiveMatch> {
    const room = this.liveRoom(matchId);
    this.notifier.joinMatchSocket(socketId, matchId);
    return this.announcer.liveMatch(room, this.engineConfig);
  }

  /**
   * A player (re)joins its match on a socket (on any node). After a disconnect this resumes the
   * match, after a countdown, once every player is back; a waiting tournament match begins once
   * both have come.
   */
  async join(userId: string, socketId: string, matchId: string): Promise<LiveMatch> {
    const room = this.liveRoom(matchId);
    const sides = room.sidesOf(userId);
    if (sides.length === 0) throw new ForbiddenError('You are not a player of this match');
    if (room.status === 'waiting' && sides.some((side) => !room.showed[side])) {
      // From now on the player is busy with this match.
      if (!(await this.directory.claim([userId], room.id))) {
        throw new AlreadyInMatchError('Finish your live match first');
      }
      if (this.rooms.get(matchId) !== room) throw new NotFoundError('Live match not found');
      this.enter(userId, room.id);
    }
    this.notifier.joinMatchSocket(socketId, matchId);
    const outcome = room.playerJoined(userId, this.clock.now(), this.timing.countdownMs);
    if (outcome === 'began') this.begin(room);
    if (outcome === 'resumed') this.announcer.resumed(room);
    return this.announcer.liveMatch(room, this.engineConfig);
  }

  /**
   * Every socket of the user closed: its live match pauses for the reconnect grace. Told by
   * another node, the news may be stale (the player came back meanwhile, on any node): presence
   * has the last word.
   */
  async playerDisconnected(userId: string, matchId: string): Promise<void> {
    if (!this.rooms.has(matchId)) return;
    if ((await this.presence.socketsOn(userId).catch(() => 0)) > 0) return;
    const room = this.rooms.get(matchId);
    if (!room || room.status === 'finished') return;
    const deadline = this.clock.now() + this.timing.reconnectGraceMs;
    if (room.playerLeft(userId, deadline) !== null) this.announcer.paused(room);
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

  /**
   * Erasure: every match here the user is in is lost by forfeit (a waiting tournament match
   * too: the other side advances, rated only if it had come).
   */
  forfeitAll(userId: string): void {
    for (const room of [...this.rooms.values()]) {
      const sides = room.sidesOf(userId);
      if (sides.length === 0 || room.status === 'finished') continue;
      const winner = other(sides[0]);
      this.end(room, winner, 'forfeit', room.status !== 'waiting' || room.showed[winner]);
    }
  }

  /** The tournament matches here waiting for this user to join, as offers. */
  async offersFor(userId: string): Promise<TournamentMatchReadyPayload[]> {
    const offers: TournamentMatchReadyPayload[] = [];
    for (const room of this.rooms.values()) {
      if (room.tournament === null || room.status !== 'waiting') continue;
      const offer = await this.announcer.offer(room, userId);
      if (offer) offers.push(offer);
    }
    return offers;
  }

  /**
   * A room handed over by a draining node: rebuilt here from its seed and tape, registered as
   * ours, and resumed after a countdown (a waiting room keeps waiting).
   */
  async adopt({ room: handover, ai }: Adoption): Promise<void> {
    if (this.drainingNow) throw new UnavailableError('This node is draining');
    const room = MatchRoom.restore(
      handover,
      this.engineConfig,
      this.clock.now(),
      this.timing.countdownMs,
    );
    this.rooms.set(room.id, room);
    if (ai) {
      const player = new AiPlayer('right', ai, this.engineConfig, room.seed ^ 0x5eed);
      this.ai.set(room.id, { player, difficulty: ai });
    }
    await this.register(room);
    await this.recorder.moveHost(room.id, this.bus.nodeId);
    for (const userId of this.busyUsers(room)) void this.presence.setInGame(userId, true);
    const gone = room.absentSide();
    if (room.status === 'countdown' && gone) {
      // A player who was away (or whose node went with the old owner) gets the usual grace.
      room.pause(gone, this.clock.now() + this.timing.reconnectGraceMs);
      this.announcer.paused(room);
    } else if (room.status === 'countdown') {
      this.announcer.resumed(room);
    }
    this.logger.log(`Match ${room.id} taken over at tick ${room.state.tick}`);
  }

  /**
   * Graceful shutdown, before the database closes: no new match; each live one is handed to
   * another game node, or, with none to take it, stored as interrupted (with its replay so far)
   * and its players told.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.drainingNow = true;
    await this.directory.setDraining(this.bus.nodeId, true).catch(() => undefined);
    const live = [...this.rooms.values()].filter((room) => room.status !== 'finished');
    const targets = live.length > 0 ? await this.handoverTargets() : [];
    let handed = 0;
    await Promise.all(
      live.map(async (room, index) => {
        const target = targets.length > 0 ? targets[index % targets.length] : null;
        if (target && (await this.handOver(room, target))) handed += 1;
        else await this.interrupt(room);
      }),
    );
    this.loop.stop();
    if (live.length > 0) {
      this.logger.log(`${handed} live match(es) handed over, ${live.length - handed} interrupted`);
    }
  }

  /** The game nodes that may take a match from this one, least loaded first. */
  private async handoverTargets(): Promise<string[]> {
    try {
      const [nodes, draining] = await Promise.all([this.nodes.live(), this.directory.draining()]);
      const ids = nodes
        .filter((node) => node.role !== 'api' && node.nodeId !== this.bus.nodeId)
        .map((node) => node.nodeId)
        .filter((id) => !draining.has(id));
      const loads = await this.directory.loads(ids);
      return ids
        .map((id, index) => ({ id, load: loads[index] }))
        .sort((a, b) => a.load - b.load)
        .map((node) => node.id);
    } catch (error) {
      this.logger.warn(`No node to hand matches to: ${String(error)}`);
      return [];
    }
  }

  private async handOver(room: MatchRoom, target: string): Promise<boolean> {
    const before = room.status;
    room.pauseForHandover(this.clock.now() + HANDOVER_GRACE_MS);
    this.announcer.paused(room);
    // Players whose every /game socket is on this node lose them with it: the new owner gives
    // them the reconnect grace at once.
    for (const side of ['left', 'right'] as const) {
      const userId = room.players[side].userId;
      if (userId === null || !room.players[side].connected) continue;
      const here = await this.notifier.localSockets(userId);
      const everywhere = await this.presence.socketsOn(userId).catch(() => here);
      if (everywhere - here <= 0) room.players[side].connected = false;
    }
    const adoption: Adoption = {
      room: room.handover(before),
      ai: this.ai.get(room.id)?.difficulty ?? null,
    };
    try {
      await this.bus.request(target, HOST_TOPICS.adopt, adoption, HANDOVER_GRACE_MS / 2);
    } catch (error) {
      this.logger.warn(`Match ${room.id} not taken by ${target}: ${String(error)}`);
      return false;
    }
    // Ours no more: the new owner steps it, and keeps its players in game.
    this.rooms.delete(room.id);
    this.ai.delete(room.id);
    for (const userId of this.busyUsers(room)) void this.presence.setInGame(userId, false);
    return true;
  }

  /** Ends a room without a result: stored as interrupted with its replay so far, players told. */
  private async interrupt(room: MatchRoom): Promise<void> {
    if (this.rooms.get(room.id) !== room) return;
    room.finish();
    this.rooms.delete(room.id);
    this.ai.delete(room.id);
    const players = this.busyUsers(room);
    await this.recorder
      .interrupt(room.id, { tape: room.tape(), score: { ...room.state.score } })
      .catch((error: unknown) =>
        this.logger.error(`Match ${room.id} not stored as interrupted: ${String(error)}`),
      );
    await this.forget(room, players);
    this.announcer.interrupted(room.id);
  }

  /** The room is this node's, for every node to see (again, after Redis forgot). */
  private async register(room: MatchRoom): Promise<void> {
    await this.directory.host({
      matchId: room.id,
      ownerNode: this.bus.nodeId,
      players: this.playerIds(room),
      tournamentId: room.tournament?.id ?? null,
    });
  }

  private async registerAll(): Promise<void> {
    for (const room of this.rooms.values()) {
      await this.register(room);
      const busy = this.busyUsers(room);
      if (busy.length > 0) await this.directory.claim(busy, room.id);
    }
  }

  /** The accounts the room's end frees and takes out of game. */
  private busyUsers(room: MatchRoom): string[] {
    if (room.owner !== null) {
      return room.tournament && !room.showed.left && !room.showed.right ? [] : [room.owner];
    }
    return (['left', 'right'] as const)
      .filter((side) => !room.tournament || room.showed[side] || room.status !== 'waiting')
      .map((side) => room.players[side].userId)
      .filter((id): id is string => id !== null);
  }

  private playerIds(room: MatchRoom): string[] {
    const ids = [room.owner, room.players.left.userId, room.players.right.userId];
    return [...new Set(ids.filter((id): id is string => id !== null))];
  }

  private liveRoom(matchId: string): MatchRoom {
    const room = this.rooms.get(matchId);
    if (!room || room.status === 'finished') throw new NotFoundError('Live match not found');
    return room;
  }

  /** The user plays this match: its sockets follow the match, its friends see it in game. */
  private enter(userId: string, matchId: string): void {
    this.notifier.joinMatch(userId, matchId);
    void this.presence.setInGame(userId, true);
  }

  /** Every player of a waiting match is here: it is stored as started and counts down. */
  private begin(room: MatchRoom): void {
    this.recorder.start(room.id).catch((error: unknown) => {
      this.logger.error(`Start of match ${room.id} could not be stored: ${String(error)}`);
    });
    this.announcer
      .found(room, this.engineConfig)
      .catch((error: unknown) => {
        this.logger.warn(`match:found for ${room.id} not sent: ${String(error)}`);
      })
      .finally(() => {
        this.announcer.countdown(room);
        // Someone who joined and then lost every socket gets the usual reconnect grace.
        const gone = room.absentSide();
        if (gone && room.status === 'countdown') {
          room.pause(gone, this.clock.now() + this.timing.reconnectGraceMs);
          this.announcer.paused(room);
        }
      });
  }

  private stepAll(now: number): void {
    for (const listener of this.tickListeners) listener(now);
    for (const room of this.rooms.values()) {
      const ai = this.ai.get(room.id);
      if (ai && room.status === 'playing') {
        room.queueInput(ai.player.side, ai.player.decide(room.state), null);
      }
      const result = room.tick(now);
      if (result.ending) {
        this.end(room, result.ending.winner, result.ending.reason, result.ending.played);
        continue;
      }
      if (room.status === 'paused' && room.pausedSide === null && room.resumeDeadline !== null) {
        // A handover that never completed: nobody to blame, nobody wins.
        if (now >= room.resumeDeadline) void this.interrupt(room);
        continue;
      }
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

  /** The match left this node: out of the directory, its players free and out of game. */
  private async forget(room: MatchRoom, players: string[]): Promise<void> {
    try {
      await this.directory.remove(room.id);
      await this.directory.release(players, room.id);
    } catch (error) {
      this.logger.warn(`Match ${room.id} not removed from the directory: ${String(error)}`);
    }
    for (const userId of players) void this.presence.setInGame(userId, false);
  }

  /** Ends a room at once; the result is stored in the background and announced when stored. */
  private end(room: MatchRoom, winnerSide: Side, reason: EndReason, played = true): void {
    if (this.rooms.get(room.id) !== room) return;
    const players = this.busyUsers(room);
    room.finish();
    this.rooms.delete(room.id);
    this.ai.delete(room.id);
    const score = { left: room.state.score.left, right: room.state.score.right };
    const announce = (ratingChange: RatingChange) =>
      this.notifier.toMatch(room.id, 'match:end', {
        matchId: room.id,
        winnerSide,
        score,
        reason,
        ratingChange,
      });
    const stored = this.recorder.finish(
      room.id,
      { score, winnerSide, endReason: reason, played },
      room.tape(),
    );
    // The players are free before they hear the end, so they can queue again at once.
    Promise.all([stored, this.forget(room, players)])
      .then(
        ([ratingChange]) => {
          announce(ratingChange);
          const finished: FinishedMatch = {
            matchId: room.id,
            tournamentId: room.tournament?.id ?? null,
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
