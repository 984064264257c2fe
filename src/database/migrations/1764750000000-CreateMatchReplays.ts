import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { cascadeTo, idColumn } from '../migration-columns';

/**
 * Replays: one row per match that has one (finished, or interrupted by a graceful stop), beside
 * the match rather than in it, so history and leaderboard reads never carry a tape.
 */
export class CreateMatchReplays1764750000000 implements MigrationInterface {
  name = 'CreateMatchReplays1764750000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'match_replays',
        columns: [
          idColumn('matchId'),
          { name: 'engine', type: 'varchar', length: '64' },
          { name: 'config', type: 'text' },
          { name: 'inputs', type: 'text' },
          { name: 'finalTick', type: 'integer' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
        foreignKeys: [cascadeTo('matchId', 'matches')],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('match_replays');
  }
}
