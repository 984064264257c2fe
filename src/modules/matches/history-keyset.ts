/**
 * A player's rows of `match_players`, newest match first, a chunk at a time: each chunk is one
 * keyset step along IDX_match_players_history (userId, matchCreatedAt, matchId), so the last
 * chunk of a 50,000-match history costs what the first did. The export reads histories this
 * way, and erasure rewrites them.
 */
import type { Repository } from 'typeorm';
import type { MatchPlayer } from './entities/match-player.entity';

export interface HistoryRow {
  /** The match_players row. */
  id: string;
  matchId: string;
  /** As the driver gave it (UTC text on SQLite, a Date on PostgreSQL): it goes back as is. */
  createdAt: unknown;
}

export async function* historyChunks(
  players: Repository<MatchPlayer>,
  userId: string,
  chunkSize: number,
): AsyncGenerator<HistoryRow[]> {
  let after: HistoryRow | null = null;
  for (;;) {
    const builder = players
      .createQueryBuilder('player')
      .select('player.id', 'id')
      .addSelect('player.matchId', 'matchId')
      .addSelect('player.matchCreatedAt', 'createdAt')
      .where('player.userId = :userId', { userId })
      .orderBy('player.matchCreatedAt', 'DESC')
      .addOrderBy('player.matchId', 'DESC')
      .limit(chunkSize);
    if (after) {
      builder.andWhere(
        '(player.matchCreatedAt < :createdAt OR (player.matchCreatedAt = :createdAt AND player.matchId < :matchId))',
        { createdAt: after.createdAt, matchId: after.matchId },
      );
    }
    const rows = await builder.getRawMany<HistoryRow>();
    if (rows.length > 0) yield rows;
    if (rows.length < chunkSize) return;
    after = rows[rows.length - 1];
  }
}
