import { ConfigValidationError, DEVELOPMENT_JWT_SECRET, loadConfig } from './configuration';
import { parseDuration } from './duration';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadConfig', () => {
  it('gives API.md’s defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.app).toEqual({
      nodeEnv: 'development',
      production: false,
      port: 3000,
      host: '0.0.0.0',
      corsOrigins: '*',
      logLevel: 'info',
      rateLimit: true,
    });
    expect(config.database).toEqual({
      type: 'sqlite',
      sqlitePath: 'data/arena.sqlite',
      url: null,
      synchronize: false,
    });
    expect(config.auth).toMatchObject({ accessTtlMs: 15 * 60_000, refreshTtlMs: 7 * 86_400_000 });
    expect(config.storage.avatarDir).toBe('data/avatars');
    expect(config.game).toEqual({
      tickRate: 60,
      winningScore: 11,
      countdownMs: 3000,
      reconnectGraceMs: 15_000,
      tournamentNoShowMs: 60_000,
      challengeTtlMs: 30_000,
    });
  });

  it('refuses production without JWT_SECRET, or with the development one', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringContaining('JWT_SECRET is required'),
    ]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toEqual([
      expect.stringContaining('JWT_SECRET must not be the development default'),
    ]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toEqual([]);
  });

  it('collects every invalid variable with its name', () => {
    expect(
      problemsOf({
        PORT: '70000',
        JWT_SECRET: 'short',
        JWT_ACCESS_TTL: 'soon',
        LOG_LEVEL: 'loud',
        RATE_LIMIT: 'maybe',
        DATABASE_URL: 'mysql://x',
        GAME_TICK_RATE: '0',
      }),
    ).toEqual([
      expect.stringContaining('JWT_SECRET must be at least 32'),
      expect.stringContaining('DATABASE_URL must be a postgres:// URL'),
      expect.stringContaining('PORT must be an integer'),
      expect.stringContaining('LOG_LEVEL must be one of'),
      expect.stringContaining('RATE_LIMIT must be one of'),
      expect.stringContaining('JWT_ACCESS_TTL must be a duration'),
      expect.stringContaining('GAME_TICK_RATE must be an integer'),
    ]);
  });

  it('reads PostgreSQL, CORS lists and RATE_LIMIT=off', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://arena:pw@db:5432/arena',
      CORS_ORIGIN: 'https://a.example, https://b.example',
      RATE_LIMIT: 'OFF',
    });
    expect(config.database).toMatchObject({
      type: 'postgres',
      url: 'postgres://arena:pw@db:5432/arena',
    });
    expect(config.app.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.app.rateLimit).toBe(false);
  });

  it('bounds the wait for request headers: 10 s by default, configurable', () => {
    expect(loadConfig({}).http).toEqual({ headersTimeoutMs: 10_000 });
    expect(loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '250' }).http.headersTimeoutMs).toBe(250);
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '0' })).toEqual([
      expect.stringContaining('HTTP_HEADERS_TIMEOUT_MS must be an integer from 100 to 300000'),
    ]);
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '600000' })).toHaveLength(1);
  });

  it('names the node and its role: <hostname>-<pid> and all by default', () => {
    const { cluster } = loadConfig({});
    expect(cluster).toEqual({
      redisUrl: null,
      role: 'all',
      nodeId: expect.stringMatching(new RegExp(`-${process.pid}$`)),
      heartbeatMs: 2000,
      nodeTtlMs: 6000,
    });
    const named = loadConfig({
      NODE_ID: 'game-2',
      ARENA_ROLE: 'GAME',
      CLUSTER_HEARTBEAT_MS: '500',
    });
    expect(named.cluster).toMatchObject({ nodeId: 'game-2', role: 'game', nodeTtlMs: 1500 });
    expect(problemsOf({ NODE_ID: 'game 2', ARENA_ROLE: 'worker' })).toEqual([
      expect.stringContaining('NODE_ID must be 1 to 64 of [A-Za-z0-9._-]'),
      expect.stringContaining('ARENA_ROLE must be one of all, api, game'),
    ]);
  });

  it('refuses REDIS_URL without DATABASE_URL, naming both', () => {
    expect(problemsOf({ REDIS_URL: 'redis://127.0.0.1:6379' })).toEqual([
      expect.stringMatching(/REDIS_URL needs DATABASE_URL/),
    ]);
    expect(problemsOf({ REDIS_URL: 'http://cache', DATABASE_URL: 'postgres://db/arena' })).toEqual([
      expect.stringContaining('REDIS_URL must be a redis:// or rediss:// URL'),
    ]);
    const config = loadConfig({
      REDIS_URL: 'redis://cache:6379/0',
      DATABASE_URL: 'postgres://db/arena',
    });
    expect(config.cluster.redisUrl).toBe('redis://cache:6379/0');
  });

  it('reads METRICS_TOKEN, refusing a short one', () => {
    expect(loadConfig({}).metrics).toEqual({ token: null });
    expect(loadConfig({ METRICS_TOKEN: 'p'.repeat(32) }).metrics.token).toBe('p'.repeat(32));
    expect(problemsOf({ METRICS_TOKEN: 'short' })).toEqual([
      expect.stringContaining('METRICS_TOKEN must be at least 16 characters'),
    ]);
  });
});

describe('parseDuration', () => {
  it.each([
    ['15m', 900_000],
    ['7d', 604_800_000],
    ['30s', 30_000],
    ['250ms', 250],
    ['2h', 7_200_000],
    ['90', 90_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'soon', '-5m', '1.5h', '0', '10y'])('refuses %p', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});
