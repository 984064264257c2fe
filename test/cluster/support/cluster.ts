/**
 * Several real Arena processes (the built dist/main.js) on one fresh PostgreSQL database and a
 * private redis-server on a free port, as `npm run test:cluster` runs them: no load balancer,
 * each client picks its node. Every process, the Redis server and the database are removed by
 * `stop()`, whatever happened.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, Socket } from 'socket.io-client';
import { createPostgresDatabase, PostgresTestDatabase } from '../../support/postgres-database';

/** The e2e suite's bounded wait for an event, for sockets on any node. */
export { nextEvent } from '../../support/sockets';

const ROOT = join(__dirname, '..', '..', '..');
export const CLUSTER_JWT_SECRET = 'arena-cluster-secret-0123456789abcdefghij';
export const CLUSTER_METRICS_TOKEN = 'arena-cluster-metrics-0123456789';
/** Secrets at rest: every node of one platform shares the key (production requires one). */
export const CLUSTER_ENCRYPTION_KEY = 'c1'.repeat(32);
/** Heartbeats every 300 ms: a killed node is lost after 900 ms. */
export const HEARTBEAT_MS = 300;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Polls `check` every 50 ms until it is truthy, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T> | T,
  timeoutMs = 5000,
  what = 'the condition',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) {
      throw new Error(`${what} did not hold within ${timeoutMs} ms (last: ${String(last)})`);
    }
    await sleep(50);
  }
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** The running redis-server's process id (null while stopped). */
  pid(): number | null;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** `redis-server --port <free> --save '' --appendonly no`, forgetting everything on restart. */
export async function startRedis(): Promise<PrivateRedis> {
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(
      'redis-server is not installed: npm run test:cluster starts a private one (Debian: apt-get install redis-server)',
    );
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'arena-redis-'));
  let server: ChildProcess | null = null;
  const start = async () => {
    server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { cwd: dir, stdio: 'ignore' },
    );
    await eventually(
      () =>
        spawnSync('redis-cli', ['-p', String(port), 'ping'])
          .stdout?.toString()
          .trim() === 'PONG',
      10_000,
      `redis-server on port ${port}`,
    );
  };
  const stop = async () => {
    const running = server;
    server = null;
    if (running && running.exitCode === null && running.signalCode === null) {
      running.kill('SIGKILL');
      await once(running, 'exit');
    }
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: () => server?.pid ?? null,
    start,
    stop,
  };
}

export interface NodeOptions {
  nodeId: string;
  role?: 'api' | 'game' | 'all';
  env?: Record<string, string>;
}

export interface ArenaNode {
  nodeId: string;
  url: string;
  process: ChildProcess;
  /** What the process wrote, for a failing test's message. */
  output: () => string;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface Cluster {
  nodes: ArenaNode[];
  redis: PrivateRedis;
  database: PostgresTestDatabase;
  node(nodeId: string): ArenaNode;
  /** Starts one more node on the same database and Redis (stopped with the others). */
  add(options: NodeOptions): Promise<ArenaNode>;
  stop(): Promise<void>;
}

async function startNode(
  options: NodeOptions,
  shared: Record<string, string>,
  dir: string,
): Promise<ArenaNode> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      JWT_SECRET: CLUSTER_JWT_SECRET,
      METRICS_TOKEN: CLUSTER_METRICS_TOKEN,
      ENCRYPTION_KEY: CLUSTER_ENCRYPTION_KEY,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      RATE_LIMIT: 'off',
      AVATAR_DIR: join(dir, 'avatars'),
      CLUSTER_HEARTBEAT_MS: String(HEARTBEAT_MS),
      NODE_ID: options.nodeId,
      ARENA_ROLE: options.role ?? 'all',
      ...shared,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const end = async (signal: NodeJS.Signals) => {
    if (exited()) return;
    const gone = once(child, 'exit');
    child.kill(signal);
    await gone;
  };
  const node: ArenaNode = {
    nodeId: options.nodeId,
    url,
    process: child,
    output: () => output,
    kill: () => end('SIGKILL'),
    stop: async () => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await end('SIGTERM');
      clearTimeout(timer);
    },
  };
  try {
    await eventually(
      async () => {
        if (exited()) throw new Error(`node ${options.nodeId} exited: ${output}`);
        return (await fetch(`${url}/health`)).ok;
      },
      60_000,
      `node ${options.nodeId} healthy`,
    );
  } catch (error) {
    await node.kill();
    throw new Error(`${String(error)}\n${output}`);
  }
  return node;
}

/** Starts the nodes together (they migrate one at a time, under PostgreSQL's advisory lock). */
export async function startCluster(
  nodes: NodeOptions[],
  env: Record<string, string> = {},
): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'arena-cluster-'));
  const redis = await startRedis();
  let database: PostgresTestDatabase | null = null;
  let shared: Record<string, string> = {};
  const started: ArenaNode[] = [];
  const add = async (options: NodeOptions) => {
    const node = await startNode(options, shared, dir);
    started.push(node);
    return node;
  };
  const stop = async () => {
    await Promise.all(started.map((node) => node.kill()));
    await redis.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    database = await createPostgresDatabase();
    shared = { DATABASE_URL: database.url, REDIS_URL: redis.url, ...env };
    const results = await Promise.allSettled(nodes.map(add));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await stop();
    throw error;
  }
  const byId = (nodeId: string) => {
    const node = started.find((candidate) => candidate.nodeId === nodeId);
    if (!node) throw new Error(`no node ${nodeId}`);
    return node;
  };
  return {
    nodes: nodes.map((options) => byId(options.nodeId)),
    redis,
    database,
    node: byId,
    add,
    stop,
  };
}

export interface Player {
  id: string;
  username: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

let players = 0;

export async function api<T = unknown>(
  node: ArenaNode,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(`${node.url}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

export async function register(node: ArenaNode): Promise<Player> {
  players += 1;
  const username = `c${process.pid % 100000}_${players}`;
  const password = 'cluster password 1';
  const res = await api<{ user: { id: string }; accessToken: string; refreshToken: string }>(
    node,
    'POST',
    '/api/auth/register',
    { body: { username, email: `${username}@example.com`, password } },
  );
  if (res.status !== 201) throw new Error(`register answered ${res.status}`);
  return {
    id: res.body.user.id,
    username,
    password,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
  };
}

/** Makes two players friends (a asks on one node, b accepts on another). */
export async function befriend(a: Player, b: Player, asked: ArenaNode, accepted: ArenaNode) {
  const request = await api<{ id: string }>(asked, 'POST', '/api/friends/requests', {
    token: a.accessToken,
    body: { userId: b.id },
  });
  if (request.status !== 201) throw new Error(`friend request answered ${request.status}`);
  const accept = await api(accepted, 'POST', `/api/friends/requests/${request.body.id}/accept`, {
    token: b.accessToken,
  });
  if (accept.status !== 200) throw new Error(`accept answered ${accept.status}`);
}

export async function statusOf(node: ArenaNode, viewer: Player, userId: string): Promise<string> {
  const res = await api<{ status: string }>(node, 'GET', `/api/users/${userId}`, {
    token: viewer.accessToken,
  });
  return res.body.status;
}

/** A `/game` socket on `node`; resolves once connected, rejects with the connect_error. */
export function connectGame(node: ArenaNode, token: string): Promise<Socket> {
  const socket = io(`${node.url}/game`, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error: Error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Resolves with the reason once the socket is disconnected. */
export function disconnection(socket: Socket, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!socket.connected) {
      resolve('already');
      return;
    }
    const timer = setTimeout(
      () => reject(new Error(`still connected after ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('disconnect', (reason: string) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
