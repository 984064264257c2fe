/**
 * The ledger through the real app: one entry per finished tournament, chained by hashes a client
 * can recompute on its own; appends that never fork even when tournaments end together; and
 * verification that names the first entry someone edited in the database.
 */
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ManualClock } from '../src/common/clock/clock';
import { LedgerEntry } from '../src/modules/ledger/entities/ledger-entry.entity';
import { Account, bearer, registerAccount } from './support/accounts';
import { gameDriver } from './support/game-clock';
import { startTestApp, TestApp } from './support/test-app';

interface Entry {
  index: number;
  hash: string;
  prevHash: string;
  payload: { tournament: { id: string; name: string } };
  createdAt: string;
  anchor: unknown;
}

/** RFC 8785-style canonical JSON, written here independently of the server's. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('tournament ledger (e2e)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 12));
  let t: TestApp;
  let host: Account;
  const game = gameDriver(() => t, clock);
  const entries: Entry[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { GAME_WINNING_SCORE: '2', TOURNAMENT_NOSHOW_MS: '1000' },
    });
    host = await registerAccount(t);
  });

  afterAll(async () => {
    await t.close();
  });

  /** Local two-alias tournaments nobody plays: each ends when its no-show deadline passes. */
  async function finishTogether(names: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const name of names) {
      const res = await t
        .http()
        .post('/api/tournaments')
        .set(bearer(host.accessToken))
        .send({ name, kind: 'local', aliases: ['Left', 'Right'] })
        .expect(201);
      ids.push(res.body.id as string);
    }
    await game.playUntil(() => false, 2);
    for (let i = 0; i < 50; i++) {
      const statuses = await Promise.all(
        ids.map(
          async (id) =>
            (await t.http().get(`/api/tournaments/${id}`).set(bearer(host.accessToken))).body
              .status,
        ),
      );
      if (statuses.every((status) => status === 'finished')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return ids;
  }

  it('appends one chained entry per finished tournament, even when they end in the same tick', async () => {
    expect((await t.http().get('/api/ledger/verify').expect(200)).body).toEqual({
      valid: true,
      length: 0,
      brokenAt: null,
    });
    const ids = await finishTogether(['Cup A', 'Cup B', 'Cup C', 'Cup D']);
    for (const id of ids) {
      const res = await t.http().get(`/api/tournaments/${id}/ledger`).expect(200);
      entries.push(res.body as Entry);
    }
    entries.sort((a, b) => a.index - b.index);
    expect(entries.map((entry) => entry.index)).toEqual([0, 1, 2, 3]);
    expect(entries[0].prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < entries.length; i++) expect(entries[i].prevHash).toBe(entries[i - 1].hash);
    for (const entry of entries) {
      // Anyone can recompute the hash from what the API shows.
      const { index, prevHash, payload, createdAt } = entry;
      expect(sha256(canonical({ index, prevHash, payload, createdAt }))).toBe(entry.hash);
      expect(entry.anchor).toBeNull();
    }
    expect((await t.http().get('/api/ledger/verify').expect(200)).body).toEqual({
      valid: true,
      length: 4,
      brokenAt: null,
    });
  });

  it('answers 404 for a tournament without an entry', async () => {
    const res = await t
      .http()
      .get('/api/tournaments/00000000-0000-4000-8000-000000000000/ledger')
      .expect(404);
    expect(res.body.message).toBe('No ledger entry for this tournament (is it finished?)');
  });

  it('names the first entry edited behind its back', async () => {
    // Edits straight to the table, past the ledger service, as someone with database access would.
    const table = t.app.get(DataSource).getRepository(LedgerEntry);
    const row = (index: number) => table.findOneByOrFail({ index });
    const edit = (
      index: number,
      change: Partial<Pick<LedgerEntry, 'payload' | 'hash' | 'createdAt'>>,
    ) => table.update({ index }, change);
    const verify = async () => (await t.http().get('/api/ledger/verify').expect(200)).body;

    const original = await row(1);
    await edit(1, { payload: original.payload.replace('Cup', 'Cap') });
    expect(await verify()).toEqual({ valid: false, length: 4, brokenAt: 1 });
    await edit(1, { payload: original.payload });
    expect(await verify()).toEqual({ valid: true, length: 4, brokenAt: null });

    // A forger who also rewrites the entry's hash is caught by the next entry.
    await edit(2, { hash: 'f'.repeat(64) });
    expect(await verify()).toEqual({ valid: false, length: 4, brokenAt: 2 });
    await edit(2, { hash: entries[2].hash });

    const first = await row(0);
    await edit(0, { createdAt: new Date('2020-01-01T00:00:00.000Z') });
    expect(await verify()).toEqual({ valid: false, length: 4, brokenAt: 0 });
    await edit(0, { createdAt: first.createdAt });
    expect(await verify()).toEqual({ valid: true, length: 4, brokenAt: null });

    await table.delete({ index: 1 });
    expect(await verify()).toEqual({ valid: false, length: 3, brokenAt: 1 });
  });
});
