/**
 * Every read stays bounded by its page as features arrive: each GET route of the OpenAPI
 * document is called (ids filled in, first, middle and last pages, with and without filters),
 * every SQL statement it runs is captured from TypeORM, and SQLite's EXPLAIN QUERY PLAN of each
 * must neither scan a table without an index nor sort rows in a temporary B-tree for its
 * ORDER BY. The test database has no statistics, so SQLite plans as if every table were large.
 * SQLite's planner only: the PostgreSQL pass skips this spec.
 */
import type { Logger, QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { Account, bearer, registerAccount } from './support/accounts';
import { openDirect } from './support/chat';
import { insertMatches } from './support/match-fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { describeSqliteOnly } from './support/test-database';

interface Captured {
  sql: string;
  parameters: unknown[];
}

/** Plan steps that read a whole table, or sort, whatever the page. */
const UNBOUNDED = [/^SCAN \S+$/, /^SCAN \S+ \(~\d+ rows\)$/, /USE TEMP B-TREE FOR ORDER BY/];
/** Tables too small to matter: a scan of these is fine. */
const SMALL_TABLES = new Set(['migrations', 'row_counts']);

describeSqliteOnly('query plans of every read route (e2e)', () => {
  let t: TestApp;
  let alice: Account;
  let bob: Account;
  let matchId: string;
  let tournamentId: string;
  let conversationId: string;
  let messageId: string;
  const captured: Captured[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    alice = await registerAccount(t, { username: 'alice', displayName: 'Alice Liddell' });
    bob = await registerAccount(t, { username: 'bob' });
    for (let i = 0; i < 3; i++) await registerAccount(t);
    // A finished one: its replay routes read the match and then the (absent) replay.
    [, matchId] = await insertMatches(
      t.app,
      Array.from({ length: 5 }, (_, i) => ({
        status: i === 0 ? ('in_progress' as const) : ('finished' as const),
        createdAt: new Date(Date.UTC(2026, 0, 1, 10, i)),
        left: { userId: alice.id, alias: 'alice', score: i },
        right: { userId: bob.id, alias: 'bob', score: 11 },
        winnerSide: i === 0 ? null : ('right' as const),
        endReason: i === 0 ? null : ('score' as const),
      })),
    );
    const created = await t
      .http()
      .post('/api/tournaments')
      .set(bearer(alice.accessToken))
      .send({ name: 'Cup', size: 4 })
      .expect(201);
    tournamentId = created.body.id;
    await t
      .http()
      .post('/api/friends/requests')
      .set(bearer(alice.accessToken))
      .send({ userId: bob.id })
      .expect(201);
    await t
      .http()
      .post('/api/friends/requests')
      .set(bearer(bob.accessToken))
      .send({ userId: alice.id })
      .expect(200);

    // A direct conversation with a few messages, a channel, and notifications (the requests).
    conversationId = (await openDirect(t, alice, bob)).id;
    for (let i = 0; i < 3; i++) {
      const sent = await t
        .http()
        .post(`/api/chat/conversations/${conversationId}/messages`)
        .set(bearer(i % 2 ? alice.accessToken : bob.accessToken))
        .send({ body: `message ${i}` })
        .expect(201);
      messageId = sent.body.id;
    }
    for (const name of ['Lobby', 'Lounge']) {
      await t
        .http()
        .post('/api/chat/channels')
        .set(bearer(bob.accessToken))
        .send({ name, visibility: 'public' })
        .expect(201);
    }

    const db = t.app.get(DataSource);
    const capture: Pick<Logger, 'logQuery'> = {
      logQuery: (sql: string, parameters?: unknown[], _runner?: QueryRunner) => {
        if (/^\s*SELECT/i.test(sql)) captured.push({ sql, parameters: parameters ?? [] });
      },
    };
    Object.assign(db.logger, capture);
  });

  afterAll(async () => {
    await t.close();
  });

  /** A value for each path parameter, by the collection it follows. */
  function fill(path: string): string {
    return path.replace(/\/(\w+)\/\{(\w+)\}/g, (_, collection: string, param: string) => {
      const ids: Record<string, string> = {
        matches: matchId,
        users: alice.id,
        tournaments: tournamentId,
        conversations: conversationId,
      };
      const id = ids[collection];
      if (!id) throw new Error(`query-plans spec: no fixture id for {${param}} in ${path}`);
      return `/${collection}/${id}`;
    });
  }

  async function readRoutes(): Promise<string[]> {
    const doc = await t.http().get('/docs-json').expect(200);
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    return (
      Object.entries(paths)
        // The sign-in routes redirect a browser through a provider: they read no page of data.
        .filter(([path, methods]) => 'get' in methods && path.startsWith('/api/'))
        .filter(([path]) => !path.startsWith('/api/auth/'))
        .map(([path]) => path)
    );
  }

  /** The plan lines of a captured statement that read without a bound. */
  function unboundedSteps({ sql, parameters }: Captured): string[] {
    const db = t.app.get(DataSource);
    const { databaseConnection } = db.driver as unknown as {
      databaseConnection: { prepare: (s: string) => { all: (...p: unknown[]) => unknown[] } };
    };
    const plan = databaseConnection.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as {
      detail: string;
    }[];
    return plan
      .map((step) => step.detail)
      .filter((detail) => UNBOUNDED.some((pattern) => pattern.test(detail)))
      .filter((detail) => !SMALL_TABLES.has(detail.split(' ')[1]));
  }

  it('finds every GET route of the API and reads each without a full scan or a sort', async () => {
    const routes = await readRoutes();
    expect(routes).toEqual(
      expect.arrayContaining([
        '/api/leaderboard',
        '/api/matches',
        '/api/users',
        '/api/users/{id}/matches',
        '/api/tournaments',
      ]),
    );
    const offenders: string[] = [];
    for (const route of routes) {
      const path = fill(route);
      const variants = [path];
      const first = await t.http().get(path).set(bearer(alice.accessToken));
      const total = (first.body as { total?: unknown }).total;
      if (typeof total === 'number') {
        // First, middle and last page, one row each: the last is read from the far end.
        variants.push(`${path}?limit=1&page=1`, `${path}?limit=1&page=2`);
        variants.push(`${path}?limit=1&page=${Math.max(total, 1)}`);
        if (route === '/api/users') variants.push(`${path}?search=li`, `${path}?search=li&page=2`);
        if (route === '/api/matches') variants.push(`${path}?status=finished&limit=1&page=4`);
        if (route === '/api/tournaments') variants.push(`${path}?status=registering`);
        if (route === '/api/chat/channels') variants.push(`${path}?search=lo`);
        if (route === '/api/notifications') variants.push(`${path}?unread=true&limit=1&page=2`);
      }
      if (route === '/api/chat/conversations/{id}/messages') {
        variants.push(`${path}?limit=1`, `${path}?before=${messageId}&limit=1`);
      }
      for (const variant of variants) {
        captured.length = 0;
        const res = await t.http().get(variant).set(bearer(alice.accessToken));
        // A 404 (the ledger of an unfinished tournament) still ran its reads.
        expect({ variant, ok: res.status === 200 || res.status === 404 }).toEqual({
          variant,
          ok: true,
        });
        for (const statement of captured) {
          for (const step of unboundedSteps(statement)) {
            const from = statement.sql.slice(statement.sql.indexOf(' FROM '));
            offenders.push(`${variant}: ${step} in …${from.slice(0, 300)}`);
          }
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
