/**
 * Migrations on PostgreSQL run under a session-level advisory lock: several nodes starting at
 * once on one database take turns, and those after the first find nothing left to run (TypeORM
 * itself does not lock). SQLite has one process by construction.
 */
import { DataSource, DataSourceOptions } from 'typeorm';

/** Any fixed number, distinct from the ledger's append lock. */
export const MIGRATION_LOCK = 7_411_210_001;

export async function initializeDataSource(options: DataSourceOptions): Promise<DataSource> {
  if (options.type !== 'postgres' || !options.migrationsRun) {
    return new DataSource(options).initialize();
  }
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await dataSource.runMigrations({ transaction: options.migrationsTransactionMode ?? 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } catch (error) {
    await runner.release().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  await runner.release();
  return dataSource;
}
