/**
 * The GDPR export of a player with more matches than SQLite has bound variables (32,766): every
 * match is in it, newest first, and the answer is streamed in many chunks rather than built
 * whole (bench:data measures its pauses and memory).
 */
import { get } from 'node:http';
import { Account, bearer, registerAccount } from './support/accounts';
import { FixtureMatch, insertMatches } from './support/match-fixtures';
import { startTestApp, TestApp } from './support/test-app';

const MATCHES = 34_000;

describe('export of a player with 34,000 matches (e2e)', () => {
  let t: TestApp;
  let heavy: Account;
  let rival: Account;
  let newestFirst: string[];

  beforeAll(async () => {
    t = await startTestApp();
    heavy = await registerAccount(t, { username: 'heavy' });
    rival = await registerAccount(t, { username: 'rival' });
    const start = Date.UTC(2025, 0, 1);
    const fixtures: FixtureMatch[] = Array.from({ length: MATCHES }, (_, i) => ({
      status: 'finished',
      // Some share a millisecond, so the order must also break ties by id.
      createdAt: new Date(start + Math.floor(i / 2) * 1000),
      left: { userId: heavy.id, alias: 'heavy', score: 11 },
      right: { userId: rival.id, alias: 'rival', score: i % 11 },
      winnerSide: 'left',
      endReason: 'score',
      mode: 'casual',
    }));
    const ids = await insertMatches(t.app, fixtures);
    newestFirst = ids
      .map((id, i) => ({ id, at: fixtures[i].createdAt.getTime() }))
      .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((row) => row.id);
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  /** The raw answer, with the number of chunks it came in. */
  function download(
    token: string,
  ): Promise<{ status: number; type: string; chunks: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = get(`${t.url}/api/users/me/export`, { headers: bearer(token) }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type']),
            chunks: parts.length,
            body: Buffer.concat(parts).toString('utf8'),
          }),
        );
        res.on('error', reject);
      });
      request.on('error', reject);
    });
  }

  it('answers 200 with every match, newest first, streamed in chunks', async () => {
    const res = await download(heavy.accessToken);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    expect(res.chunks).toBeGreaterThan(10);
    const body = JSON.parse(res.body) as {
      profile: { id: string };
      matches: { id: string; players: { user: { id: string } | null }[] }[];
      tournaments: unknown[];
    };
    expect(body.profile.id).toBe(heavy.id);
    expect(body.matches).toHaveLength(MATCHES);
    expect(body.matches.map((match) => match.id)).toEqual(newestFirst);
    expect(body.matches[0].players.map((player) => player.user?.id)).toEqual([heavy.id, rival.id]);
    expect(body.tournaments).toEqual([]);
  }, 120_000); // 340 chunks, each a query that yields to the loop: long on a busy runner

  it('pages the same history, first and last pages alike', async () => {
    const first = await t
      .http()
      .get(`/api/users/${heavy.id}/matches?limit=100`)
      .set(bearer(rival.accessToken))
      .expect(200);
    expect(first.body.total).toBe(MATCHES);
    expect(first.body.items.map((m: { id: string }) => m.id)).toEqual(newestFirst.slice(0, 100));
    const last = await t
      .http()
      .get(`/api/users/${heavy.id}/matches?limit=100&page=${MATCHES / 100}`)
      .set(bearer(rival.accessToken))
      .expect(200);
    expect(last.body.items.map((m: { id: string }) => m.id)).toEqual(newestFirst.slice(-100));
    const all = await t.http().get('/api/matches?limit=7&page=4000').set(bearer(rival.accessToken));
    expect(all.body.items.map((m: { id: string }) => m.id)).toEqual(
      newestFirst.slice(7 * 3999, 7 * 4000),
    );
    const past = await t
      .http()
      .get(`/api/users/${heavy.id}/matches?page=100000`)
      .set(bearer(rival.accessToken))
      .expect(200);
    expect(past.body).toEqual({ items: [], total: MATCHES, page: 100000, limit: 20 });
  });
});
