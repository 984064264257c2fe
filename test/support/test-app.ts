/**
 * Each e2e spec builds its own Arena through the production `createApp`, on port 0 with its own
 * temporary SQLite file (or, in the PostgreSQL pass, its own fresh PostgreSQL database: see
 * test-database.ts), and closes it afterwards. `restart()` reopens the same database, as a server
 * restart would.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import type { Clock } from '../../src/common/clock/clock';
import { RandomSource, SeededRandomSource } from '../../src/common/random/random-source';
import type { Env } from '../../src/config';
import { checkAnswersAgainstOpenApi } from './openapi-contract';
import { makeTempDir } from './temp-dir';
import { createPostgresDatabase, onPostgres } from './test-database';

export const TEST_JWT_SECRET = 'arena-e2e-secret-0123456789abcdefghijklmnop';
/** ENCRYPTION_KEY of every test app (32 bytes as hex), so secrets at rest are really sealed. */
export const TEST_ENCRYPTION_KEY = '5e'.repeat(32);

/**
 * Answers that broke the OpenAPI contract (openapi-contract.ts) since the last check: the test
 * that saw them fails, naming each route, status and schema error.
 */
const contractViolations: string[] = [];
const contractChecks = new Set<Promise<void>>();
const contractReport = {
  violation: (description: string) => contractViolations.push(description),
  pending: (check: Promise<void>) => {
    contractChecks.add(check);
    const settled = () => contractChecks.delete(check);
    check.then(settled, settled);
  },
};

export async function expectNoContractViolations(): Promise<void> {
  await Promise.all(contractChecks);
  const seen = contractViolations.splice(0);
  if (seen.length > 0) {
    throw new Error(`HTTP answers that /docs-json does not describe:\n- ${seen.join('\n- ')}`);
  }
}

afterEach(expectNoContractViolations);

export interface TestApp {
  app: NestFastifyApplication;
  /** http://127.0.0.1:<port> */
  url: string;
  env: Env;
  http: () => ReturnType<typeof request>;
  restart: () => Promise<void>;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  env?: Env;
  clock?: Clock;
  /** Match seeds; by default a fixed seeded source, so every match a spec plays is reproducible. */
  random?: RandomSource;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = makeTempDir();
  const postgres = onPostgres ? await createPostgresDatabase() : null;
  const env: Env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT: 'off',
    JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ...(postgres
      ? { DATABASE_URL: postgres.url }
      : { SQLITE_PATH: join(dir.path, 'arena.sqlite') }),
    AVATAR_DIR: join(dir.path, 'avatars'),
    ...options.env,
  };
  const dispose = async () => {
    try {
      await postgres?.drop();
    } finally {
      dir.cleanup();
    }
  };

  const random = options.random ?? new SeededRandomSource(20261124);
  const boot = async () => {
    const app = await createApp({
      env,
      clock: options.clock,
      random,
      shutdownHooks: false,
      configure: (fastify) => checkAnswersAgainstOpenApi(fastify, contractReport),
    });
    await app.listen(0, '127.0.0.1');
    return app;
  };

  let app: NestFastifyApplication;
  try {
    app = await boot();
  } catch (error) {
    await dispose();
    throw error;
  }
  const handle: TestApp = {
    app,
    url: '',
    env,
    http: () => request(handle.url),
    restart: async () => {
      await handle.app.close();
      handle.app = await boot();
      handle.url = (await handle.app.getUrl()).replace('[::1]', '127.0.0.1');
    },
    close: async () => {
      try {
        await handle.app.close();
      } finally {
        await dispose();
      }
      await expectNoContractViolations();
    },
  };
  handle.url = (await handle.app.getUrl()).replace('[::1]', '127.0.0.1');
  return handle;
}
