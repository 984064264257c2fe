/**
 * HTTP benchmark: starts the built server (dist/main.js) in its own process on a temporary
 * SQLite file, registers one account, then drives GET /api/users/me (and one paginated list)
 * with autocannon and prints a JSON summary.
 *
 *   npm run bench:http                     # 10 s, 50 connections per route
 *   npm run bench:http -- --duration 5 --connections 20
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { once } from 'node:events';

// autocannon ships no types; this is the part of its API the bench uses.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (
  opts: Record<string, unknown>,
) => Promise<AutocannonResult>;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

async function waitForHealth(base: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('server did not become healthy in time');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'arena-bench-'));
  const port = 30000 + Math.floor(Math.random() * 20000);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(__dirname, '..', 'dist', 'main.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      JWT_SECRET: 'arena-benchmark-secret-0123456789abcdef',
      HOST: '127.0.0.1',
      PORT: String(port),
      SQLITE_PATH: join(dir, 'bench.sqlite'),
      LOG_LEVEL: 'warn',
      RATE_LIMIT: 'off',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitForHealth(base, Date.now() + 30_000);
    const registered = await fetch(`${base}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'bench@example.com',
        username: 'bench',
        password: 'benchmark password',
      }),
    });
    const { accessToken } = (await registered.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}` };

    const routes = { usersMe: '/api/users/me', usersList: '/api/users?page=1&limit=20' };
    const results: Record<string, unknown> = {};
    for (const [name, path] of Object.entries(routes)) {
      await autocannon({ url: base + path, headers, connections, duration: 2 }); // warm-up
      const run = await autocannon({ url: base + path, headers, connections, duration });
      results[name] = {
        path,
        requestsPerSecond: Math.round(run.requests.average),
        latencyMs: { p50: run.latency.p50, p99: run.latency.p99, average: run.latency.average },
        total: run.requests.total,
        non2xx: run.non2xx,
        errors: run.errors,
      };
    }
    process.stdout.write(
      `${JSON.stringify({ bench: 'http', durationSeconds: duration, connections, node: process.version, results }, null, 2)}\n`,
    );
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
