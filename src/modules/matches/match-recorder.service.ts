/**
 * Writes match records: a match and its players when it is found, and its result in one
 * transaction when it ends (scores, winner, reason, Elo for rated modes, both players' career
 * statistics, the replay). On shutdown, live matches become `interrupted` with their replays so
 * far; on start-up, matches a crash left running become `interrupted` without one (their tapes
 * died with the server): this node's own, and those of nodes no longer alive, never a live
 * node's.
 */
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Brackets, EntityManager, In, Repository } from 'typeorm';
import { ClusterNodes } from '../../cluster/cluster-nodes';
import { Clock } from '../../common/clock/clock';
import {
  ACCOUNT_ERASING,
  AccountErasing,
  ERASURE_BATCH,
} from '../../common/events/account-erasure.events';
import { Transactor } from '../../database/transactor';
import { User } from '../users/entities/user.entity';
import { MatchPlayer } from './entities/match-player.entity';
import { EndReason, Match, MatchMode, MatchStatus, Side } from './entities/match.entity';
import { historyChunks } from './history-keyset';
import { eloChange } from './rating';
import { MatchTape, ReplaysService } from './replays.service';

export interface NewMatchPlayer {
  side: Side;
  userId: string | null;
  alias: string;
}

export interface NewMatch {
  id?: string;
  /** The node that runs it. */
  hostNode?: string | null;
  mode: MatchMode;
  seed: number;
  players: [NewMatchPlayer, NewMatchPlayer];
  tournamentId?: string | null;
  /** A tournament match waits for its players; it is `in_progress` once they are all there. */
  waiting?: boolean;
}

export interface MatchResult {
  score: { left: number; right: number };
  winnerSide: Side;
  endReason: EndReason;
  /** false: nobody played (neither player came); no ratings or statistics change. */
  played?: boolean;
}

export type RatingChange = { left: number; right: number } | null;

/** Where a live match stood when it was interrupted. */
export interface InterruptedAt {
  tape: MatchTape;
  score: { left: number; right: number };
}

const RATED: readonly MatchMode[] = ['ranked', 'tournament'];
/** Statuses of a match that has not ended. */
const OPEN: MatchStatus[] = ['waiting', 'in_progress'];

@Injectable()
export class MatchRecorder implements OnApplicationBootstrap {
  private readonly logger = new Logger(MatchRecorder.name);

  constructor(
    @InjectRepository(Match) private readonly matches: Repository<Match>,
    private readonly transactor: Transactor,
    private readonly clock: Clock,
    private readonly replays: ReplaysService,
    private readonly nodes: ClusterNodes,
  ) {}

  /** A match that was running when its node stopped is interrupted, never lost. */
  async onApplicationBootstrap(): Promise<void> {
    const count = await this.interruptLeftovers();
    if (count > 0)
      this.logger.warn(`${count} match(es) left in progress by a stopped run marked interrupted`);
  }

  async create(match: NewMatch): Promise<string> {
    const id = match.id ?? randomUUID();
    const now = this.clock.date();
    await this.transactor.run(async (manager) => {
      await manager.getRepository(Match).insert({
        id,
        mode: match.mode,
        status: match.waiting ? 'waiting' : 'in_progress',
        winnerSide: null,
        endReason: null,
        tournamentId: match.tournamentId ?? null,
        seed: match.seed,
        startedAt: match.waiting ? null : now,
        endedAt: null,
        createdAt: now,
        hostNode: match.hostNode ?? null,
      });
      await manager.getRepository(MatchPlayer).insert(
        match.players.map((player) => ({
          id: randomUUID(),
          matchId: id,
          side: player.side,
          userId: player.userId,
          alias: player.alias.slice(0, 32),
          matchCreatedAt: now,
          score: 0,
          ratingBefore: null,
          ratingAfter: null,
        })),
      );
    });
    return id;
  }

  /** A waiting match's players are all there: it is in progress from now. */
  async start(matchId: string): Promise<void> {
    await this.transactor.run((manager) =>
      manager
        .getRepository(Match)
        .update(
          { id: matchId, status: 'waiting' },
          { status: 'in_progress', startedAt: this.clock.date() },
        ),
    );
  }

  /**
   * Stores the result, and the replay when the tape is given; returns the signed rating deltas
   * of a rated match.
   */
  finish(matchId: string, result: MatchResult, tape?: MatchTape): Promise<RatingChange> {
    return this.transactor.run(async (manager) => {
      const match = await manager
        .getRepository(Match)
        .findOne({ where: { id: matchId }, relations: { players: true } });
      if (!match || !OPEN.includes(match.status)) return null;
      const now = this.clock.date();
      await manager.getRepository(Match).update(
        { id: matchId },
        {
          status: 'finished',
          winnerSide: result.winnerSide,
          endReason: result.endReason,
          endedAt: now,
        },
      );
      const players = match.players ?? [];
      for (const player of players) {
        await manager
          .getRepository(MatchPlayer)
          .update({ id: player.id }, { score: result.score[player.side] });
      }
      if (tape) {
        await this.replays.store(manager, match, tape, {
          score: result.score,
          winnerSide: result.winnerSide,
          endReason: result.endReason,
        });
      }
      const userIds = players
        .map((player) => player.userId)
        .filter((id): id is string => id !== null);
      if (userIds.length !== 2 || result.played === false) return null;
      return this.applyToPlayers(manager, match, players, result);
    });
  }

