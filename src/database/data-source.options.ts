/**
 * The one TypeORM options object, used by the app (TypeOrmModule) and by the CLI (ormconfig.ts).
 * SQLite by default (better-sqlite3: WAL, busy timeout, foreign keys on), PostgreSQL when
 * DATABASE_URL says so. The schema always comes from migrations.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export interface DataSourceBuildOptions {
  /** The app migrates on start; the CLI decides for itself. */
  runMigrations: boolean;
}

interface SqliteHandle {
  pragma(source: string): unknown;
}

/** The parts of the `pg` driver this file sets (it ships no type declarations). */
interface PgModule {
  defaults: { parseInputDatesAsUTC?: boolean };
  types: { setTypeParser: (oid: number, parse: (text: string) => unknown) => void };
}

/** PostgreSQL's type id of `timestamp without time zone`, the type of every time column. */
const TIMESTAMP_OID = 1114;

/**
 * Time columns hold UTC on PostgreSQL, as on SQLite. By default the `pg` driver writes a Date in
 * the process's local time and reads one back as local time: the values then depend on the
 * server's time zone, so two nodes in different zones (or one moved between them) would disagree
 * on every time, and the ledger, which hashes its entries' times, would no longer verify.
 */
function timestampsInUtc(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as PgModule;
  pg.defaults.parseInputDatesAsUTC = true;
  pg.types.setTypeParser(TIMESTAMP_OID, (text) => new Date(`${text.replace(' ', 'T')}Z`));
}

export function buildDataSourceOptions(
  database: DatabaseConfig,
  { runMigrations }: DataSourceBuildOptions,
): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: runMigrations && !database.synchronize,
    migrationsTransactionMode: 'each' as const,
    synchronize: database.synchronize,
  };
  if (database.type === 'postgres') {
    timestampsInUtc();
    return { type: 'postgres', url: database.url ?? undefined, ...common };
  }
  const file = database.sqlitePath === ':memory:' ? ':memory:' : resolve(database.sqlitePath);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: file,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    prepareDatabase: (db: SqliteHandle) => {
      db.pragma('journal_mode = WAL');
      db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    },
    ...common,
  };
}
