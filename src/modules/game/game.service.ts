/**
 * The game as the gateway and other modules see it, whichever node they are on: it starts
 * matches (through the launcher), runs the queues and challenges (through their services), and
 * routes everything about a live match to the node that owns it (this one, without a round trip,
 * or another through the node bus). The pieces: MatchHost runs this node's rooms, MatchAnnouncer
 * tells players, Matchmaking and ChallengesService keep the cluster's queues and challenges,
 * MatchLauncher places new matches, LostMatches cleans up after a lost node.
 */
import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ClusterNodes } from '../../cluster/cluster-nodes';
import { NodeBus } from '../../cluster/node-bus';
import { Clock } from '../../common/clock/clock';
import { NotFoundError } from '../../common/errors';
import { ACCOUNT_ERASED, AccountErased } from '../../common/events/account-erasure.events';
import { MetricsService } from '../../common/metrics/metrics.service';
import type { LiveMatch, TournamentMatchReadyPayload } from '../../common/realtime/realtime.events';
import type { Side } from '@arena/engine';
import { PresenceService } from '../social/presence.service';
import { UsersService } from '../users/users.service';
import type { AiDifficulty } from './ai/ai-player';
import { ChallengesService } from './challenges/challenges.service';
import type { GameInputDto } from './dto/game-events.dto';
import type { GameLoop } from './game-loop';
import { FinishedMatch, HOST_TOPICS, MatchHost } from './host/match-host';
import { InterruptedMatch, LostMatches } from './live/lost-matches';
import { MatchDirectory } from './live/match-directory';
import { MatchLauncher } from './live/match-launcher';
import { OwnerCache } from './live/owner-cache';
import { Matchmaking } from './matchmaking/matchmaking.service';
import type { QueueMode } from './matchmaking/queue-store';

export type { FinishedMatch } from './host/match-host';
export type { InterruptedMatch } from './live/lost-matches';

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

/** How long a node waits for another node's list of offers. */
const OFFERS_TIMEOUT_MS = 1000;
/** Owners of matches played from this node's sockets, remembered this long, this many. */
const OWNER_CACHE_MS = 1000;
const OWNER_CACHE_SIZE = 10_000;

@Injectable()
export class GameService {
  private readonly logger = new Logger(GameService.name);
  private readonly owners = new OwnerCache(OWNER_CACHE_MS, OWNER_CACHE_SIZE);

  constructor(
    private readonly host: MatchHost,
    private readonly launcher: MatchLauncher,
    private readonly matchmaking: Matchmaking,
    private readonly challenges: ChallengesService,
    private readonly directory: MatchDirectory,
    private readonly lost: LostMatches,
    private readonly bus: NodeBus,
    private readonly nodes: ClusterNodes,
    private readonly users: UsersService,
    private readonly presence: PresenceService,
    private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    metrics.bindGame(() => ({
      liveMatches: this.host.liveCount,
      queues: { ...this.matchmaking.lengths },
    }));
  }

  /** This node's tick loop (tests drive it on a manual clock). */
  get loop(): GameLoop {
    return this.host.loop;
  }

  /** Called with every result once it is stored (on the node that ran the match). */
  onMatchFinished(listener: (match: FinishedMatch) => void): void {
    this.host.onMatchFinished(listener);
  }

  /** Called for each match of a lost node, once stored as interrupted (on one survivor). */
  onMatchInterrupted(listener: (match: InterruptedMatch) => void | Promise<void>): void {
    this.lost.onInterrupted(listener);
  }

  /** The live match the user plays, on any node. */
  liveMatchOf(userId: string): Promise<string | null> {
    return this.directory.matchOf(userId);
  }

  /** Whether a match is live (waiting, counting down, playing or paused) on any node. */
  async isLive(matchId: string): Promise<boolean> {
    return this.host.has(matchId) || (await this.directory.find(matchId)) !== null;
  }

