/**
 * Starts the built Arena (dist/main.js) in its own process for a benchmark: loopback only, a
 * temporary SQLite file, rate limits off, production mode. `stop()` ends it and removes its files.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchServer {
  base: string;
  pid: number;
  stop: () => Promise<void>;
}

export const BENCH_PASSWORD = 'benchmark password';

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not become healthy within 30 s');
}

export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'arena-bench-'));
  const port = 30000 + Math.floor(Math.random() * 20000);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'main.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      JWT_SECRET: 'arena-benchmark-secret-0123456789abcdef',
      HOST: '127.0.0.1',
      PORT: String(port),
      SQLITE_PATH: join(dir, 'bench.sqlite'),
      LOG_LEVEL: 'warn',
      RATE_LIMIT: 'off',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(base, server);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, pid: server.pid as number, stop };
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
