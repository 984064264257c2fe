import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { idColumn, refColumn, timeColumn } from '../migration-columns';

/**
 * Chat and notifications: conversations (direct and channels), their members, messages, bans
 * and invitations, and each user's inbox. Every list has the index of its ORDER BY.
 */
export class CreateChat1764900000000 implements MigrationInterface {
  name = 'CreateChat1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'chat_conversations',
        columns: [
          idColumn(),
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'name', type: 'varchar', length: '32', isNullable: true },
          { name: 'nameLower', type: 'varchar', length: '32', isNullable: true },
          { name: 'listedName', type: 'varchar', length: '32', isNullable: true },
          { name: 'visibility', type: 'varchar', length: '16', isNullable: true },
          { name: 'passwordHash', type: 'varchar', length: '255', isNullable: true },
          { name: 'directKey', type: 'varchar', length: '80', isNullable: true },
          { name: 'lastSeq', type: 'integer', default: 0 },
          refColumn('lastMessageId', true),
          { name: 'memberCount', type: 'integer', default: 0 },
          timeColumn(runner, 'createdAt'),
        ],
        indices: [
          { name: 'IDX_chat_conversations_name', columnNames: ['nameLower'], isUnique: true },
          { name: 'IDX_chat_conversations_directory', columnNames: ['listedName'] },
          { name: 'IDX_chat_conversations_direct', columnNames: ['directKey'], isUnique: true },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'chat_members',
        columns: [
          { ...refColumn('conversationId'), isPrimary: true },
          { ...refColumn('userId'), isPrimary: true },
          { name: 'role', type: 'varchar', length: '8' },
          timeColumn(runner, 'joinedAt'),
          timeColumn(runner, 'lastActivityAt'),
          { name: 'lastReadSeq', type: 'integer', default: 0 },
          { name: 'unread', type: 'integer', default: 0 },
          timeColumn(runner, 'mutedUntil', true),
        ],
        indices: [
          { name: 'IDX_chat_members_activity', columnNames: ['userId', 'lastActivityAt'] },
          { name: 'IDX_chat_members_seniority', columnNames: ['conversationId', 'joinedAt'] },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'chat_messages',
        columns: [
          idColumn(),
          refColumn('conversationId'),
          { name: 'seq', type: 'integer' },
          refColumn('senderId', true),
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'body', type: 'text' },
          refColumn('challengeId', true),
          timeColumn(runner, 'createdAt'),
        ],
        indices: [
          {
            name: 'IDX_chat_messages_history',
            columnNames: ['conversationId', 'seq'],
            isUnique: true,
          },
          { name: 'IDX_chat_messages_sender', columnNames: ['senderId', 'id'] },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'chat_bans',
        columns: [
          { ...refColumn('conversationId'), isPrimary: true },
          { ...refColumn('userId'), isPrimary: true },
          timeColumn(runner, 'until', true),
          timeColumn(runner, 'createdAt'),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'chat_invites',
        columns: [
          { ...refColumn('conversationId'), isPrimary: true },
          { ...refColumn('userId'), isPrimary: true },
          timeColumn(runner, 'createdAt'),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          idColumn(),
          refColumn('userId'),
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'data', type: 'text' },
          timeColumn(runner, 'createdAt'),
          timeColumn(runner, 'readAt', true),
        ],
        indices: [
          { name: 'IDX_notifications_inbox', columnNames: ['userId', 'createdAt', 'id'] },
          {
            name: 'IDX_notifications_unread',
            columnNames: ['userId', 'readAt', 'createdAt', 'id'],
          },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'notifications',
      'chat_invites',
      'chat_bans',
      'chat_messages',
      'chat_members',
      'chat_conversations',
    ]) {
      await runner.dropTable(table);
    }
  }
}
