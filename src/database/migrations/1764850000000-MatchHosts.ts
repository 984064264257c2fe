import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each live match names the node that runs it (`hostNode`), so a node starting up interrupts
 * only what it left behind itself, and a node that is lost has its matches found. A plain
 * ALTER TABLE (the same on SQLite and PostgreSQL): the table API would rebuild the SQLite table,
 * dropping the row-count triggers that live on it.
 */
export class MatchHosts1764850000000 implements MigrationInterface {
  name = 'MatchHosts1764850000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "matches" ADD COLUMN "hostNode" varchar(64)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "matches" DROP COLUMN "hostNode"');
  }
}
