import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { boolColumn, cascadeTo, idColumn, refColumn, timeColumn } from '../migration-columns';

/** Accounts and logins: users, sessions and their refresh tokens. */
export class CreateAccounts1764000000000 implements MigrationInterface {
  name = 'CreateAccounts1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'users',
        columns: [
          idColumn(),
          { name: 'username', type: 'varchar', length: '64' },
          { name: 'usernameLower', type: 'varchar', length: '64', isUnique: true },
          { name: 'email', type: 'varchar', length: '254', isUnique: true, isNullable: true },
          { name: 'passwordHash', type: 'varchar', length: '255', isNullable: true },
          { name: 'displayName', type: 'varchar', length: '32' },
          { name: 'bio', type: 'varchar', length: '280', default: "''" },
          { name: 'avatarFile', type: 'varchar', length: '128', isNullable: true },
          { name: 'rating', type: 'integer', default: 1000 },
          { name: 'twoFactorSecret', type: 'varchar', length: '128', isNullable: true },
          boolColumn(runner, 'twoFactorEnabled', false),
          timeColumn(runner, 'createdAt'),
          timeColumn(runner, 'updatedAt'),
          timeColumn(runner, 'erasedAt', true),
        ],
      }),
    );

    await runner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          idColumn(),
          refColumn('userId'),
          timeColumn(runner, 'createdAt'),
          timeColumn(runner, 'lastUsedAt'),
          timeColumn(runner, 'expiresAt'),
          timeColumn(runner, 'revokedAt', true),
          { name: 'revokedReason', type: 'varchar', length: '32', isNullable: true },
          { name: 'userAgent', type: 'varchar', length: '255', isNullable: true },
          { name: 'ip', type: 'varchar', length: '64', isNullable: true },
        ],
        foreignKeys: [cascadeTo('userId', 'users')],
        indices: [{ columnNames: ['userId'] }],
      }),
    );

    await runner.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          idColumn(),
          refColumn('sessionId'),
          { name: 'tokenHash', type: 'varchar', length: '64', isUnique: true },
          timeColumn(runner, 'createdAt'),
          timeColumn(runner, 'expiresAt'),
          timeColumn(runner, 'spentAt', true),
        ],
        foreignKeys: [cascadeTo('sessionId', 'sessions')],
        indices: [{ columnNames: ['sessionId'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('refresh_tokens');
    await runner.dropTable('sessions');
    await runner.dropTable('users');
  }
}
