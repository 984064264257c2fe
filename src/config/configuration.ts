/**
 * Arena's configuration: the environment of API.md, validated once at start-up into typed
 * namespaces. This folder is the only place that reads process.env; everything else asks
 * `ConfigService<ArenaConfig, true>` for a namespace (`config.get('auth', { infer: true })`).
 */
import { hostname } from 'node:os';
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
}

export interface StorageConfig {
  avatarDir: string;
}

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
}

/** The development secret; a production start refuses it. */
export const DEVELOPMENT_JWT_SECRET = 'arena-development-secret-change-me-0123456789';

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

  const metricsToken = read.optional('METRICS_TOKEN');
  if (metricsToken !== null && metricsToken.length < 16) {
    read.problems.push('METRICS_TOKEN must be at least 16 characters long');
  }

  const cors = read.string('CORS_ORIGIN', '*');
  const config: ArenaConfig = {
    app: {
      nodeEnv,
      production,
      port: read.int('PORT', 3000, 0, 65535),
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
    },
    storage: { avatarDir: read.string('AVATAR_DIR', 'data/avatars') },
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
  };

  if (read.problems.length > 0) throw new ConfigValidationError(read.problems);
  return config;
}
