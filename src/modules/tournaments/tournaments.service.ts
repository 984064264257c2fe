/**
 * The tournament lifecycle over REST: create (online with seats, or local with aliases), list,
 * read, join, leave, start, cancel. Changes to one tournament run one at a time through the
 * referee's queue, so a last seat is never taken twice and a start never races a join.
 */
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { In, Repository } from 'typeorm';
import { Clock, isoOrNull } from '../../common/clock/clock';
import { ACCOUNT_ERASING, AccountErasing } from '../../common/events/account-erasure.events';
import { ConflictError, ForbiddenError, ValidationError } from '../../common/errors';
import { Page, pageOf } from '../../common/pagination/pagination';
import { pageWindow } from '../../common/pagination/page-window';
import { isUniqueViolation, Transactor } from '../../database/transactor';
import { UsersService } from '../users/users.service';
import type { BracketSlot, Entrant } from './bracket';
import {
  BracketMatchDto,
  BracketSideDto,
  CreateTournamentDto,
  JoinTournamentDto,
  ListTournamentsQueryDto,
  TournamentDto,
} from './dto/tournament.dto';
import { TournamentParticipant } from './entities/tournament-participant.entity';
import { Tournament } from './entities/tournament.entity';
import { TournamentReferee } from './tournament-referee.service';

/** A seat's commitment salt: 256 random bits, so a commitment can't be guessed from a name. */
function newCommitmentSalt(): string {
  return randomBytes(32).toString('hex');
}

