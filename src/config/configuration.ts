/**
 * Arena's configuration: the environment of API.md, validated once at start-up into typed
 * namespaces. This folder is the only place that reads process.env; everything else asks
 * `ConfigService<ArenaConfig, true>` for a namespace (`config.get('auth', { infer: true })`).
 */
import { keyIdOf, parseEncryptionKey } from '../common/crypto/encryption-key';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseDuration } from './duration';

export type Env = Record<string, string | undefined>;

export interface AppConfig {
  nodeEnv: string;
  production: boolean;
  port: number;
  host: string;
  corsOrigins: string[] | '*';
  logLevel: string;
  rateLimit: boolean;
}

export interface DatabaseConfig {
  type: 'sqlite' | 'postgres';
  sqlitePath: string;
  url: string | null;
  /** Throwaway test databases only: build the schema from the entities instead of migrations. */
  synchronize: boolean;
}

export interface AuthConfig {
  jwtSecret: string;
  accessTtlMs: number;
  refreshTtlMs: number;
  /** argon2id cost (OWASP: at least 19 MiB and 2 passes). */
  argon2MemoryKiB: number;
  argon2TimeCost: number;
  /** API_KEY_RATE_LIMIT [600]: requests a minute each API key may make. */
  apiKeyRequestsPerMinute: number;
}

/** Secrets at rest (see src/common/crypto): keys as 64 hex digits. */
export interface SecretsConfig {
  /** ENCRYPTION_KEY: seals every new value. */
  encryptionKey: string;
  /** ENCRYPTION_KEY_PREVIOUS: keys of a rotation still in progress; they only open old values. */
  previousKeys: string[];
}

interface ProviderCommon {
  /** Lower-case, as in the routes (`/api/auth/oauth/42`); env names use it upper-cased. */
  id: string;
  name: string;
  clientId: string;
  clientSecret: string | null;
  scopes: string[];
}

/** An OpenID Connect provider, found by discovery from its issuer. */
export interface OidcProviderConfig extends ProviderCommon {
  kind: 'oidc';
  issuer: string;
}

/** An OAuth 2.0 provider without OpenID Connect: its endpoints, and how its user info reads. */
export interface OAuth2ProviderConfig extends ProviderCommon {
  kind: 'oauth2';
  authorizeUrl: string;
  tokenUrl: string;
  userinfoUrl: string;
  /** How the user-info answer maps to an identity (see oauth2-presets.ts). */
  profile: 'ft' | 'generic';
}

export type ProviderConfig = OidcProviderConfig | OAuth2ProviderConfig;

export interface SignInConfig {
  /** PUBLIC_URL, without a trailing slash: callbacks are `<publicUrl>/api/auth/oauth/<id>/callback`. */
  publicUrl: string;
  /** OAUTH_REDIRECT_ALLOWLIST [PUBLIC_URL]: where a sign-in may return to, normalised. */
  redirectAllowlist: string[];
  providers: ProviderConfig[];
  /** OAUTH_TIMEOUT_MS [10000]: the longest Arena waits for a provider's answer. */
  providerTimeoutMs: number;
}

export interface StorageConfig {
  avatarDir: string;
  /** WEB_DIR [web/dist of the checkout]: the built web client served at `/` (absent: not served). */
  webDir: string;
}

/** Where `npm run build` puts the web client: web/dist, from src/config or dist/config alike. */
export const DEFAULT_WEB_DIR = join(__dirname, '..', '..', 'web', 'dist');

/** What a node serves: `api` REST only, `game` the sockets and matches, `all` both. */
export type NodeRole = 'api' | 'game' | 'all';
export const NODE_ROLES: readonly NodeRole[] = ['all', 'api', 'game'];

export interface ClusterConfig {
  /** REDIS_URL: several nodes share live state through this Redis (needs DATABASE_URL). */
  redisUrl: string | null;
  /** ARENA_ROLE [all]. */
  role: NodeRole;
  /** NODE_ID [<hostname>-<pid>]: the node's name in logs, metrics, heartbeats and locks. */
  nodeId: string;
  /** CLUSTER_HEARTBEAT_MS [2000]: how often a node says it is alive. */
  heartbeatMs: number;
  /** A node whose heartbeat is this old (three missed beats) is lost. */
  nodeTtlMs: number;
}

export interface LedgerConfig {
  evmRpcUrl: string | null;
  evmPrivateKey: string | null;
  evmContract: string | null;
}

export interface GameTimingConfig {
  tickRate: number;
  winningScore: number;
  countdownMs: number;
  reconnectGraceMs: number;
  tournamentNoShowMs: number;
  challengeTtlMs: number;
}

