/**
 * Secrets at rest (AES-256-GCM under ENCRYPTION_KEY): a TOTP secret is stored sealed, never in
 * clear, in its column or anywhere in the database files; API keys and pending sign-in verifiers
 * neither; the migration seals secrets stored in clear by older versions (and its `down` opens
 * them), and 2FA logins go on working through it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { authenticator } from 'otplib';
import { DataSource } from 'typeorm';
import { ManualClock } from '../src/common/clock/clock';
import { loadConfig } from '../src/config';
import { buildDataSourceOptions } from '../src/database/data-source.options';
import { User } from '../src/modules/users/entities/user.entity';
import { Account, bearer, registerAccount } from './support/accounts';
import { sqliteOnly } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

describe('secrets at rest (e2e)', () => {
  const clock = new ManualClock(Math.floor(Date.now() / 30_000) * 30_000 + 1_000);
  let t: TestApp;
  let alice: Account;
  let secret: string;
  let apiKey: string;

  const codeNow = () => authenticator.clone({ epoch: clock.now() }).generate(secret);
  const storedSecret = async () =>
    (await t.app.get(DataSource).getRepository(User).findOneByOrFail({ id: alice.id }))
      .twoFactorSecret;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    alice = await registerAccount(t, { username: 'sealed_alice' });
    const setup = await t
      .http()
      .post('/api/auth/2fa/setup')
      .set(bearer(alice.accessToken))
      .expect(200);
    secret = setup.body.secret as string;
    await t
      .http()
      .post('/api/auth/2fa/enable')
      .set(bearer(alice.accessToken))
      .send({ code: codeNow() })
      .expect(204);
    clock.advance(30_000);
    const key = await t
      .http()
      .post('/api/users/me/api-keys')
      .set(bearer(alice.accessToken))
      .send({ name: 'sealed', scopes: ['read'] })
      .expect(201);
    apiKey = key.body.key as string;
  });

  afterAll(async () => {
    await t.close();
  });

  async function login(): Promise<void> {
    const first = await t
      .http()
      .post('/api/auth/login')
      .send({ login: alice.username, password: alice.password })
      .expect(200);
    await t
      .http()
      .post('/api/auth/2fa/login')
      .send({ challengeToken: first.body.challengeToken, code: codeNow() })
      .expect(200);
    clock.advance(30_000);
  }

  it('stores the TOTP secret sealed, bound to its account', async () => {
    const stored = await storedSecret();
    expect(stored).toMatch(/^enc1:[0-9a-f]{8}:[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain(secret);
    await login();
  });

  sqliteOnly('leaves neither the TOTP secret nor an API key in clear in the database files', () => {
    const file = t.env.SQLITE_PATH as string;
    // The WAL holds recent pages: read it too, whatever has been checkpointed.
    const files = readdirSync(dirname(file))
      .filter((name) => name.startsWith('arena.sqlite'))
      .map((name) => join(dirname(file), name))
      .filter(existsSync);
    expect(files.length).toBeGreaterThan(0);
    for (const path of files) {
      const bytes = readFileSync(path);
      expect([path, bytes.includes(secret)]).toEqual([path, false]);
      expect([path, bytes.includes(apiKey.slice(6))]).toEqual([path, false]);
    }
  });

  it('leaves no secret in clear in any column (PostgreSQL too)', async () => {
    const dataSource = t.app.get(DataSource);
    const rows = await dataSource.query<Record<string, unknown>[]>('SELECT * FROM users');
    const keys = await dataSource.query<Record<string, unknown>[]>('SELECT * FROM api_keys');
    const text = JSON.stringify([rows, keys]);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(apiKey.slice(6));
  });

  it('seals secrets stored in clear by older versions when migrating, and opens them on revert', async () => {
    const config = loadConfig(t.env);
    const options = buildDataSourceOptions(config.database, {
      runMigrations: false,
      secrets: config.secrets,
    });
    const tool = new DataSource(options);
    await tool.initialize();
    try {
      // Back to the schema before the sealing migration (and those after it): the secret is
      // in clear again.
      const sealing = tool.migrations.findIndex(
        (migration) => migration.name === 'EncryptTwoFactorSecrets1764810000000',
      );
      for (let applied = tool.migrations.length; applied > sealing; applied--) {
        await tool.undoLastMigration({ transaction: 'each' });
      }
      expect(await storedSecret()).toBe(secret);
      // What an upgrade does on start: the migration seals it.
      await tool.runMigrations({ transaction: 'each' });
      const sealed = await storedSecret();
      expect(sealed).toMatch(/^enc1:/);
      expect(sealed).not.toContain(secret);
    } finally {
      await tool.destroy();
    }
    await login();
  });

  it('reads a secret left in clear (an older node writing during an upgrade), sealing it at its next code', async () => {
    await t.app
      .get(DataSource)
      .getRepository(User)
      .update({ id: alice.id }, { twoFactorSecret: secret });
    await login();
    expect(await storedSecret()).toMatch(/^enc1:/);
  });
});
