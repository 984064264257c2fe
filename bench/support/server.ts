/**
 * Starts the servers a benchmark drives, each in its own process on loopback: the built Arena
 * (dist/main.js, on a temporary SQLite file or a given one, rate limits off, production mode)
 * and the floors of bench/reference (raw Fastify on Arena's own SQLite file; bare Socket.IO on Arena's engine). `stop()` ends a server and
 * removes its files. With `profile`, the server's CPU is profiled between `profileStart()` and
 * `profileStop()` (see cpu-profile.ts).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import ts from 'typescript';

export interface BenchServer {
  base: string;
  pid: number;
  stop: () => Promise<void>;
  /** Start, then stop and write, the CPU profile (no-ops without `profile`). */
  profileStart: () => void;
  /** Writes the profile to `profile`, or to `as` in the same folder when given. */
  profileStop: (as?: string) => Promise<void>;
}

export interface ArenaBenchServer extends BenchServer {
  sqlitePath: string;
  jwtSecret: string;
}

export interface StartOptions {
  /** Write a .cpuprofile of the measured window to this path. */
  profile?: string;
}

export interface ArenaStartOptions extends StartOptions {
  /**
   * Serve this existing SQLite file (say, a seeded one) instead of a fresh temporary one; the
   * caller owns it, so `stop()` leaves it in place.
   */
  sqlitePath?: string;
}

export const BENCH_PASSWORD = 'benchmark password';
export const BENCH_JWT_SECRET = 'arena-benchmark-secret-0123456789abcdef';
/** The bearer /metrics requires of the benches' server (it runs in production mode). */
export const BENCH_METRICS_TOKEN = 'arena-benchmark-metrics-0123456789';

const ROOT = join(__dirname, '..', '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'arena-bench');

/**
 * A bench-side TypeScript file as plain JavaScript, so a server (or a bench's helper process)
 * runs on bare Node: under ts-node it would also load `repl`, hence `domain`, which slows every
 * EventEmitter down. The output sits under node_modules/.cache so its imports resolve from the
 * project.
 */
export function compiled(file: string): string {
  const source = readFileSync(file, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  mkdirSync(CACHE, { recursive: true });
  const out = join(CACHE, `${basename(file, '.ts')}.js`);
  writeFileSync(out, outputText);
  return out;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error('the server did not become healthy within 30 s');
}

/** A port the system says is free now (bound on port 0, then let go). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts a server on a free port; one that exits before it is healthy (its port taken between
 * the probe and its listen, say) is started again on another, a few times at most.
 */
async function spawnServer(
  args: string[],
  env: Record<string, string>,
  avoid: string | null,
  options: StartOptions,
  cleanup: () => void,
): Promise<BenchServer> {
  for (let attempt = 1; ; attempt++) {
    let port = await freePort();
    while (avoid?.endsWith(`:${port}`)) port = await freePort();
    try {
      return await spawnOn(args, env, port, options, cleanup);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('exited')) {
        cleanup();
        throw error;
      }
      process.stderr.write(`The server did not start on port ${port}; trying another\n`);
    }
  }
}

async function spawnOn(
  args: string[],
  env: Record<string, string>,
  port: number,
  options: StartOptions,
  cleanup: () => void,
): Promise<BenchServer> {
  const base = `http://127.0.0.1:${port}`;
  const profile = options.profile ? resolve(options.profile) : null;
  const preload = profile ? ['-r', compiled(join(__dirname, 'cpu-profile.ts'))] : [];
  const server = spawn(process.execPath, [...preload, ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      ...(profile ? { CPU_PROFILE_PATH: profile } : {}),
      ...env,
      PORT: String(port),
    },
    // The server's logs (pino writes to stdout) go to the bench's stderr: a bench's stdout holds
    // its JSON summary only.
    stdio: ['ignore', 2, 'inherit'],
  });
  const end = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  };
  const stop = async () => {
    await end();
    cleanup();
  };
  try {
    await waitForHealth(base, server);
  } catch (error) {
    // The caller may start it again on another port: what it cleans up is still needed.
    await end();
    throw error;
  }
  return {
    base,
    pid: server.pid as number,
    stop,
    profileStart: () => {
      if (profile) server.kill('SIGWINCH');
    },
    profileStop: async (as?: string) => {
      if (!profile) return;
      rmSync(profile, { force: true });
      server.kill('SIGWINCH');
      for (let i = 0; i < 100 && !existsSync(profile); i++) await sleep(100);
      const target = as ? join(dirname(profile), as) : profile;
      if (target !== profile) renameSync(profile, target);
      process.stderr.write(`CPU profile written to ${target}\n`);
    },
  };
}

export async function startBenchServer(
  env: Record<string, string> = {},
  options: ArenaStartOptions = {},
): Promise<ArenaBenchServer> {
  const dir = options.sqlitePath ? null : mkdtempSync(join(tmpdir(), 'arena-bench-'));
  const sqlitePath = dir ? join(dir, 'bench.sqlite') : resolve(options.sqlitePath as string);
  const server = await spawnServer(
    // ARENA_MAIN benches another build (say, of a proposed change) against the same reference.
    [process.env.ARENA_MAIN ? resolve(process.env.ARENA_MAIN) : join(ROOT, 'dist', 'main.js')],
    {
      NODE_ENV: 'production',
      JWT_SECRET: BENCH_JWT_SECRET,
      // Production refuses to start without a key for secrets at rest.
      ENCRYPTION_KEY: 'be'.repeat(32),
      HOST: '127.0.0.1',
      SQLITE_PATH: sqlitePath,
      LOG_LEVEL: 'warn',
      RATE_LIMIT: 'off',
      METRICS_TOKEN: BENCH_METRICS_TOKEN,
      ...env,
    },
    null,
    options,
    () => dir && rmSync(dir, { recursive: true, force: true }),
  );
  return { ...server, sqlitePath, jwtSecret: env.JWT_SECRET ?? BENCH_JWT_SECRET };
}

/** The raw Fastify reference (bench/reference/server.ts) on Arena's database file. */
export function startReferenceServer(
  arena: ArenaBenchServer,
  options: StartOptions = {},
): Promise<BenchServer> {
  return spawnServer(
    [compiled(join(ROOT, 'bench', 'reference', 'server.ts'))],
    { NODE_ENV: 'production', SQLITE_PATH: arena.sqlitePath, JWT_SECRET: arena.jwtSecret },
    arena.base,
    options,
    () => undefined,
  );
}

/** The bare Socket.IO game reference (bench/reference/game-server.ts), on Arena's built engine. */
export function startReferenceGameServer(options: StartOptions = {}): Promise<BenchServer> {
  return spawnServer(
    [compiled(join(ROOT, 'bench', 'reference', 'game-server.ts'))],
    { NODE_ENV: 'production', ARENA_DIST: join(ROOT, 'dist') },
    null,
    options,
    () => undefined,
  );
}

/** Registers an account and returns its access token. */
export async function registerBenchAccount(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${username}@example.com`, username, password: BENCH_PASSWORD }),
  });
  if (res.status !== 201) throw new Error(`registering ${username} answered ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