export interface HttpServerConfig {
  /**
   * HTTP_HEADERS_TIMEOUT_MS [10000]: a request whose headers have not all arrived by then is
   * answered 408 and its connection closed, so slow senders can't hold connections open.
   */
  headersTimeoutMs: number;
}

export interface MetricsConfig {
  /**
   * METRICS_TOKEN: the bearer token `GET /metrics` requires. Unset, /metrics answers only
   * outside production.
   */
  token: string | null;
}

export interface ArenaConfig {
  app: AppConfig;
  database: DatabaseConfig;
  auth: AuthConfig;
  storage: StorageConfig;
  cluster: ClusterConfig;
  ledger: LedgerConfig;
  game: GameTimingConfig;
  http: HttpServerConfig;
  metrics: MetricsConfig;
  secrets: SecretsConfig;
  signIn: SignInConfig;
}

/** The development secret; a production start refuses it. */
export const DEVELOPMENT_JWT_SECRET = 'arena-development-secret-change-me-0123456789';

/**
 * The development encryption key: public, so whatever it sealed is readable by anyone; a
 * production start refuses it.
 */
export const DEVELOPMENT_ENCRYPTION_KEY =
  'a7f3c9e1d2b4068f5e1a9c3d7b2e4f60182d3c4b5a69788796a5b4c3d2e1f0a9';

/** `42`'s intranet, built in: an OAuth 2.0 provider whose user info is `/v2/me`. */
export const FT_PRESET = {
  name: '42',
  authorizeUrl: 'https://api.intra.42.fr/oauth/authorize',
  tokenUrl: 'https://api.intra.42.fr/oauth/token',
  userinfoUrl: 'https://api.intra.42.fr/v2/me',
  scopes: ['public'],
} as const;

const PROVIDER_ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** `OAUTH_<ID>_<FIELD>`: the id upper-cased, `-` written `_`. */
export const providerVariable = (id: string, field: string) =>
  `OAUTH_${id.toUpperCase().replace(/-/g, '_')}_${field}`;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

const NODE_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** `<hostname>-<pid>`, with anything a node id can't hold replaced. */
export function defaultNodeId(): string {
  const host =
    hostname()
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .slice(0, 48) || 'node';
  return `${host}-${process.pid}`;
}