  /**
   * Marks one running or waiting match interrupted: a live room stopped gracefully (`at` says
   * where it stood: its score is kept and its replay stored, in one transaction), or a match a
   * crash left behind (nothing known beyond its status).
   */
  async interrupt(matchId: string, at?: InterruptedAt): Promise<void> {
    const endedAt = this.clock.date();
    if (!at) {
      await this.matches.update(
        { id: matchId, status: In(OPEN) },
        { status: 'interrupted', endedAt },
      );
      return;
    }
    await this.transactor.run(async (manager) => {
      const changed = await manager
        .getRepository(Match)
        .update({ id: matchId, status: In(OPEN) }, { status: 'interrupted', endedAt });
      if (!changed.affected) return;
      const match = await manager
        .getRepository(Match)
        .findOneOrFail({ where: { id: matchId }, select: { id: true, seed: true } });
      for (const side of ['left', 'right'] as const) {
        await manager
          .getRepository(MatchPlayer)
          .update({ matchId, side }, { score: at.score[side] });
      }
      await this.replays.store(manager, match, at.tape, {
        score: at.score,
        winnerSide: null,
        endReason: null,
      });
    });
  }

  /**
   * Erasure: the player's old name leaves every match it played (the alias copied into each
   * record), in batches along the history index that yield to the loop between them.
   */
  @OnEvent(ACCOUNT_ERASING, { suppressErrors: false })
  async forgetPlayer({ userId, anonymousName, manager }: AccountErasing): Promise<void> {
    const players = manager.getRepository(MatchPlayer);
    for await (const rows of historyChunks(players, userId, ERASURE_BATCH)) {
      await players.update({ id: In(rows.map((row) => row.id)) }, { alias: anonymousName });
      await yieldToLoop();
    }
  }

  /** A live match moved to another node (a draining node handed it over). */
  async moveHost(matchId: string, hostNode: string): Promise<void> {
    await this.matches.update({ id: matchId, status: In(OPEN) }, { hostNode });
  }

  /**
   * Start-up: every match left open by a run that is gone is interrupted, without a replay:
   * this node's own (the same NODE_ID), those of no node (older rows) and those of nodes not
   * alive; a live node's matches are left alone. Alone, this node is the whole cluster.
   */
  async interruptLeftovers(): Promise<number> {
    const self = this.nodes.self.nodeId;
    const others = (await this.nodes.live())
      .map((node) => node.nodeId)
      .filter((id) => id !== self);
    const query = this.matches
      .createQueryBuilder()
      .update(Match)
      .set({ status: 'interrupted', endedAt: this.clock.date() })
      .where({ status: In(OPEN) });
    if (others.length > 0) {
      query.andWhere(
        new Brackets((orphaned) =>
          orphaned
            .where('"hostNode" IS NULL')
            .orWhere('"hostNode" NOT IN (:...others)', { others }),
        ),
      );
    }
    const result = await query.execute();
    return result.affected ?? 0;
  }

  async tournamentOf(matchId: string): Promise<string | null> {
    const match = await this.matches.findOne({
      where: { id: matchId },
      select: { id: true, tournamentId: true },
    });
    return match?.tournamentId ?? null;
  }

  /** Matches a lost node was running, stored as interrupted (its tapes are gone with it). */
  async interruptHostedBy(nodeId: string): Promise<string[]> {
    const open = await this.matches.find({
      where: { status: In(OPEN), hostNode: nodeId },
      select: { id: true },
    });
    for (const { id } of open) await this.interrupt(id);
    return open.map((match) => match.id);
  }

  private async applyToPlayers(
    manager: EntityManager,
    match: Match,
    players: MatchPlayer[],
    result: MatchResult,
  ): Promise<RatingChange> {
    const users = manager.getRepository(User);
    const bySide = new Map<Side, User>();
    for (const player of players) {
      const user = await users.findOneByOrFail({ id: player.userId as string });
      bySide.set(player.side, user);
    }
    const winner = bySide.get(result.winnerSide) as User;
    const loserSide: Side = result.winnerSide === 'left' ? 'right' : 'left';
    const loser = bySide.get(loserSide) as User;
    const rated = RATED.includes(match.mode);
    const elo = rated ? eloChange(winner.rating, loser.rating) : null;

    for (const [side, user] of bySide) {
      const won = side === result.winnerSide;
      const before = user.rating;
      const after = elo ? (won ? elo.winnerAfter : elo.loserAfter) : before;
      const streak = won
        ? Math.max(user.currentStreak, 0) + 1
        : Math.min(user.currentStreak, 0) - 1;
      await users.update(
        { id: user.id },
        {
          rating: after,
          peakRating: Math.max(user.peakRating, after),
          played: user.played + 1,
          wins: user.wins + (won ? 1 : 0),
          losses: user.losses + (won ? 0 : 1),
          currentStreak: streak,
          bestStreak: Math.max(user.bestStreak, streak),
          pointsScored: user.pointsScored + result.score[side],
          pointsConceded: user.pointsConceded + result.score[side === 'left' ? 'right' : 'left'],
        },
      );
      if (rated) {
        await manager
          .getRepository(MatchPlayer)
          .update({ matchId: match.id, side }, { ratingBefore: before, ratingAfter: after });
      }
    }
    if (!elo) return null;
    return result.winnerSide === 'left'
      ? { left: elo.delta, right: -elo.delta }
      : { left: -elo.delta, right: elo.delta };
  }
}