  /**
   * Offers a tournament match: its room, on a game node, waits for the players' `match:join`
   * until the deadline; once they are all there it counts down and plays like any other match.
   */
  openTournamentMatch(spec: TournamentMatchSpec): Promise<string> {
    const seat = (side: Side) => ({ side, ...spec.players[side], connected: false });
    return this.launcher.launch(
      {
        mode: 'tournament',
        players: { left: seat('left'), right: seat('right') },
        owner: spec.owner,
        tournament: {
          id: spec.tournamentId,
          round: spec.round,
          deadline: spec.deadline,
          noShowWinner: spec.noShowWinner,
        },
        ai: null,
      },
      [],
    );
  }

  /**
   * The tournament matches waiting for this user to join, on every game node, as
   * `tournament:match-ready` payloads: a player who connects after the offer went out (a new tab,
   * a restart) still learns of it.
   */
  async offersFor(userId: string): Promise<TournamentMatchReadyPayload[]> {
    const nodes = await this.gameNodes();
    const lists = await Promise.all(
      nodes.map((nodeId) =>
        this.bus
          .request<TournamentMatchReadyPayload[]>(
            nodeId,
            HOST_TOPICS.offers,
            { userId },
            OFFERS_TIMEOUT_MS,
          )
          .catch((error: unknown) => {
            this.logger.warn(`Offers of ${nodeId} not read: ${String(error)}`);
            return [];
          }),
      ),
    );
    return lists.flat();
  }

  joinQueue(userId: string, mode: QueueMode): Promise<void> {
    return this.matchmaking.join(userId, mode);
  }

  /** Leaves whichever queue the user is in; false if it was in none. */
  leaveQueue(userId: string): Promise<boolean> {
    return this.matchmaking.leave(userId);
  }

  /** Challenges a player to a private match; refused across a block either way. */
  async challenge(fromId: string, toId: string): Promise<string> {
    return (await this.challenges.send(fromId, toId)).id;
  }

  /** The challenged player accepts: a private match starts between the two. */
  async acceptChallenge(userId: string, challengeId: string): Promise<string> {
    const challenge = await this.challenges.accept(userId, challengeId);
    return this.matchmaking.startPaired('private', challenge.fromId, challenge.toId);
  }

  /** The challenged player declines, or the challenger withdraws. */
  declineChallenge(userId: string, challengeId: string): Promise<void> {
    return this.challenges.decline(userId, challengeId);
  }

  /** A match against the computer: the caller plays left, the AI right. */
  async startAi(userId: string, difficulty: AiDifficulty): Promise<string> {
    const user = await this.users.getActive(userId);
    return this.launcher.launch(
      {
        mode: 'ai',
        players: {
          left: { side: 'left', userId, alias: user.username, connected: true },
          right: { side: 'right', userId: null, alias: `AI (${difficulty})`, connected: true },
        },
        owner: null,
        tournament: null,
        ai: difficulty,
      },
      await this.free(userId),
    );
  }

  /** A match played on one client: the caller steers both paddles with `side` in its inputs. */
  async startLocal(userId: string, aliases?: [string, string]): Promise<string> {
    const user = await this.users.getActive(userId);
    return this.launcher.launch(
      {
        mode: 'local',
        players: {
          left: { side: 'left', userId, alias: aliases?.[0] ?? user.username, connected: true },
          right: { side: 'right', userId: null, alias: aliases?.[1] ?? 'Guest', connected: true },
        },
        owner: userId,
        tournament: null,
        ai: null,
      },
      await this.free(userId),
    );
  }

  /** Fire-and-forget: straight to the room when it runs here, else to its owner. */
  input(userId: string, input: GameInputDto): void {
    const { matchId } = input;
    if (this.host.has(matchId)) {
      this.host.input(userId, input);
      return;
    }
    const now = this.clock.now();
    const known = this.owners.get(matchId, now);
    if (known) {
      this.bus.send(known, HOST_TOPICS.input, { userId, input });
      return;
    }
    this.directory
      .find(matchId)
      .then((match) => {
        if (!match) return;
        this.owners.set(matchId, match.ownerNode, now);
        this.bus.send(match.ownerNode, HOST_TOPICS.input, { userId, input });
      })
      .catch(() => undefined);
  }

