/**
 * HTTP benchmark: starts the built server (dist/main.js) in its own process on a temporary
 * SQLite file, registers one account, then drives GET /api/users/me (and one paginated list)
 * with autocannon and prints a JSON summary.
 *
 *   npm run bench:http                     # 10 s, 50 connections per route
 *   npm run bench:http -- --duration 5 --connections 20
 */
import { parseArgs } from 'node:util';
import { registerBenchAccount, startBenchServer } from './support/server';

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

async function main(): Promise<void> {
  const server = await startBenchServer();
  const base = server.base;
  try {
    const accessToken = await registerBenchAccount(base, 'bench');
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
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
