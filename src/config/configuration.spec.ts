import { join } from 'node:path';
import {
  ConfigValidationError,
  DEVELOPMENT_ENCRYPTION_KEY,
  DEVELOPMENT_JWT_SECRET,
  loadConfig,
} from './configuration';
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
    // The checkout's web/dist, wherever the process was started from.
    expect(config.storage.webDir).toBe(join(__dirname, '..', '..', 'web', 'dist'));
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
    const key = { ENCRYPTION_KEY: 'k'.repeat(43) };
    expect(problemsOf({ NODE_ENV: 'production', ...key })).toEqual([
      expect.stringContaining('JWT_SECRET is required'),
    ]);
    expect(
      problemsOf({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET, ...key }),
    ).toEqual([expect.stringContaining('JWT_SECRET must not be the development default')]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ...key })).toEqual([]);
  });

  describe('secrets at rest', () => {
    const hex = 'ab'.repeat(32);
    const base64 = Buffer.from('cd'.repeat(32), 'hex').toString('base64');

    it('has a development key outside production, and requires a real one in production', () => {
      expect(loadConfig({}).secrets).toEqual({
        encryptionKey: DEVELOPMENT_ENCRYPTION_KEY,
        previousKeys: [],
      });
      const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) };
      expect(problemsOf(production)).toEqual([
        expect.stringMatching(/^ENCRYPTION_KEY is required when NODE_ENV=production/),
      ]);
      expect(problemsOf({ ...production, ENCRYPTION_KEY: DEVELOPMENT_ENCRYPTION_KEY })).toEqual([
        expect.stringContaining('ENCRYPTION_KEY must not be the development default'),
      ]);
    });

    it('reads hex and base64 keys, and previous keys for a rotation', () => {
      const config = loadConfig({
        ENCRYPTION_KEY: base64,
        ENCRYPTION_KEY_PREVIOUS: `${hex}, ${base64}`,
      });
      expect(config.secrets).toEqual({ encryptionKey: 'cd'.repeat(32), previousKeys: [hex] });
      expect(problemsOf({ ENCRYPTION_KEY: 'short', ENCRYPTION_KEY_PREVIOUS: 'nope' })).toEqual([
        expect.stringContaining('ENCRYPTION_KEY must be 32 bytes'),
        expect.stringContaining('ENCRYPTION_KEY_PREVIOUS must be 32 bytes'),
      ]);
    });
  });

  describe('sign-in providers', () => {
    it('defaults PUBLIC_URL to localhost:PORT and the allow-list to it', () => {
      expect(loadConfig({ PORT: '8080' }).signIn).toEqual({
        publicUrl: 'http://localhost:8080',
        redirectAllowlist: ['http://localhost:8080/'],
        providers: [],
        providerTimeoutMs: 10_000,
      });
    });

    it('reads an OIDC issuer, the 42 preset and a plain OAuth 2.0 provider', () => {
      const { signIn } = loadConfig({
        PUBLIC_URL: 'https://arena.example/',
        OAUTH_REDIRECT_ALLOWLIST: 'https://arena.example/app, http://localhost:5173/',
        OAUTH_PROVIDERS: 'Google, 42, my-sso',
        OAUTH_GOOGLE_ISSUER: 'https://accounts.google.com',
        OAUTH_GOOGLE_CLIENT_ID: 'gid',
        OAUTH_GOOGLE_CLIENT_SECRET: 'gsecret',
        OAUTH_GOOGLE_NAME: 'Google',
        OAUTH_42_CLIENT_ID: 'u-s4t2',
        OAUTH_42_CLIENT_SECRET: 's-s4t2',
        OAUTH_MY_SSO_AUTHORIZE_URL: 'https://sso.example/authorize',
        OAUTH_MY_SSO_TOKEN_URL: 'https://sso.example/token',
        OAUTH_MY_SSO_USERINFO_URL: 'https://sso.example/me',
        OAUTH_MY_SSO_CLIENT_ID: 'mine',
        OAUTH_MY_SSO_SCOPES: 'profile email',
      });
      expect(signIn.publicUrl).toBe('https://arena.example');
      expect(signIn.redirectAllowlist).toEqual([
        'https://arena.example/app',
        'http://localhost:5173/',
      ]);
      expect(signIn.providers).toEqual([
        {
          id: 'google',
          kind: 'oidc',
          name: 'Google',
          issuer: 'https://accounts.google.com/',
          clientId: 'gid',
          clientSecret: 'gsecret',
          scopes: ['openid', 'email', 'profile'],
        },
        {
          id: '42',
          kind: 'oauth2',
          name: '42',
          authorizeUrl: 'https://api.intra.42.fr/oauth/authorize',
          tokenUrl: 'https://api.intra.42.fr/oauth/token',
          userinfoUrl: 'https://api.intra.42.fr/v2/me',
          clientId: 'u-s4t2',
          clientSecret: 's-s4t2',
          scopes: ['public'],
          profile: 'ft',
        },
        {
          id: 'my-sso',
          kind: 'oauth2',
          name: 'my-sso',
          authorizeUrl: 'https://sso.example/authorize',
          tokenUrl: 'https://sso.example/token',
          userinfoUrl: 'https://sso.example/me',
          clientId: 'mine',
          clientSecret: null,
          scopes: ['profile', 'email'],
          profile: 'generic',
        },
      ]);
    });

    it('names every missing or contradictory provider variable', () => {
      expect(
        problemsOf({
          OAUTH_PROVIDERS: 'a,b,c,Bad!',
          OAUTH_A_ISSUER: 'https://a.example',
          OAUTH_A_TOKEN_URL: 'https://a.example/token',
          OAUTH_A_CLIENT_ID: 'a',
          OAUTH_B_CLIENT_ID: 'b',
          OAUTH_C_CLIENT_ID: 'c',
          OAUTH_C_ISSUER: 'http://sso.example',
          PUBLIC_URL: 'arena.example',
          OAUTH_REDIRECT_ALLOWLIST: 'https://x.example/#frag',
        }),
      ).toEqual([
        expect.stringContaining('PUBLIC_URL must be an absolute http(s) URL'),
        expect.stringContaining('OAUTH_REDIRECT_ALLOWLIST must list absolute http(s) URLs'),
        expect.stringContaining('OAUTH_A_ISSUER and OAUTH_A_AUTHORIZE_URL'),
        expect.stringContaining('Provider "b" needs OAUTH_B_ISSUER'),
        expect.stringContaining('OAUTH_C_ISSUER must use https'),
        expect.stringContaining('"bad!" is not a provider id'),
      ]);
      expect(problemsOf({ OAUTH_PROVIDERS: '42' })).toEqual([
        expect.stringContaining('OAUTH_42_CLIENT_ID is required'),
      ]);
    });
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

  it('reads METRICS_TOKEN, unset when empty', () => {
    expect(loadConfig({}).metrics).toEqual({ token: null });
    expect(loadConfig({ METRICS_TOKEN: '' }).metrics).toEqual({ token: null });
    expect(loadConfig({ METRICS_TOKEN: 'p'.repeat(32) }).metrics.token).toBe('p'.repeat(32));
    expect(loadConfig({ METRICS_TOKEN: 'check' }).metrics.token).toBe('check');
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