  /** Watch a live match: the socket joins its room (wherever it runs) and gets a snapshot. */
  async spectate(socketId: string, matchId: string): Promise<LiveMatch> {
    if (this.host.has(matchId)) return this.host.spectate(socketId, matchId);
    return this.bus.request(await this.ownerOf(matchId), HOST_TOPICS.spectate, {
      socketId,
      matchId,
    });
  }

  /**
   * A player (re)joins its match on this socket: after a disconnect (or on another node, after
   * its node went away) this resumes the match once every player is back.
   */
  async join(userId: string, socketId: string, matchId: string): Promise<LiveMatch> {
    // Coming to a tournament match takes the player out of its queue.
    await this.matchmaking.leave(userId);
    if (this.host.has(matchId)) return this.host.join(userId, socketId, matchId);
    return this.bus.request(await this.ownerOf(matchId), HOST_TOPICS.join, {
      userId,
      socketId,
      matchId,
    });
  }

  /** A player leaving forfeits; a spectator just stops watching. */
  async leave(userId: string, socketId: string, matchId: string): Promise<void> {
    if (this.host.has(matchId)) return this.host.leave(userId, socketId, matchId);
    const match = await this.directory.find(matchId);
    if (!match) throw new NotFoundError('Match not found');
    await this.bus.request(match.ownerNode, HOST_TOPICS.leave, { userId, socketId, matchId });
  }

  /**
   * The user's last `/game` socket on this node closed: unless it still has one on another node,
   * it leaves its queue and its live match pauses (see playerDisconnected).
   */
  async socketsGone(userId: string): Promise<void> {
    const elsewhere = await this.presence.socketsOn(userId).catch(() => 0);
    if (elsewhere > 0) return;
    await this.leaveQueue(userId);
    await this.playerDisconnected(userId);
  }

  /** Every socket of the user closed: its live match, wherever it runs, pauses for the grace. */
  async playerDisconnected(userId: string): Promise<void> {
    const matchId = await this.directory.matchOf(userId);
    if (!matchId) return;
    if (this.host.has(matchId)) return this.host.playerDisconnected(userId, matchId);
    const match = await this.directory.find(matchId);
    if (match) this.bus.send(match.ownerNode, HOST_TOPICS.disconnected, { userId, matchId });
  }

  /**
   * Erasure, once committed: the account leaves its queue, its pending challenges end (both sides
   * are told), and every match it is in, on every node, is lost by forfeit.
   */
  @OnEvent(ACCOUNT_ERASED)
  async accountErased({ userId }: AccountErased): Promise<void> {
    await this.matchmaking.leave(userId);
    await this.challenges.dropInvolving(userId);
    for (const nodeId of await this.gameNodes()) {
      this.bus.send(nodeId, HOST_TOPICS.forfeitAll, { userId });
    }
  }

  private async ownerOf(matchId: string): Promise<string> {
    const match = await this.directory.find(matchId);
    if (!match) throw new NotFoundError('Live match not found');
    return match.ownerNode;
  }

  /** The user, if free to start a match (in no live match; a queue is left for it). */
  private async free(userId: string): Promise<string[]> {
    await this.matchmaking.assertFree(userId);
    return [userId];
  }

  /** Every live node that runs matches (this one included when it does). */
  private async gameNodes(): Promise<string[]> {
    const self = this.nodes.self;
    try {
      const ids = (await this.nodes.live())
        .filter((node) => node.role !== 'api')
        .map((node) => node.nodeId);
      if (self.role !== 'api' && !ids.includes(self.nodeId)) ids.push(self.nodeId);
      return ids;
    } catch (error) {
      this.logger.warn(`Live nodes not read: ${String(error)}`);
      return self.role === 'api' ? [] : [self.nodeId];
    }
  }
}
