/**
 * Referees running tournaments: seeds and builds the bracket, offers every match whose two
 * players are known, advances winners as results are stored, and closes the tournament with its
 * ledger entry. Everything it decides is in the database first, so a restarted server carries on:
 * results stored while it was stopping are applied, interrupted matches are offered again.
 * Work on one tournament runs one task at a time (see KeyedQueue).
 */
import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { ClusterLock } from '../../cluster/cluster-lock';
import { ClusterNodes } from '../../cluster/cluster-nodes';
import { Clock } from '../../common/clock/clock';
import { KeyedQueue } from '../../common/concurrency/keyed-queue';
import { NotFoundError } from '../../common/errors';
import {
  TOURNAMENT_FINISHED,
  TOURNAMENT_MATCH_READY,
  TournamentFinished,
  TournamentMatchReady,
} from '../../common/events/tournament.events';
import { UserNotifier } from '../../realtime/user-notifier';
import type { ArenaConfig } from '../../config';
import { Transactor } from '../../database/transactor';
import { FinishedMatch, GameService } from '../game/game.service';
import { LedgerService } from '../ledger/ledger.service';
import { Match } from '../matches/entities/match.entity';
import { MatchRecorder } from '../matches/match-recorder.service';
import { ReplaysService } from '../matches/replays.service';
import {
  assignMatch,
  Bracket,
  BracketSide,
  BracketSlot,
  createBracket,
  Entrant,
  noShowWinner,
  readySlots,
  recordResult,
} from './bracket';
import { TournamentParticipant } from './entities/tournament-participant.entity';
import { Tournament } from './entities/tournament.entity';
import { tournamentRecord } from './tournament-record';

type Score = { left: number; right: number };

/** The cluster lock held while deciding (and doing) the start-up resume. */
export const RESUME_LOCK = 'tournaments:resume';

