import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { cascadeTo, idColumn, refColumn, timeColumn } from '../migration-columns';

/** TOTP: the last accepted time step (no code replays) and pending login challenges. */
export class AddTwoFactor1764300000000 implements MigrationInterface {
  name = 'AddTwoFactor1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn(
      'users',
      new TableColumn({ name: 'twoFactorLastStep', type: 'integer', isNullable: true }),
    );
    await runner.createTable(
      new Table({
        name: 'two_factor_challenges',
        columns: [
          idColumn(),
          refColumn('userId'),
          { name: 'tokenHash', type: 'varchar', length: '64', isUnique: true },
          { name: 'attempts', type: 'integer', default: 0 },
          timeColumn(runner, 'expiresAt'),
          timeColumn(runner, 'createdAt'),
        ],
        foreignKeys: [cascadeTo('userId', 'users')],
        indices: [{ columnNames: ['userId'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('two_factor_challenges');
    await runner.dropColumn('users', 'twoFactorLastStep');
  }
}
