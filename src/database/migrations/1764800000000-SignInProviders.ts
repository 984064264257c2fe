import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { cascadeTo, idColumn, refColumn, timeColumn } from '../migration-columns';

/** Sign-in providers and API keys: linked identities, keys, and pending sign-ins. */
export class SignInProviders1764800000000 implements MigrationInterface {
  name = 'SignInProviders1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'identities',
        columns: [
          idColumn(),
          refColumn('userId'),
          { name: 'provider', type: 'varchar', length: '32' },
          { name: 'subject', type: 'varchar', length: '255' },
          { name: 'email', type: 'varchar', length: '254', isNullable: true },
          timeColumn(runner, 'linkedAt'),
        ],
        foreignKeys: [cascadeTo('userId', 'users')],
        indices: [
          { name: 'IDX_identities_subject', columnNames: ['provider', 'subject'], isUnique: true },
          { name: 'IDX_identities_user', columnNames: ['userId', 'provider'], isUnique: true },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          idColumn(),
          refColumn('userId'),
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'keyHash', type: 'varchar', length: '64', isUnique: true },
          { name: 'scopes', type: 'varchar', length: '32' },
          timeColumn(runner, 'createdAt'),
          timeColumn(runner, 'expiresAt', true),
          timeColumn(runner, 'lastUsedAt', true),
        ],
        foreignKeys: [cascadeTo('userId', 'users')],
        indices: [{ name: 'IDX_api_keys_user', columnNames: ['userId', 'createdAt'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'sign_in_flows',
        columns: [
          { name: 'tokenHash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'provider', type: 'varchar', length: '32' },
          refColumn('userId', true),
          { name: 'payload', type: 'text' },
          timeColumn(runner, 'expiresAt'),
          timeColumn(runner, 'createdAt'),
        ],
        indices: [
          { name: 'IDX_sign_in_flows_expiry', columnNames: ['expiresAt'] },
          { columnNames: ['userId'] },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('sign_in_flows');
    await runner.dropTable('api_keys');
    await runner.dropTable('identities');
  }
}
