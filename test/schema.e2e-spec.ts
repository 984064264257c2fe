/**
 * Entities and migrations never drift: after every migration has run, asking TypeORM what a
 * new migration would contain (what `migration:generate` does) must yield nothing. On SQLite and,
 * in the PostgreSQL pass, on a fresh PostgreSQL database.
 */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  ACTIVE_USERS,
  ALL_MATCHES,
  COUNTED_MATCH_STATUSES,
  historyOf,
  matchesWithStatus,
} from '../src/database/row-count.triggers';
import { MatchPlayer } from '../src/modules/matches/entities/match-player.entity';
import { Match, MatchStatus } from '../src/modules/matches/entities/match.entity';
import { User } from '../src/modules/users/entities/user.entity';
import { loadConfig } from '../src/config';
import { buildDataSourceOptions } from '../src/database/data-source.options';
import { makeTempDir } from './support/temp-dir';
import {
  createPostgresDatabase,
  onPostgres,
  PostgresTestDatabase,
  sqliteOnly,
} from './support/test-database';

describe('database schema', () => {
  const dir = makeTempDir();
  let postgres: PostgresTestDatabase | null = null;
  let dataSource: DataSource;

  beforeAll(async () => {
    postgres = onPostgres ? await createPostgresDatabase() : null;
    const { database } = loadConfig(
      postgres
        ? { DATABASE_URL: postgres.url }
        : { SQLITE_PATH: join(dir.path, 'nested', 'schema.sqlite') },
    );
    dataSource = new DataSource(buildDataSourceOptions(database, { runMigrations: true }));
    await dataSource.initialize();
  });

  afterAll(async () => {
    try {
      await dataSource?.destroy();
      await postgres?.drop();
    } finally {
      dir.cleanup();
    }
  });

  it('applies every migration (on SQLite, creating the file in a missing folder)', async () => {
    const applied = await dataSource.query<{ name: string }[]>('SELECT name FROM migrations');
    expect(applied.map((row) => row.name)).toEqual(dataSource.migrations.map((m) => m.name));
    expect(await dataSource.showMigrations()).toBe(false);
  });

  sqliteOnly('runs SQLite in WAL mode with foreign keys and a busy timeout', async () => {
    expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await dataSource.query('PRAGMA busy_timeout')).toEqual([{ timeout: 5000 }]);
  });

  it('has no difference between the entities and the migrated schema', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('keeps row_counts equal to the counts they stand for, through every kind of write', async () => {
    const users = dataSource.getRepository(User);
    const now = new Date();
    const user = (id: string) => ({
      id,
      username: id,
      usernameLower: id,
      email: null,
      passwordHash: null,
      displayName: id.slice(0, 8),
      createdAt: now,
      updatedAt: now,
      erasedAt: null,
    });
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await users.insert(ids.map(user));
    await users.update(ids[0], { erasedAt: now });
    await users.update(ids[1], { displayName: 'renamed' });
    await users.delete(ids[2]);
    const matches = dataSource.getRepository(Match);
    const match = (status: MatchStatus) => ({
      id: randomUUID(),
      mode: 'casual' as const,
      status,
      seed: 1,
      createdAt: now,
    });
    const rows = [match('in_progress'), match('in_progress'), match('waiting'), match('finished')];
    await matches.insert(rows);
    await matches.update(rows[0].id, { status: 'finished' });
    await matches.update({ status: 'waiting' }, { status: 'in_progress' });
    await matches.update(rows[3].id, { endReason: 'score' });
    await matches.delete(rows[1].id);

    // Histories: match_players rows per user, through insert, delete and a user deleted (SET NULL).
    const players = dataSource.getRepository(MatchPlayer);
    const [left, right] = [randomUUID(), randomUUID()];
    await users.insert([user(left), user(right)]);
    const sides = rows.slice(2).flatMap((row) =>
      (['left', 'right'] as const).map((side) => ({
        id: randomUUID(),
        matchId: row.id,
        side,
        userId: side === 'left' ? left : right,
        alias: side,
        matchCreatedAt: now,
      })),
    );
    const firstLeft = sides[0].id;
    // No read-back of defaults: TypeORM would map the rows it reads back onto these objects.
    await players.createQueryBuilder().insert().values(sides).updateEntity(false).execute();
    await players.delete(firstLeft);
    await users.delete(right);

    const counts = new Map(
      (await dataSource.query<{ name: string; count: number }[]>('SELECT * FROM row_counts')).map(
        (row) => [row.name, Number(row.count)],
      ),
    );
    const count = async (sql: string) =>
      Number((await dataSource.query<{ n: number }[]>(`SELECT COUNT(*) AS n ${sql}`))[0].n);
    expect(counts.get(ACTIVE_USERS)).toBe(await count('FROM users WHERE "erasedAt" IS NULL'));
    expect(counts.get(ACTIVE_USERS)).toBe(2);
    expect(counts.get(historyOf(left))).toBe(
      await count(`FROM match_players WHERE "userId" = '${left}'`),
    );
    expect(counts.get(historyOf(left))).toBe(1);
    expect(counts.get(historyOf(right))).toBe(0);
    expect([...counts.keys()].filter((name) => !name)).toEqual([]);
    expect(counts.get(ALL_MATCHES)).toBe(3);
    for (const status of COUNTED_MATCH_STATUSES) {
      expect([status, counts.get(matchesWithStatus(status))]).toEqual([
        status,
        await count(`FROM matches WHERE status = '${status}'`),
      ]);
    }
    expect(counts.get(matchesWithStatus('finished'))).toBe(2);
  });

  it('reverts every migration cleanly', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
    // What is left besides the migrations table: tables, and on PostgreSQL the functions the
    // row_counts triggers call.
    const left = await dataSource.query<{ name: string }[]>(
      onPostgres
        ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'migrations'
           UNION ALL SELECT routine_name FROM information_schema.routines WHERE routine_schema = current_schema()`
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations'",
    );
    expect(left).toEqual([]);
    await dataSource.runMigrations();
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
