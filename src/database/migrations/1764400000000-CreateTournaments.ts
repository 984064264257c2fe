import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { cascadeTo, idColumn, refColumn, timeColumn } from '../migration-columns';

/** Tournaments, their participants, and the hash-chained ledger of their results. */
export class CreateTournaments1764400000000 implements MigrationInterface {
  name = 'CreateTournaments1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'tournaments',
        columns: [
          idColumn(),
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'size', type: 'integer' },
          { name: 'status', type: 'varchar', length: '16' },
          refColumn('creatorId'),
          { name: 'bracket', type: 'text', isNullable: true },
          refColumn('winnerParticipantId', true),
          timeColumn(runner, 'createdAt'),
          timeColumn(runner, 'startedAt', true),
          timeColumn(runner, 'endedAt', true),
        ],
        foreignKeys: [cascadeTo('creatorId', 'users')],
        indices: [{ columnNames: ['status', 'createdAt'] }, { columnNames: ['creatorId'] }],
      }),
    );

    await runner.createTable(
      new Table({
        name: 'tournament_participants',
        columns: [
          idColumn(),
          refColumn('tournamentId'),
          refColumn('userId', true),
          { name: 'alias', type: 'varchar', length: '32' },
          { name: 'aliasLower', type: 'varchar', length: '32' },
          { name: 'seed', type: 'integer', isNullable: true },
          timeColumn(runner, 'joinedAt'),
        ],
        uniques: [
          { columnNames: ['tournamentId', 'aliasLower'] },
          { columnNames: ['tournamentId', 'userId'] },
        ],
        foreignKeys: [
          cascadeTo('tournamentId', 'tournaments'),
          cascadeTo('userId', 'users', 'SET NULL'),
        ],
        indices: [{ columnNames: ['userId'] }],
      }),
    );

    await runner.createTable(
      new Table({
        name: 'ledger_entries',
        columns: [
          { name: 'index', type: 'integer', isPrimary: true },
          { name: 'prevHash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'tournamentId', type: 'varchar', length: '36', isUnique: true },
          { name: 'payload', type: 'text' },
          timeColumn(runner, 'createdAt'),
          { name: 'anchor', type: 'text', isNullable: true },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('ledger_entries');
    await runner.dropTable('tournament_participants');
    await runner.dropTable('tournaments');
  }
}
