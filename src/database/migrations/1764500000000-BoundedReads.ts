import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { timeColumn } from '../migration-columns';
import { USER_SEARCH_TEXT } from '../../modules/users/user-search';
import { COUNTED_MATCH_STATUSES, rowCountTriggers } from '../row-count.triggers';

/**
 * Every list answers by its page, not by the size of the data (ARCHITECTURE.md, "The real-time
 * plane comes first"):
 * - a player's history is read from `match_players` by (userId, matchCreatedAt, matchId), so a
 *   page is one index range, never a sort of all the player's matches;
 * - all matches and the live list by (createdAt, id) and (status, createdAt, id);
 * - the leaderboard and the users list by partial indexes over active accounts, in exactly
 *   their ORDER BY; the users list's index also holds the text a search looks in, so a search
 *   reads names only, never table rows (indexes with DESC columns or expressions are written as
 *   SQL: the table API has neither; the statements are the same on SQLite and PostgreSQL);
 * - totals come from `row_counts`, kept by triggers, instead of counting half a million rows.
 */
export class BoundedReads1764500000000 implements MigrationInterface {
  name = 'BoundedReads1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn(
      'match_players',
      new TableColumn({ ...timeColumn(runner, 'matchCreatedAt'), isNullable: true }),
    );
    await runner.query(
      `UPDATE "match_players" SET "matchCreatedAt" = (SELECT "createdAt" FROM "matches" WHERE "matches"."id" = "match_players"."matchId")`,
    );
    await runner.changeColumn(
      'match_players',
      'matchCreatedAt',
      new TableColumn(timeColumn(runner, 'matchCreatedAt')),
    );
    await this.replaceIndex(runner, 'match_players', ['userId'], {
      name: 'IDX_match_players_history',
      columnNames: ['userId', 'matchCreatedAt', 'matchId'],
    });
    await this.replaceIndex(runner, 'matches', ['status', 'createdAt'], {
      name: 'IDX_matches_status_list',
      columnNames: ['status', 'createdAt', 'id'],
    });
    await runner.createIndex(
      'matches',
      new TableIndex({ name: 'IDX_matches_list', columnNames: ['createdAt', 'id'] }),
    );
    await this.replaceIndex(runner, 'tournaments', ['status', 'createdAt'], {
      name: 'IDX_tournaments_status_list',
      columnNames: ['status', 'createdAt', 'id'],
    });
    await runner.createIndex(
      'tournaments',
      new TableIndex({ name: 'IDX_tournaments_list', columnNames: ['createdAt', 'id'] }),
    );
    await this.replaceIndex(runner, 'sessions', ['userId'], {
      name: 'IDX_sessions_user',
      columnNames: ['userId', 'createdAt'],
    });
    await this.replaceIndex(runner, 'friend_requests', ['toUserId'], {
      name: 'IDX_friend_requests_incoming',
      columnNames: ['toUserId', 'createdAt'],
    });
    await runner.createIndex(
      'friend_requests',
      new TableIndex({
        name: 'IDX_friend_requests_outgoing',
        columnNames: ['fromUserId', 'createdAt'],
      }),
    );
    await runner.createIndex(
      'blocks',
      new TableIndex({ name: 'IDX_blocks_list', columnNames: ['blockerId', 'createdAt'] }),
    );
    await this.replaceIndex(runner, 'users', ['rating'], null);
    await runner.query(
      `CREATE INDEX "IDX_users_leaderboard" ON "users" ("rating" DESC, "wins" DESC, "createdAt", "id") WHERE "erasedAt" IS NULL`,
    );
    await runner.query(
      `CREATE INDEX "IDX_users_directory" ON "users" ("usernameLower", (${USER_SEARCH_TEXT}), "id") WHERE "erasedAt" IS NULL`,
    );

    await runner.createTable(
      new Table({
        name: 'row_counts',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'count', type: 'integer', default: 0 },
        ],
      }),
    );
    await runner.query(
      `INSERT INTO "row_counts" ("name", "count") SELECT 'users:active', COUNT(*) FROM "users" WHERE "erasedAt" IS NULL`,
    );
    await runner.query(
      `INSERT INTO "row_counts" ("name", "count") SELECT 'matches', COUNT(*) FROM "matches"`,
    );
    for (const status of COUNTED_MATCH_STATUSES) {
      await runner.query(
        `INSERT INTO "row_counts" ("name", "count") SELECT 'matches:${status}', COUNT(*) FROM "matches" WHERE "status" = '${status}'`,
      );
    }
    await runner.query(
      `INSERT INTO "row_counts" ("name", "count") SELECT 'history:' || "userId", COUNT(*) FROM "match_players" WHERE "userId" IS NOT NULL GROUP BY "userId"`,
    );
    for (const statement of rowCountTriggers(runner).up) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of rowCountTriggers(runner).down) await runner.query(statement);
    await runner.dropTable('row_counts');
    await runner.query(`DROP INDEX "IDX_users_directory"`);
    await runner.query(`DROP INDEX "IDX_users_leaderboard"`);
    await runner.createIndex('users', new TableIndex({ columnNames: ['rating'] }));
    await runner.dropIndex('tournaments', 'IDX_tournaments_list');
    await this.replaceIndex(runner, 'tournaments', ['status', 'createdAt', 'id'], {
      columnNames: ['status', 'createdAt'],
    });
    await runner.dropIndex('blocks', 'IDX_blocks_list');
    await runner.dropIndex('friend_requests', 'IDX_friend_requests_outgoing');
    await this.replaceIndex(runner, 'friend_requests', ['toUserId', 'createdAt'], {
      columnNames: ['toUserId'],
    });
    await this.replaceIndex(runner, 'sessions', ['userId', 'createdAt'], {
      columnNames: ['userId'],
    });
    await runner.dropIndex('matches', 'IDX_matches_list');
    await this.replaceIndex(runner, 'matches', ['status', 'createdAt', 'id'], {
      columnNames: ['status', 'createdAt'],
    });
    await this.replaceIndex(runner, 'match_players', ['userId', 'matchCreatedAt', 'matchId'], {
      columnNames: ['userId'],
    });
    await runner.dropColumn('match_players', 'matchCreatedAt');
  }

  /** Drops the index on exactly `columns` (its generated name differs by driver), adds `next`. */
  private async replaceIndex(
    runner: QueryRunner,
    table: string,
    columns: string[],
    next: { name?: string; columnNames: string[] } | null,
  ): Promise<void> {
    const old = (await runner.getTable(table))?.indices.find(
      (index) => index.columnNames.join() === columns.join(),
    );
    if (old) await runner.dropIndex(table, old);
    if (next) await runner.createIndex(table, new TableIndex(next));
  }
}