@Injectable()
export class TournamentsService {
  constructor(
    @InjectRepository(Tournament) private readonly tournaments: Repository<Tournament>,
    private readonly referee: TournamentReferee,
    private readonly transactor: Transactor,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  /**
   * Online: the creator takes the first seat. Local: the aliases are seeded in the given order
   * and the tournament starts at once, its matches offered one by one to the creator.
   */
  async create(userId: string, dto: CreateTournamentDto): Promise<TournamentDto> {
    const kind = dto.kind ?? 'online';
    const creator = await this.users.getActive(userId);
    const aliases = kind === 'local' ? (dto.aliases as string[]) : [creator.username];
    if (kind === 'online' && dto.aliases !== undefined) {
      throw new ValidationError('aliases are for local tournaments only');
    }
    if (kind === 'local' && dto.size !== undefined && dto.size !== aliases.length) {
      throw new ValidationError('a local tournament has one seat per alias: leave size out');
    }
    const now = this.clock.date();
    const tournament = this.tournaments.create({
      id: randomUUID(),
      name: dto.name,
      kind,
      size: kind === 'local' ? aliases.length : dto.size,
      status: 'registering',
      creatorId: userId,
      bracket: null,
      winnerParticipantId: null,
      createdAt: now,
      startedAt: null,
      endedAt: null,
    });
    await this.transactor.run(async (manager) => {
      await manager.getRepository(Tournament).insert(tournament);
      await manager.getRepository(TournamentParticipant).insert(
        aliases.map((alias, index) => ({
          id: randomUUID(),
          tournamentId: tournament.id,
          userId: kind === 'local' ? null : userId,
          alias,
          aliasLower: alias.toLowerCase(),
          seed: kind === 'local' ? index + 1 : null,
          joinedAt: now,
          commitmentSalt: newCommitmentSalt(),
        })),
      );
    });
    if (kind === 'local') {
      await this.referee.serial(tournament.id, async () =>
        this.referee.begin(await this.referee.load(tournament.id)),
      );
    }
    return this.get(tournament.id);
  }

  async list(query: ListTournamentsQueryDto): Promise<Page<TournamentDto>> {
    const where = query.status ? { status: query.status } : {};
    const total = await this.tournaments.count({ where });
    const window = pageWindow(total, query.offset, query.limit);
    if (!window) return pageOf([], total, query);
    // A page of ids along IDX_tournaments_(status_)list, then those tournaments whole: never
    // an OFFSET over the rows of a join.
    const direction = window.reversed ? 'ASC' : 'DESC';
    const page = await this.tournaments.find({
      where,
      select: { id: true },
      order: { createdAt: direction, id: direction },
      skip: window.offset,
      take: window.limit,
    });
    if (window.reversed) page.reverse();
    const rows = await this.tournaments.find({
      where: { id: In(page.map((row) => row.id)) },
      relations: { creator: true, participants: { user: true } },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return pageOf(
      page.flatMap(({ id }) => {
        const tournament = byId.get(id);
        return tournament ? [this.toDto(tournament)] : [];
      }),
      total,
      query,
    );
  }

  async get(id: string): Promise<TournamentDto> {
    return this.toDto(await this.referee.load(id));
  }

  /** Takes a seat; the last seat starts the tournament. */
  join(userId: string, id: string, dto: JoinTournamentDto): Promise<TournamentDto> {
    return this.referee.serial(id, async () => {
      const tournament = await this.referee.load(id);
      const participants = tournament.participants ?? [];
      if (tournament.kind === 'local' || tournament.status !== 'registering') {
        throw new ConflictError('The tournament is not open for registration');
      }
      if (participants.some((participant) => participant.userId === userId)) {
        throw new ConflictError('You are already in this tournament');
      }
      if (participants.length >= tournament.size) {
        throw new ConflictError('The tournament is full');
      }
      const user = await this.users.getActive(userId);
      const alias = dto.alias ?? user.username;
      const aliasLower = alias.toLowerCase();
      if (participants.some((participant) => participant.aliasLower === aliasLower)) {
        throw new ConflictError('That alias is already taken in this tournament');
      }
      const seat = {
        id: randomUUID(),
        tournamentId: id,
        userId,
        alias,
        aliasLower,
        seed: null,
        joinedAt: this.joinTime(participants),
        commitmentSalt: newCommitmentSalt(),
      };
      try {
        await this.transactor.run((manager) =>
          manager.getRepository(TournamentParticipant).insert(seat),
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('You or that alias are already in');
        throw error;
      }
      tournament.participants = [
        ...participants,
        Object.assign(new TournamentParticipant(), seat, { user }),
      ];
      if (tournament.participants.length === tournament.size) await this.referee.begin(tournament);
      else this.referee.announce(tournament);
      return this.toDto(await this.referee.load(id));
    });
  }

  /** Gives a seat back while registering; the creator cancels instead. */
  leave(userId: string, id: string): Promise<void> {
    return this.referee.serial(id, async () => {
      const tournament = await this.referee.load(id);
      if (tournament.status !== 'registering') {
        throw new ConflictError('Seats can only be given back while registering');
      }
      const seat = tournament.participants?.find((participant) => participant.userId === userId);
      if (!seat) throw new ConflictError('You are not in this tournament');
      if (tournament.creatorId === userId) {
        throw new ConflictError('The creator cannot leave; cancel the tournament instead');
      }
      await this.transactor.run((manager) =>
        manager.getRepository(TournamentParticipant).delete({ id: seat.id }),
      );
      this.referee.announce(tournament);
    });
  }

  /** The creator starts it with at least two participants; byes fill the bracket. */
  start(userId: string, id: string): Promise<TournamentDto> {
    return this.referee.serial(id, async () => {
      const tournament = await this.referee.load(id);
      this.assertCreator(tournament, userId);
      if (tournament.status !== 'registering') {
        throw new ConflictError('The tournament has already started or ended');
      }
      if ((tournament.participants ?? []).length < 2) {
        throw new ConflictError('At least 2 participants are needed to start');
      }
      await this.referee.begin(tournament);
      return this.toDto(await this.referee.load(id));
    });
  }

  /** The creator calls it off while registering. */
  cancel(userId: string, id: string): Promise<void> {
    return this.referee.serial(id, async () => {
      const tournament = await this.referee.load(id);
      this.assertCreator(tournament, userId);
      if (tournament.status !== 'registering') {
        throw new ConflictError('Only a tournament still registering can be cancelled');
      }
      tournament.status = 'cancelled';
      tournament.endedAt = this.clock.date();
      await this.transactor.run((manager) =>
        manager
          .getRepository(Tournament)
          .update({ id }, { status: 'cancelled', endedAt: tournament.endedAt }),
      );
      this.referee.announce(tournament);
    });
  }

  /**
   * Erasure: seats in tournaments still registering are given back and the account's own such
   * tournaments called off (everyone in them is told once the erasure commits); in tournaments
   * played, the seat keeps its place under the new name and loses its ledger salt, which leaves
   * the ledger's commitment to it unlinkable.
   */
  @OnEvent(ACCOUNT_ERASING, { suppressErrors: false })
  async forget({ userId, anonymousName, manager }: AccountErasing): Promise<void> {
    const seats = manager.getRepository(TournamentParticipant);
    const changed = new Set<string>();
    const open = (await seats.find({ where: { userId }, relations: { tournament: true } })).filter(
      (seat) => seat.tournament?.status === 'registering',
    );
    if (open.length > 0) await seats.delete({ id: In(open.map((seat) => seat.id)) });
    for (const seat of open) changed.add(seat.tournamentId);
    await seats.update(
      { userId },
      { alias: anonymousName, aliasLower: anonymousName, commitmentSalt: null },
    );
    const tournaments = manager.getRepository(Tournament);
    const own = await tournaments.find({
      where: { creatorId: userId, status: 'registering' },
      select: { id: true },
    });
    if (own.length > 0) {
      await tournaments.update(
        { id: In(own.map((tournament) => tournament.id)) },
        { status: 'cancelled', endedAt: this.clock.date() },
      );
    }
    for (const tournament of own) changed.add(tournament.id);
    await this.transactor.afterCommit(manager, async () => {
      for (const id of changed) this.referee.announce(await this.referee.load(id));
    });
  }

  /** Now, or just after the last seat taken: join order (the tie-break of seeding) stays total. */
  private joinTime(participants: readonly TournamentParticipant[]): Date {
    const last = Math.max(...participants.map((participant) => participant.joinedAt.getTime()));
    return new Date(Math.max(this.clock.now(), last + 1));
  }

  private assertCreator(tournament: Tournament, userId: string): void {
    if (tournament.creatorId !== userId) {
      throw new ForbiddenError('Only the creator of the tournament can do that');
    }
  }

  toDto(tournament: Tournament): TournamentDto {
    const participants = [...(tournament.participants ?? [])].sort(
      (a, b) =>
        (a.seed ?? Infinity) - (b.seed ?? Infinity) ||
        a.joinedAt.getTime() - b.joinedAt.getTime() ||
        a.id.localeCompare(b.id),
    );
    const byId = new Map(participants.map((participant) => [participant.id, participant]));
    const profile = (participant: TournamentParticipant) =>
      participant.user ? this.users.publicProfile(participant.user) : null;
    const side = (entrant: Entrant | null): BracketSideDto | null => {
      const participant = entrant ? byId.get(entrant.id) : undefined;
      return participant ? { alias: participant.alias, userId: participant.userId } : null;
    };
    const slot = (match: BracketSlot): BracketMatchDto => ({
      round: match.round,
      position: match.position,
      matchId: match.matchId,
      left: side(match.left),
      right: side(match.right),
      winnerSide: match.winnerSide,
      score: match.score,
    });
    const winner = tournament.winnerParticipantId
      ? byId.get(tournament.winnerParticipantId)
      : undefined;
    return {
      id: tournament.id,
      name: tournament.name,
      kind: tournament.kind,
      size: tournament.size,
      status: tournament.status,
      creator: this.users.publicProfile(tournament.creator as NonNullable<Tournament['creator']>),
      participants: participants.map((participant) => ({
        user: profile(participant),
        alias: participant.alias,
        seed: participant.seed,
      })),
      rounds: tournament.bracket ? tournament.bracket.rounds.map((round) => round.map(slot)) : [],
      winner: winner ? { user: profile(winner), alias: winner.alias } : null,
      createdAt: tournament.createdAt.toISOString(),
      startedAt: isoOrNull(tournament.startedAt),
      endedAt: isoOrNull(tournament.endedAt),
    };
  }
}
