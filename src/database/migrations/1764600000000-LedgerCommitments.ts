import { randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Each tournament seat gets the salt of its ledger commitment (the ledger names participants by
 * salted hashes from now on; entries already written keep their text). Seats that exist get a
 * salt of their own now.
 */
export class LedgerCommitments1764600000000 implements MigrationInterface {
  name = 'LedgerCommitments1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn(
      'tournament_participants',
      new TableColumn({ name: 'commitmentSalt', type: 'varchar', length: '64', isNullable: true }),
    );
    const seats = (await runner.query('SELECT "id" FROM "tournament_participants"')) as {
      id: string;
    }[];
    const { driver } = runner.connection;
    for (const seat of seats) {
      await runner.query(
        `UPDATE "tournament_participants" SET "commitmentSalt" = ${driver.createParameter('salt', 0)} WHERE "id" = ${driver.createParameter('id', 1)}`,
        [randomBytes(32).toString('hex'), seat.id],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('tournament_participants', 'commitmentSalt');
  }
}
