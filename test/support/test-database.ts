/**
 * The database e2e specs run on. SQLite (a temporary file per app) by default; when
 * ARENA_TEST_POSTGRES holds an admin URL (`postgres://postgres@127.0.0.1:5432/postgres`, what
 * `npm run test:e2e:pg` sets), each app gets a fresh PostgreSQL database of its own, dropped when
 * the app closes. Tests that only mean something on SQLite (pragmas, its query planner) say so
 * with `sqliteOnly`.
 */
const ADMIN_URL = process.env.ARENA_TEST_POSTGRES?.trim() || null;

/** True in the PostgreSQL pass of the e2e suite. */
export const onPostgres = ADMIN_URL !== null;

/** `it` on SQLite, `it.skip` on PostgreSQL. */
export const sqliteOnly: jest.It = onPostgres ? it.skip : it;

/** `describe` on SQLite, `describe.skip` on PostgreSQL (whole specs about SQLite itself). */
export const describeSqliteOnly: jest.Describe = onPostgres ? describe.skip : describe;

export { createPostgresDatabase, postgresUrl } from './postgres-database';
export type { PostgresTestDatabase } from './postgres-database';
