/**
 * The database e2e specs run on. SQLite (a temporary file per app) by default; when
 * ARENA_TEST_POSTGRES holds an admin URL (`postgres://postgres@127.0.0.1:5432/postgres`, what
 * `npm run test:e2e:pg` sets), each app gets a fresh PostgreSQL database of its own, dropped when
 * the app closes. Tests that only mean something on SQLite (pragmas, its query planner) say so
 * with `sqliteOnly`.
 */
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

const ADMIN_URL = process.env.ARENA_TEST_POSTGRES?.trim() || null;

/** True in the PostgreSQL pass of the e2e suite. */
export const onPostgres = ADMIN_URL !== null;

/** `it` on SQLite, `it.skip` on PostgreSQL. */
export const sqliteOnly: jest.It = onPostgres ? it.skip : it;

/** `describe` on SQLite, `describe.skip` on PostgreSQL (whole specs about SQLite itself). */
export const describeSqliteOnly: jest.Describe = onPostgres ? describe.skip : describe;

export interface PostgresTestDatabase {
  /** The `DATABASE_URL` of the new database. */
  url: string;
  /** Drops it, closing whatever connections are still open on it. */
  drop: () => Promise<void>;
}

/** One statement on the admin database, over a connection (the `pg` driver) opened for it. */
async function asAdmin(sql: string): Promise<void> {
  const admin = new DataSource({ type: 'postgres', url: ADMIN_URL ?? undefined, poolSize: 1 });
  await admin.initialize();
  try {
    await admin.query(sql);
  } finally {
    await admin.destroy();
  }
}

/** The URL of database `name` on the server ARENA_TEST_POSTGRES names. */
export function postgresUrl(name: string): string {
  if (ADMIN_URL === null) throw new Error('ARENA_TEST_POSTGRES is not set');
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

let created = 0;

/** A fresh, empty database `arena_e2e_<pid>_<n>` on the server ARENA_TEST_POSTGRES names. */
export async function createPostgresDatabase(): Promise<PostgresTestDatabase> {
  if (ADMIN_URL === null) throw new Error('ARENA_TEST_POSTGRES is not set');
  let name = `arena_e2e_${process.pid}_${++created}`;
  try {
    await asAdmin(`CREATE DATABASE "${name}"`);
  } catch (error) {
    // 42P04: the name is taken (a run on another machine sharing the server, or a killed run's
    // leftover): never reuse or drop it, take another.
    if ((error as { code?: string }).code !== '42P04') throw error;
    name = `${name}_${randomBytes(4).toString('hex')}`;
    await asAdmin(`CREATE DATABASE "${name}"`);
  }
  return {
    url: postgresUrl(name),
    drop: () => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
