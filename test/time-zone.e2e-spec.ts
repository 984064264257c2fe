/**
 * Times are stored in UTC whatever the server's time zone: on PostgreSQL the driver would
 * otherwise write and read `timestamp` columns in local time, so nodes in different zones would
 * disagree, and the ledger (which hashes its entries' times) would stop verifying once moved.
 * The PostgreSQL pass (`npm run test:e2e:pg`) runs in America/New_York for this reason.
 */
import { DataSource } from 'typeorm';
import { Account, registerAccount } from './support/accounts';
import { insertMatch } from './support/match-fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('times in UTC whatever the time zone (e2e)', () => {
  let t: TestApp;
  let alice: Account;

  beforeAll(async () => {
    t = await startTestApp();
    alice = await registerAccount(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('stores a match created at 12:00 UTC as 12:00, and reads it back as the same instant', async () => {
    const createdAt = new Date(Date.UTC(2026, 0, 1, 12, 0, 0, 123));
    const id = await insertMatch(t.app, {
      status: 'finished',
      createdAt,
      left: { userId: alice.id, alias: 'alice', score: 11 },
      right: { userId: null, alias: 'AI', score: 3 },
      winnerSide: 'left',
      endReason: 'score',
    });
    const db = t.app.get(DataSource);
    const raw = await db
      .createQueryBuilder()
      .select('CAST(match.createdAt AS VARCHAR)', 'text')
      .from('matches', 'match')
      .where('match.id = :id', { id })
      .getRawOne<{ text: string }>();
    expect(raw?.text).toMatch(/^2026-01-01[ T]12:00:00\.123/);
    const res = await t
      .http()
      .get(`/api/matches/${id}`)
      .set('Authorization', `Bearer ${alice.accessToken}`)
      .expect(200);
    expect(res.body.createdAt).toBe('2026-01-01T12:00:00.123Z');
  });
});