/** Reads and checks every variable, collecting all problems before failing. */
class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const value = this.env[name]?.trim();
    return value ? value : fallback;
  }

  optional(name: string): string | null {
    const value = this.env[name]?.trim();
    return value ? value : null;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  duration(name: string, fallback: string): number {
    const raw = this.string(name, fallback);
    const ms = parseDuration(raw);
    if (ms === null) {
      this.problems.push(`${name} must be a duration such as 15m, 7d, 30s (got "${raw}")`);
      return parseDuration(fallback) as number;
    }
    return ms;
  }

  /** An absolute http(s) URL, normalised by URL (null when unset). */
  url(name: string): string | null {
    const raw = this.optional(name);
    if (raw === null) return null;
    try {
      const url = new URL(raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // reported below
    }
    this.problems.push(`${name} must be an absolute http(s) URL (got "${raw}")`);
    return null;
  }

  list(name: string): string[] {
    return (this.optional(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.string(name, fallback).toLowerCase();
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }
}

export function loadConfig(env: Env = process.env): ArenaConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.string('NODE_ENV', 'development');
  const production = nodeEnv === 'production';

  const jwtSecret = read.optional('JWT_SECRET');
  if (production && jwtSecret === null) {
    read.problems.push('JWT_SECRET is required when NODE_ENV=production (a long random string)');
  } else if (production && jwtSecret === DEVELOPMENT_JWT_SECRET) {
    read.problems.push('JWT_SECRET must not be the development default when NODE_ENV=production');
  } else if (jwtSecret !== null && jwtSecret.length < 32) {
    read.problems.push('JWT_SECRET must be at least 32 characters long');
  }

  const databaseUrl = read.optional('DATABASE_URL');
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    read.problems.push('DATABASE_URL must be a postgres:// URL');
  }

  const redisUrl = read.optional('REDIS_URL');
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl)) {
    read.problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  } else if (redisUrl !== null && databaseUrl === null) {
    read.problems.push(
      'REDIS_URL needs DATABASE_URL: several nodes share one PostgreSQL database ' +
        '(set DATABASE_URL=postgres://…, or unset REDIS_URL to run one node on SQLite)',
    );
  }
  const nodeId = read.string('NODE_ID', defaultNodeId());
  if (!NODE_ID_PATTERN.test(nodeId)) {
    read.problems.push(`NODE_ID must be 1 to 64 of [A-Za-z0-9._-] (got "${nodeId}")`);
  }
  const heartbeatMs = read.int('CLUSTER_HEARTBEAT_MS', 2000, 100, 60_000);

  // Any token the operator and Prometheus share; its strength is theirs to choose.
  const metricsToken = read.optional('METRICS_TOKEN');

  const port = read.int('PORT', 3000, 0, 65535);
  const secrets = readSecrets(read, production);
  const signIn = readSignIn(read, port);

  const cors = read.string('CORS_ORIGIN', '*');
  const config: ArenaConfig = {
    app: {
      nodeEnv,
      production,
      port,
      host: read.string('HOST', '0.0.0.0'),
      corsOrigins:
        cors === '*'
          ? '*'
          : cors
              .split(',')
              .map((origin) => origin.trim())
              .filter(Boolean),
      logLevel: read.oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
      rateLimit: read.oneOf('RATE_LIMIT', 'on', ['on', 'off']) === 'on',
    },
    database: {
      type: databaseUrl ? 'postgres' : 'sqlite',
      sqlitePath: read.string('SQLITE_PATH', 'data/arena.sqlite'),
      url: databaseUrl,
      synchronize: false,
    },
    auth: {
      jwtSecret: jwtSecret ?? DEVELOPMENT_JWT_SECRET,
      accessTtlMs: read.duration('JWT_ACCESS_TTL', '15m'),
      refreshTtlMs: read.duration('JWT_REFRESH_TTL', '7d'),
      argon2MemoryKiB: 19456,
      argon2TimeCost: 2,
      apiKeyRequestsPerMinute: read.int('API_KEY_RATE_LIMIT', 600, 1, 1_000_000),
    },
    storage: {
      avatarDir: read.string('AVATAR_DIR', 'data/avatars'),
      webDir: read.string('WEB_DIR', DEFAULT_WEB_DIR),
    },
    cluster: {
      redisUrl,
      role: read.oneOf('ARENA_ROLE', 'all', NODE_ROLES),
      nodeId,
      heartbeatMs,
      nodeTtlMs: heartbeatMs * 3,
    },
    ledger: {
      evmRpcUrl: read.optional('LEDGER_EVM_RPC_URL'),
      evmPrivateKey: read.optional('LEDGER_EVM_PRIVATE_KEY'),
      evmContract: read.optional('LEDGER_EVM_CONTRACT'),
    },
    game: {
      tickRate: read.int('GAME_TICK_RATE', 60, 1, 240),
      winningScore: read.int('GAME_WINNING_SCORE', 11, 1, 100),
      countdownMs: read.int('GAME_COUNTDOWN_MS', 3000, 0, 60_000),
      reconnectGraceMs: read.int('GAME_RECONNECT_GRACE_MS', 15_000, 0, 600_000),
      tournamentNoShowMs: read.int('TOURNAMENT_NOSHOW_MS', 60_000, 0, 3_600_000),
      challengeTtlMs: read.int('CHALLENGE_TTL_MS', 30_000, 1, 3_600_000),
    },
    // At most the request timeout (5 minutes), which Node requires of it.
    http: { headersTimeoutMs: read.int('HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 300_000) },
    metrics: { token: metricsToken },
    secrets,
    signIn,
  };

  if (read.problems.length > 0) throw new ConfigValidationError(read.problems);
  return config;
}

function readSecrets(read: EnvReader, production: boolean): SecretsConfig {
  const keyOf = (name: string, text: string): string | null => {
    const key = parseEncryptionKey(text);
    if (key) return key.toString('hex');
    read.problems.push(`${name} must be 32 bytes written as 64 hex digits or in base64`);
    return null;
  };
  const raw = read.optional('ENCRYPTION_KEY');
  let encryptionKey = DEVELOPMENT_ENCRYPTION_KEY;
  if (raw === null) {
    if (production) {
      read.problems.push(
        'ENCRYPTION_KEY is required when NODE_ENV=production (32 random bytes as hex or base64, e.g. `openssl rand -hex 32`)',
      );
    }
  } else {
    encryptionKey = keyOf('ENCRYPTION_KEY', raw) ?? DEVELOPMENT_ENCRYPTION_KEY;
    if (production && encryptionKey === DEVELOPMENT_ENCRYPTION_KEY) {
      read.problems.push(
        'ENCRYPTION_KEY must not be the development default when NODE_ENV=production',
      );
    }
  }
  const previousKeys = read
    .list('ENCRYPTION_KEY_PREVIOUS')
    .map((text) => keyOf('ENCRYPTION_KEY_PREVIOUS', text))
    .filter((key): key is string => key !== null && key !== encryptionKey);
  const ids = new Set(
    [encryptionKey, ...previousKeys].map((key) => keyIdOf(Buffer.from(key, 'hex'))),
  );
  if (ids.size !== new Set([encryptionKey, ...previousKeys]).size) {
    read.problems.push(
      'ENCRYPTION_KEY_PREVIOUS holds two keys with the same key id: use fresh random keys',
    );
  }
  return { encryptionKey, previousKeys: [...new Set(previousKeys)] };
}

function readSignIn(read: EnvReader, port: number): SignInConfig {
  const publicUrl = (read.url('PUBLIC_URL') ?? `http://localhost:${port}/`).replace(/\/+$/, '');
  const allowlist = read.list('OAUTH_REDIRECT_ALLOWLIST').flatMap((entry) => {
    const url = safeUrl(entry);
    if (url && !url.hash) return [url.href];
    read.problems.push(
      `OAUTH_REDIRECT_ALLOWLIST must list absolute http(s) URLs without a #fragment (got "${entry}")`,
    );
    return [];
  });
  const providers: ProviderConfig[] = [];
  for (const id of read.list('OAUTH_PROVIDERS').map((item) => item.toLowerCase())) {
    if (!PROVIDER_ID.test(id)) {
      read.problems.push(
        `OAUTH_PROVIDERS: "${id}" is not a provider id (1 to 32 of a-z, 0-9, _ and -, starting with a letter or digit)`,
      );
      continue;
    }
    if (providers.some((provider) => provider.id === id)) {
      read.problems.push(`OAUTH_PROVIDERS names "${id}" twice`);
      continue;
    }
    const provider = readProvider(read, id);
    if (provider) providers.push(provider);
  }
  return {
    publicUrl,
    redirectAllowlist: allowlist.length > 0 ? allowlist : [new URL(publicUrl).href],
    providers,
    providerTimeoutMs: read.int('OAUTH_TIMEOUT_MS', 10_000, 100, 120_000),
  };
}

function readProvider(read: EnvReader, id: string): ProviderConfig | null {
  const name = (field: string) => providerVariable(id, field);
  const clientId = read.optional(name('CLIENT_ID'));
  if (clientId === null)
    read.problems.push(`${name('CLIENT_ID')} is required for provider "${id}"`);
  const common = {
    id,
    clientId: clientId ?? '',
    clientSecret: read.optional(name('CLIENT_SECRET')),
  };
  const scopes = read
    .optional(name('SCOPES'))
    ?.split(/[\s,]+/)
    .filter(Boolean);
  const secure = (variable: string): string | null => {
    const url = read.url(variable);
    if (url === null || isSecureProviderUrl(url)) return url;
    read.problems.push(`${variable} must use https (http is accepted on loopback only)`);
    return null;
  };
  const issuer = secure(name('ISSUER'));
  const endpoints = {
    authorizeUrl: secure(name('AUTHORIZE_URL')),
    tokenUrl: secure(name('TOKEN_URL')),
    userinfoUrl: secure(name('USERINFO_URL')),
  };
  const anyEndpoint = Object.values(endpoints).some((url) => url !== null);
  const preset = id === '42' ? FT_PRESET : null;
  if (issuer !== null || read.optional(name('ISSUER')) !== null) {
    if (anyEndpoint) {
      read.problems.push(
        `${name('ISSUER')} and ${name('AUTHORIZE_URL')}/_TOKEN_URL/_USERINFO_URL exclude each other: OpenID Connect providers are found by discovery`,
      );
    }
    return {
      ...common,
      kind: 'oidc',
      name: read.string(name('NAME'), id),
      issuer: issuer ?? '',
      scopes: scopes ?? ['openid', 'email', 'profile'],
    };
  }
  const authorizeUrl = endpoints.authorizeUrl ?? preset?.authorizeUrl ?? null;
  const tokenUrl = endpoints.tokenUrl ?? preset?.tokenUrl ?? null;
  const userinfoUrl = endpoints.userinfoUrl ?? preset?.userinfoUrl ?? null;
  if (authorizeUrl === null || tokenUrl === null || userinfoUrl === null) {
    read.problems.push(
      `Provider "${id}" needs ${name('ISSUER')} (OpenID Connect) or all of ${name('AUTHORIZE_URL')}, ${name('TOKEN_URL')} and ${name('USERINFO_URL')} (OAuth 2.0)`,
    );
    return null;
  }
  return {
    ...common,
    kind: 'oauth2',
    name: read.string(name('NAME'), preset?.name ?? id),
    authorizeUrl,
    tokenUrl,
    userinfoUrl,
    scopes: scopes ?? (preset ? [...preset.scopes] : []),
    profile: preset ? 'ft' : 'generic',
  };
}

/** https, or http on a loopback address (a provider on the same machine, in development and tests). */
export function isSecureProviderUrl(text: string): boolean {
  const url = new URL(text);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopback(url.hostname);
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function safeUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
