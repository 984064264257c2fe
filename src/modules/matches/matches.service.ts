import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { isoOrNull } from '../../common/clock/clock';
import { NotFoundError } from '../../common/errors';
import { Page, pageOf, PaginationQueryDto } from '../../common/pagination/pagination';
import { PageWindow, pageWindow } from '../../common/pagination/page-window';
import { RowCounts } from '../../database/row-counts';
import {
  ACTIVE_USERS,
  ALL_MATCHES,
  historyOf,
  matchesWithStatus,
} from '../../database/row-count.triggers';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { LeaderboardEntryDto, ListMatchesQueryDto, MatchDto, UserStatsDto } from './dto/match.dto';
import { MatchPlayer } from './entities/match-player.entity';
import { historyChunks } from './history-keyset';
import { EndReason, Match, MatchMode, MatchStatus, Side } from './entities/match.entity';

/** The columns of a match, one side, and that side's user, as `MatchRow` names them. */
const MATCH_ROW_COLUMNS: [string, keyof MatchRow][] = [
  ['match.id', 'id'],
  ['match.mode', 'mode'],
  ['match.status', 'status'],
  ['match.winnerSide', 'winnerSide'],
  ['match.endReason', 'endReason'],
  ['match.tournamentId', 'tournamentId'],
  ['match.startedAt', 'startedAt'],
  ['match.endedAt', 'endedAt'],
  ['match.createdAt', 'createdAt'],
  ['player.side', 'side'],
  ['player.alias', 'alias'],
  ['player.score', 'score'],
  ['player.ratingBefore', 'ratingBefore'],
  ['player.ratingAfter', 'ratingAfter'],
  ['player.userId', 'userId'],
  ['user.username', 'username'],
  ['user.displayName', 'displayName'],
  ['user.avatarFile', 'avatarFile'],
  ['user.bio', 'bio'],
  ['user.rating', 'rating'],
  ['user.createdAt', 'userCreatedAt'],
];

interface MatchRow {
  id: string;
  mode: MatchMode;
  status: MatchStatus;
  winnerSide: Side | null;
  endReason: EndReason | null;
  tournamentId: string | null;
  startedAt: unknown;
  endedAt: unknown;
  createdAt: unknown;
  side: Side;
  alias: string;
  score: number;
  ratingBefore: number | null;
  ratingAfter: number | null;
  userId: string | null;
  username: string;
  displayName: string;
  avatarFile: string | null;
  bio: string;
  rating: number;
  userCreatedAt: unknown;
}

/** Reads of match records: single matches, live lists, histories, statistics, the leaderboard. */
@Injectable()
export class MatchesService {
  private timeColumn?: ColumnMetadata;

  constructor(
    @InjectRepository(Match) private readonly matches: Repository<Match>,
    @InjectRepository(MatchPlayer) private readonly players: Repository<MatchPlayer>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly usersService: UsersService,
    private readonly counts: RowCounts,
  ) {}

  async get(id: string): Promise<MatchDto> {
    const [match] = await this.byIds([id]);
    if (!match) throw new NotFoundError('Match not found');
    return match;
  }

  async list(query: ListMatchesQueryDto): Promise<Page<MatchDto>> {
    const total = await this.counts.of(
      query.status ? matchesWithStatus(query.status) : ALL_MATCHES,
    );
    return this.page(total, query, (window) => {
      const direction = window.reversed ? 'ASC' : 'DESC';
      const builder = this.matches
        .createQueryBuilder('match')
        .select('match.id', 'id')
        .orderBy('match.createdAt', direction)
        .addOrderBy('match.id', direction)
        .offset(window.offset)
        .limit(window.limit);
      if (query.status) builder.where('match.status = :status', { status: query.status });
      return builder.getRawMany<{ id: string }>();
    });
  }

  /** A player's matches, newest first: one range of the (userId, matchCreatedAt) index. */
  async history(userId: string, query: PaginationQueryDto): Promise<Page<MatchDto>> {
    await this.usersService.get(userId);
    const total = await this.counts.of(historyOf(userId));
    return this.page(total, query, (window) => {
      const direction = window.reversed ? 'ASC' : 'DESC';
      return this.players
        .createQueryBuilder('player')
        .select('player.matchId', 'id')
        .where('player.userId = :userId', { userId })
        .orderBy('player.matchCreatedAt', direction)
        .addOrderBy('player.matchId', direction)
        .offset(window.offset)
        .limit(window.limit)
        .getRawMany<{ id: string }>();
    });
  }