@Injectable()
export class TournamentReferee implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(TournamentReferee.name);
  private readonly queue = new KeyedQueue();
  private readonly noShowMs: number;

  constructor(
    private readonly lock: ClusterLock,
    private readonly nodes: ClusterNodes,
    @InjectRepository(Tournament) private readonly tournaments: Repository<Tournament>,
    @InjectRepository(Match) private readonly matches: Repository<Match>,
    private readonly transactor: Transactor,
    private readonly game: GameService,
    private readonly recorder: MatchRecorder,
    private readonly ledger: LedgerService,
    private readonly notifier: UserNotifier,
    private readonly clock: Clock,
    config: ConfigService<ArenaConfig, true>,
    private readonly replays: ReplaysService,
    private readonly events: EventEmitter2,
  ) {
    this.noShowMs = config.get('game', { infer: true }).tournamentNoShowMs;
  }

  onModuleInit(): void {
    this.game.onMatchFinished((match) => {
      const { tournamentId } = match;
      if (!tournamentId) return;
      this.serial(tournamentId, () => this.applyResult(tournamentId, match)).catch(
        (error: unknown) =>
          this.logger.error(
            `Tournament ${tournamentId} did not take match ${match.matchId}: ${String(error)}`,
          ),
      );
    });
    // A lost node's tournament match is offered again.
    this.game.onMatchInterrupted(async ({ tournamentId }) => {
      if (tournamentId) await this.serial(tournamentId, () => this.resume(tournamentId));
    });
  }

  /**
   * Tournaments that were running when the server stopped carry on. On several nodes this is
   * the cluster's start, not any node's: only the eldest live node resumes them (a node joining
   * a running cluster would otherwise take over matches live elsewhere), and under the cluster
   * lock, so nodes starting together decide one after the other.
   */
  async onApplicationBootstrap(): Promise<void> {
    const outcome = await this.lock.runExclusive(
      RESUME_LOCK,
      async () => ((await this.nodes.isEldest()) ? this.resumeAll() : 0),
      { ttlMs: 30_000, waitMs: 60_000 },
    );
    if (!outcome.ran) this.logger.warn('Tournaments not resumed: the lock stayed taken');
  }

  private async resumeAll(): Promise<number> {
    const running = await this.tournaments.find({
      where: { status: 'in_progress' },
      select: { id: true },
    });
    for (const { id } of running) {
      await this.serial(id, () => this.resume(id)).catch((error: unknown) =>
        this.logger.error(`Tournament ${id} could not resume: ${String(error)}`),
      );
    }
    if (running.length > 0) this.logger.log(`${running.length} tournament(s) resumed`);
    return running.length;
  }

  /**
   * Runs a task on one tournament after every earlier task on it: in order on this node, and
   * under the tournament's cluster lock, so two nodes (a result stored on each) never write its
   * bracket at once.
   */
  serial<T>(tournamentId: string, task: () => Promise<T>): Promise<T> {
    return this.queue.run(tournamentId, async () => {
      const outcome = await this.lock.runExclusive(`tournament:${tournamentId}`, task, {
        ttlMs: 15_000,
        waitMs: 30_000,
      });
      if (!outcome.ran) throw new Error(`Tournament ${tournamentId} stayed locked`);
      return outcome.value;
    });
  }

  /** A tournament with its creator and participants (and their accounts). */
  async load(id: string): Promise<Tournament> {
    const tournament = await this.tournaments.findOne({
      where: { id },
      relations: { creator: true, participants: { user: true } },
    });
    if (!tournament) throw new NotFoundError('Tournament not found');
    return tournament;
  }

  /**
   * Starts a tournament (inside `serial`): seeds its participants (by rating online, in the given
   * order locally), builds the bracket and offers the first matches.
   */
  async begin(tournament: Tournament): Promise<void> {
    const participants = this.participantsOf(tournament);
    const ordered =
      tournament.kind === 'local'
        ? [...participants].sort((a, b) => (a.seed ?? 0) - (b.seed ?? 0))
        : [...participants].sort(
            (a, b) =>
              (b.user?.rating ?? 0) - (a.user?.rating ?? 0) ||
              a.joinedAt.getTime() - b.joinedAt.getTime() ||
              a.id.localeCompare(b.id),
          );
    ordered.forEach((participant, index) => (participant.seed = index + 1));
    const bracket = createBracket(
      ordered.map((participant) => ({ id: participant.id, seed: participant.seed as number })),
    );
    tournament.status = 'in_progress';
    tournament.startedAt = this.clock.date();
    tournament.bracket = bracket;
    await this.transactor.run(async (manager) => {
      for (const participant of ordered) {
        await manager
          .getRepository(TournamentParticipant)
          .update({ id: participant.id }, { seed: participant.seed });
      }
      await manager
        .getRepository(Tournament)
        .update(
          { id: tournament.id },
          { status: 'in_progress', startedAt: tournament.startedAt, bracket },
        );
    });
    await this.offerReady(tournament);
  }

  /** `tournament:update` to everyone in the tournament and its creator. */
  announce(tournament: Tournament): void {
    const userIds = new Set<string>([tournament.creatorId]);
    for (const participant of this.participantsOf(tournament)) {
      if (participant.userId) userIds.add(participant.userId);
    }
    this.notifier.toUsers([...userIds], 'tournament:update', {
      tournamentId: tournament.id,
      status: tournament.status,
    });
  }

  private async applyResult(tournamentId: string, match: FinishedMatch): Promise<void> {
    const tournament = await this.load(tournamentId);
    if (tournament.status !== 'in_progress' || !tournament.bracket) return;
    const slot = tournament.bracket.rounds
      .flat()
      .find((candidate) => candidate.matchId === match.matchId && candidate.winnerSide === null);
    if (!slot) return;
    const champion = this.record(tournament, slot, match.winnerSide, match.score);
    if (champion) return this.finish(tournament, champion);
    await this.tournaments.update({ id: tournament.id }, { bracket: tournament.bracket });
    await this.offerReady(tournament);
  }

  /** Records a result in the tournament's bracket (in memory); returns the champion, if any. */
  private record(
    tournament: Tournament,
    slot: BracketSlot,
    winnerSide: BracketSide,
    score: Score,
  ): Entrant | null {
    const result = recordResult(
      tournament.bracket as Bracket,
      slot.round,
      slot.position,
      winnerSide,
      score,
    );
    tournament.bracket = result.bracket;
    return result.champion;
  }

  /**
   * After a restart: results stored before the stop are applied, and matches that were offered
   * or running (now interrupted) are offered again.
   */
  private async resume(id: string): Promise<void> {
    const tournament = await this.load(id);
    if (tournament.status !== 'in_progress' || !tournament.bracket) return;
    for (const slot of readySlots(tournament.bracket)) {
      if (!slot.matchId || (await this.game.isLive(slot.matchId))) continue;
      const match = await this.matches.findOne({
        where: { id: slot.matchId },
        relations: { players: true },
      });
      if (match?.status === 'finished' && match.winnerSide) {
        const score = { left: 0, right: 0 };
        for (const player of match.players ?? []) score[player.side] = player.score;
        const champion = this.record(tournament, slot, match.winnerSide, score);
        if (champion) return this.finish(tournament, champion);
      } else {
        await this.recorder.interrupt(slot.matchId);
        tournament.bracket = assignMatch(tournament.bracket, slot.round, slot.position, null);
      }
    }
    await this.tournaments.update({ id }, { bracket: tournament.bracket });
    await this.offerReady(tournament);
  }

  /**
   * Offers a match for every ready slot that has none. A local tournament is played on one
   * client, so it offers one match at a time.
   */
  private async offerReady(tournament: Tournament): Promise<void> {
    const ready = readySlots(tournament.bracket as Bracket);
    let open = ready.filter((slot) => slot.matchId === null);
    if (tournament.kind === 'local')
      open = ready.some((slot) => slot.matchId) ? [] : open.slice(0, 1);
    const byId = new Map(this.participantsOf(tournament).map((p) => [p.id, p]));
    const opened = new Set<string>();
    // Who is told: the two players of each match, or the creator who plays them all locally.
    const told = new Set<string>(tournament.kind === 'local' ? [tournament.creatorId] : []);
    for (const slot of open) {
      const left = byId.get((slot.left as Entrant).id) as TournamentParticipant;
      const right = byId.get((slot.right as Entrant).id) as TournamentParticipant;
      const matchId = await this.game.openTournamentMatch({
        tournamentId: tournament.id,
        round: slot.round,
        players: {
          left: { userId: left.userId, alias: left.alias },
          right: { userId: right.userId, alias: right.alias },
        },
        owner: tournament.kind === 'local' ? tournament.creatorId : null,
        deadline: this.clock.now() + this.noShowMs,
        noShowWinner: noShowWinner(slot, { left: false, right: false }),
      });
      tournament.bracket = assignMatch(
        tournament.bracket as Bracket,
        slot.round,
        slot.position,
        matchId,
      );
      opened.add(matchId);
      for (const { userId } of [left, right]) if (userId) told.add(userId);
    }
    if (opened.size === 0) return this.announce(tournament);
    await this.tournaments.update({ id: tournament.id }, { bracket: tournament.bracket });
    // The same offers a player gets on reconnecting, limited to the matches just opened.
    for (const userId of told) {
      for (const offer of await this.game.offersFor(userId)) {
        if (opened.has(offer.matchId)) {
          this.notifier.toUsers([userId], 'tournament:match-ready', offer);
          this.events.emit(
            TOURNAMENT_MATCH_READY,
            new TournamentMatchReady(
              userId,
              offer.tournamentId,
              offer.matchId,
              offer.round,
              offer.deadline,
            ),
          );
        }
      }
    }
    this.announce(tournament);
  }

  /** The final is decided: the tournament and its ledger entry are stored in one transaction. */
  private async finish(tournament: Tournament, champion: Entrant): Promise<void> {
    tournament.status = 'finished';
    tournament.endedAt = this.clock.date();
    tournament.winnerParticipantId = champion.id;
    const entry = await this.transactor.run(async (manager) => {
      await manager.getRepository(Tournament).update(
        { id: tournament.id },
        {
          status: 'finished',
          endedAt: tournament.endedAt,
          winnerParticipantId: champion.id,
          bracket: tournament.bracket,
        },
      );
      const played = (tournament.bracket as Bracket).rounds
        .flat()
        .filter((slot) => !slot.bye && slot.matchId);
      const matches = await manager.getRepository(Match).find({
        where: { id: In(played.map((slot) => slot.matchId as string)) },
        select: { id: true, endReason: true },
      });
      const reasons = new Map(matches.map((match) => [match.id, match.endReason]));
      const replayHashes = await this.replays.hashes(
        manager,
        matches.map((match) => match.id),
      );
      return this.ledger.append(
        manager,
        tournament.id,
        tournamentRecord(tournament, this.participantsOf(tournament), reasons, replayHashes),
      );
    });
    this.ledger.anchorInBackground(entry);
    this.announce(tournament);
    this.events.emit(TOURNAMENT_FINISHED, this.finished(tournament, champion));
    this.logger.log(`Tournament ${tournament.id} finished; ledger entry ${entry.index}`);
  }

  /** Who hears that the tournament is over (its creator and players), and its champion. */
  private finished(tournament: Tournament, champion: Entrant): TournamentFinished {
    const userIds = new Set<string>([tournament.creatorId]);
    const participants = this.participantsOf(tournament);
    for (const { userId } of participants) if (userId) userIds.add(userId);
    const winner = participants.find((participant) => participant.id === champion.id);
    return new TournamentFinished(
      tournament.id,
      tournament.name,
      [...userIds],
      winner?.alias ?? null,
    );
  }

  private participantsOf(tournament: Tournament): TournamentParticipant[] {
    return tournament.participants ?? [];
  }
}
