import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { cascadeTo, idColumn, refColumn, timeColumn } from '../migration-columns';

const STAT_COLUMNS = [
  'peakRating',
  'played',
  'wins',
  'losses',
  'currentStreak',
  'bestStreak',
  'pointsScored',
  'pointsConceded',
] as const;

/** Matches, their players, and each user's career statistics. */
export class CreateMatches1764100000000 implements MigrationInterface {
  name = 'CreateMatches1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns(
      'users',
      STAT_COLUMNS.map(
        (name) =>
          new TableColumn({ name, type: 'integer', default: name === 'peakRating' ? 1000 : 0 }),
      ),
    );
    await runner.createIndex('users', new TableIndex({ columnNames: ['rating'] }));

    await runner.createTable(
      new Table({
        name: 'matches',
        columns: [
          idColumn(),
          { name: 'mode', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'winnerSide', type: 'varchar', length: '8', isNullable: true },
          { name: 'endReason', type: 'varchar', length: '16', isNullable: true },
          refColumn('tournamentId', true),
          { name: 'seed', type: 'integer' },
          timeColumn(runner, 'startedAt', true),
          timeColumn(runner, 'endedAt', true),
          timeColumn(runner, 'createdAt'),
        ],
        indices: [{ columnNames: ['status', 'createdAt'] }, { columnNames: ['tournamentId'] }],
      }),
    );

    await runner.createTable(
      new Table({
        name: 'match_players',
        columns: [
          idColumn(),
          refColumn('matchId'),
          { name: 'side', type: 'varchar', length: '8' },
          refColumn('userId', true),
          { name: 'alias', type: 'varchar', length: '32' },
          { name: 'score', type: 'integer', default: 0 },
          { name: 'ratingBefore', type: 'integer', isNullable: true },
          { name: 'ratingAfter', type: 'integer', isNullable: true },
        ],
        uniques: [{ columnNames: ['matchId', 'side'] }],
        foreignKeys: [cascadeTo('matchId', 'matches'), cascadeTo('userId', 'users', 'SET NULL')],
        indices: [{ columnNames: ['userId'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('match_players');
    await runner.dropTable('matches');
    const users = await runner.getTable('users');
    const ratingIndex = users?.indices.find((index) => index.columnNames.join() === 'rating');
    if (ratingIndex) await runner.dropIndex('users', ratingIndex);
    await runner.dropColumns('users', [...STAT_COLUMNS]);
  }
}
