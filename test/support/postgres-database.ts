/**
 * Fresh PostgreSQL databases on the server ARENA_TEST_POSTGRES names (an admin URL such as
 * `postgres://postgres@127.0.0.1:5432/postgres`), each dropped by its `drop()`. Free of Jest, so
 * the cluster benchmark (bench/cluster.bench.ts) starts its nodes with the cluster specs' support.
 */
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/** The admin URL, read when used (a bench sets its default before its first database). */
function adminUrl(): string {
  const url = process.env.ARENA_TEST_POSTGRES?.trim();
  if (!url) throw new Error('ARENA_TEST_POSTGRES is not set');
  return url;
}

export interface PostgresTestDatabase {
  /** The `DATABASE_URL` of the new database. */
  url: string;
  /** Drops it, closing whatever connections are still open on it. */
  drop: () => Promise<void>;
}

/** One statement on the admin database, over a connection (the `pg` driver) opened for it. */
async function asAdmin(sql: string): Promise<void> {
  const admin = new DataSource({ type: 'postgres', url: adminUrl(), poolSize: 1 });
  await admin.initialize();
  try {
    await admin.query(sql);
  } finally {
    await admin.destroy();
  }
}

/** The URL of database `name` on the server ARENA_TEST_POSTGRES names. */
export function postgresUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

let created = 0;

/** A fresh, empty database `arena_e2e_<pid>_<n>` on the server ARENA_TEST_POSTGRES names. */
export async function createPostgresDatabase(): Promise<PostgresTestDatabase> {
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
