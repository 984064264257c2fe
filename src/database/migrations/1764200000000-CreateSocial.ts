import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { cascadeTo, idColumn, refColumn, timeColumn } from '../migration-columns';

/** Friend requests, friendships (one row per direction) and blocks. */
export class CreateSocial1764200000000 implements MigrationInterface {
  name = 'CreateSocial1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'friend_requests',
        columns: [
          idColumn(),
          refColumn('fromUserId'),
          refColumn('toUserId'),
          timeColumn(runner, 'createdAt'),
        ],
        uniques: [{ columnNames: ['fromUserId', 'toUserId'] }],
        foreignKeys: [cascadeTo('fromUserId', 'users'), cascadeTo('toUserId', 'users')],
        indices: [{ columnNames: ['toUserId'] }],
      }),
    );
    for (const [name, owner, other] of [
      ['friendships', 'userId', 'friendId'],
      ['blocks', 'blockerId', 'blockedId'],
    ] as const) {
      await runner.createTable(
        new Table({
          name,
          columns: [
            { ...refColumn(owner), isPrimary: true },
            { ...refColumn(other), isPrimary: true },
            timeColumn(runner, 'createdAt'),
          ],
          foreignKeys: [cascadeTo(owner, 'users'), cascadeTo(other, 'users')],
          indices: [{ columnNames: [other] }],
        }),
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('blocks');
    await runner.dropTable('friendships');
    await runner.dropTable('friend_requests');
  }
}
