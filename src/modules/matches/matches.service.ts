import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { isoOrNull } from '../../common/clock/clock';
import { NotFoundError } from '../../common/errors';
import { Page, pageOf, PaginationQueryDto } from '../../common/pagination/pagination';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { LeaderboardEntryDto, ListMatchesQueryDto, MatchDto, UserStatsDto } from './dto/match.dto';
import { Match } from './entities/match.entity';

/** Reads of match records: single matches, live lists, histories, statistics, the leaderboard. */
@Injectable()
export class MatchesService {
  constructor(
    @InjectRepository(Match) private readonly matches: Repository<Match>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly usersService: UsersService,
  ) {}

  async get(id: string): Promise<MatchDto> {
    const match = await this.matches.findOne({
      where: { id },
      relations: { players: { user: true } },
    });
    if (!match) throw new NotFoundError('Match not found');
    return this.toDto(match);
  }

  async list(query: ListMatchesQueryDto): Promise<Page<MatchDto>> {
    const builder = this.withPlayers()
      .orderBy('match.createdAt', 'DESC')
      .addOrderBy('match.id', 'DESC');
    if (query.status) builder.where('match.status = :status', { status: query.status });
    const [rows, total] = await builder.skip(query.offset).take(query.limit).getManyAndCount();
    return pageOf(
      rows.map((match) => this.toDto(match)),
      total,
      query,
    );
  }

  async history(userId: string, query: PaginationQueryDto): Promise<Page<MatchDto>> {
    await this.usersService.get(userId);
    const [rows, total] = await this.withPlayers()
      .innerJoin('match.players', 'mine', 'mine.userId = :userId', { userId })
      .orderBy('match.createdAt', 'DESC')
      .addOrderBy('match.id', 'DESC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return pageOf(
      rows.map((match) => this.toDto(match)),
      total,
      query,
    );
  }

  async stats(userId: string): Promise<UserStatsDto> {
    const user = await this.usersService.get(userId);
    return {
      userId: user.id,
      played: user.played,
      wins: user.wins,
      losses: user.losses,
      winRate: user.played ? Math.round((user.wins / user.played) * 10_000) / 10_000 : 0,
      rating: user.rating,
      peakRating: user.peakRating,
      currentStreak: user.currentStreak,
      bestStreak: user.bestStreak,
      pointsScored: user.pointsScored,
      pointsConceded: user.pointsConceded,
    };
  }

  /** Every active account by rating; ties go to more wins, then to the older account. */
  async leaderboard(query: PaginationQueryDto): Promise<Page<LeaderboardEntryDto>> {
    const [rows, total] = await this.users.findAndCount({
      where: { erasedAt: IsNull() },
      order: { rating: 'DESC', wins: 'DESC', createdAt: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return pageOf(
      rows.map((user, index) => ({
        rank: query.offset + index + 1,
        user: this.usersService.publicProfile(user),
        rating: user.rating,
        wins: user.wins,
        losses: user.losses,
      })),
      total,
      query,
    );
  }

  toDto(match: Match): MatchDto {
    const players = [...(match.players ?? [])].sort((a, b) =>
      a.side === 'left' ? -1 : b.side === 'left' ? 1 : 0,
    );
    return {
      id: match.id,
      mode: match.mode,
      status: match.status,
      players: players.map((player) => ({
        side: player.side,
        user: player.user ? this.usersService.publicProfile(player.user) : null,
        alias: player.alias,
        score: player.score,
        ratingBefore: player.ratingBefore,
        ratingAfter: player.ratingAfter,
      })),
      winnerSide: match.winnerSide,
      endReason: match.endReason,
      tournamentId: match.tournamentId,
      startedAt: isoOrNull(match.startedAt),
      endedAt: isoOrNull(match.endedAt),
      createdAt: match.createdAt.toISOString(),
    };
  }

  private withPlayers() {
    return this.matches
      .createQueryBuilder('match')
      .leftJoinAndSelect('match.players', 'player')
      .leftJoinAndSelect('player.user', 'user');
  }
}