  /**
   * Every match a player took part in, newest first, a chunk at a time (the GDPR export streams
   * them): memory holds one chunk, and each costs what the first did.
   */
  async *historyChunks(userId: string, chunkSize: number): AsyncGenerator<MatchDto[]> {
    for await (const rows of historyChunks(this.players, userId, chunkSize)) {
      yield await this.byIds(rows.map((row) => row.matchId));
    }
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
    const total = await this.counts.of(ACTIVE_USERS);
    const window = pageWindow(total, query.offset, query.limit);
    if (!window) return pageOf([], total, query);
    // The exact order of IDX_users_leaderboard, or its reverse.
    const [high, low] = window.reversed ? (['ASC', 'DESC'] as const) : (['DESC', 'ASC'] as const);
    const rows = await this.users
      .createQueryBuilder('user')
      .select('user.id', 'id')
      .where('user.erasedAt IS NULL')
      .orderBy('user.rating', high)
      .addOrderBy('user.wins', high)
      .addOrderBy('user.createdAt', low)
      .addOrderBy('user.id', low)
      .offset(window.offset)
      .limit(window.limit)
      .getRawMany<{ id: string }>();
    if (window.reversed) rows.reverse();
    const users = await this.usersService.findByIds(rows.map((row) => row.id));
    return pageOf(
      users.map((user, index) => ({
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

  /** One page of a list whose ids `read` finds in the window's order; the rows come after, by id. */
  private async page(
    total: number,
    query: PaginationQueryDto,
    read: (window: PageWindow) => Promise<{ id: string }[]>,
  ): Promise<Page<MatchDto>> {
    const window = pageWindow(total, query.offset, query.limit);
    if (!window) return pageOf([], total, query);
    const ids = (await read(window)).map((row) => row.id);
    if (window.reversed) ids.reverse();
    return pageOf(await this.byIds(ids), total, query);
  }

  /**
   * The matches with these ids, in the order given, read as one flat join of exactly the columns
   * a Match shows (hydrating whole entities with every user column cost several times more: the
   * export reads 50,000 this way).
   */
  private async byIds(ids: string[]): Promise<MatchDto[]> {
    if (ids.length === 0) return [];
    const rows = await this.players
      .createQueryBuilder('player')
      .innerJoin('player.match', 'match')
      .leftJoin('player.user', 'user')
      .select(MATCH_ROW_COLUMNS.map(([column, alias]) => `${column} AS "${alias}"`))
      .where('player.matchId IN (:...ids)', { ids })
      .getRawMany<MatchRow>();
    const byId = new Map<string, MatchRow[]>();
    for (const row of rows) {
      const sides = byId.get(row.id);
      if (sides) sides.push(row);
      else byId.set(row.id, [row]);
    }
    return ids.flatMap((id) => {
      const sides = byId.get(id);
      return sides ? [this.toDto(sides)] : [];
    });
  }

  /** A Match from its rows of the join, one per side. */
  private toDto(sides: MatchRow[]): MatchDto {
    const [match] = sides;
    const players = [...sides].sort((a, b) => (a.side === b.side ? 0 : a.side === 'left' ? -1 : 1));
    return {
      id: match.id,
      mode: match.mode,
      status: match.status,
      players: players.map((player) => ({
        side: player.side,
        user: player.userId
          ? this.usersService.publicProfile({
              id: player.userId,
              username: player.username,
              displayName: player.displayName,
              avatarFile: player.avatarFile,
              bio: player.bio,
              rating: player.rating,
              createdAt: this.time(player.userCreatedAt),
            } as User)
          : null,
        alias: player.alias,
        score: player.score,
        ratingBefore: player.ratingBefore,
        ratingAfter: player.ratingAfter,
      })),
      winnerSide: match.winnerSide,
      endReason: match.endReason,
      tournamentId: match.tournamentId,
      startedAt: isoOrNull(match.startedAt === null ? null : this.time(match.startedAt)),
      endedAt: isoOrNull(match.endedAt === null ? null : this.time(match.endedAt)),
      createdAt: this.time(match.createdAt).toISOString(),
    };
  }

  /** A timestamp as the driver read it raw (UTC text on SQLite, a Date on PostgreSQL). */
  private time(value: unknown): Date {
    this.timeColumn ??= this.matches.metadata.findColumnWithPropertyName('createdAt')!;
    return this.matches.manager.connection.driver.prepareHydratedValue(
      value,
      this.timeColumn,
    ) as Date;
  }
}
