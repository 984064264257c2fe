/**
 * Entities and migrations never drift: after every migration has run, asking TypeORM what a
 * new migration would contain (what `migration:generate` does) must yield nothing.
 */
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config';
import { buildDataSourceOptions } from '../src/database/data-source.options';
import { makeTempDir } from './support/temp-dir';

describe('database schema', () => {
  const dir = makeTempDir();
  let dataSource: DataSource;

  beforeAll(async () => {
    const { database } = loadConfig({ SQLITE_PATH: join(dir.path, 'nested', 'schema.sqlite') });
    dataSource = new DataSource(buildDataSourceOptions(database, { runMigrations: true }));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    dir.cleanup();
  });

  it('creates the database file in a missing folder and applies every migration', async () => {
    const applied = await dataSource.query<{ name: string }[]>('SELECT name FROM migrations');
    expect(applied.map((row) => row.name)).toEqual(dataSource.migrations.map((m) => m.name));
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('runs SQLite in WAL mode with foreign keys and a busy timeout', async () => {
    expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await dataSource.query('PRAGMA busy_timeout')).toEqual([{ timeout: 5000 }]);
  });

  it('has no difference between the entities and the migrated schema', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('reverts every migration cleanly', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
    const tables = await dataSource.query<{ name: string }[]>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations'",
    );
    expect(tables).toEqual([]);
    await dataSource.runMigrations();
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
