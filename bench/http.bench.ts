/**
 * HTTP benchmark, side by side with the floor: starts the built Arena (dist/main.js) and the raw
 * Fastify reference (bench/reference/server.ts) in their own processes on loopback, on the same
 * SQLite file, registers accounts through Arena, checks that both answer the same JSON, then
 * drives GET /api/users/me and one paginated list with autocannon. The two servers take turns in
 * short slices (A B B A …) so the machine's noise hits both alike. Prints a JSON summary with
 * both figures and Arena's ratio to the reference per route.
 *
 *   npm run bench:http                                  # 10 s per server and route, 50 connections
 *   npm run bench:http -- --duration 4 --connections 20
 *   npm run bench:http -- --profile /tmp/arena-http     # also CPU profiles of both, per route
 *   npm run bench:http -- --route usersMe --rounds 8    # one route, in more and shorter slices
 *   npm run bench:http -- --duration 1 --rounds 1 --warmup 0.5 --accounts 2   # smoke run (CI)
 */
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  BenchServer,
  registerBenchAccount,
  startBenchServer,
  startReferenceServer,
} from './support/server';
import { median } from './support/stats';

// autocannon ships no types; this is the part of its API the bench uses.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  duration: number;
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
    rounds: { type: 'string', default: '5' },
    accounts: { type: 'string', default: '25' },
    profile: { type: 'string' },
    route: { type: 'string' },
    warmup: { type: 'string', default: '2' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const rounds = Math.max(1, Number(values.rounds));
const accounts = Math.max(1, Number(values.accounts));
const profileDir = values.profile ? resolve(values.profile) : undefined;
const warmup = Number(values.warmup);

const ALL_ROUTES = { usersMe: '/api/users/me', usersList: '/api/users?page=1&limit=20' };
/** `--route usersMe` measures one route only (while iterating on it). */
const ROUTES = Object.fromEntries(
  Object.entries(ALL_ROUTES).filter(([name]) => !values.route || name === values.route),
);

type Side = 'arena' | 'reference';

interface SideFigures {
  requests: number;
  seconds: number;
  p50: number[];
  p99: number[];
  non2xx: number;
  errors: number;
}

const noFigures = (): SideFigures => ({
  requests: 0,
  seconds: 0,
  p50: [],
  p99: [],
  non2xx: 0,
  errors: 0,
});

function summary(side: SideFigures) {
  return {
    requestsPerSecond: Math.round(side.requests / side.seconds),
    latencyMs: { p50: median(side.p50), p99: median(side.p99), note: 'median over slices' },
    total: side.requests,
    non2xx: side.non2xx,
    errors: side.errors,
  };
}

async function main(): Promise<void> {
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const arena = await startBenchServer(
    {},
    { profile: profileDir && join(profileDir, 'arena.cpuprofile') },
  );
  let reference: BenchServer | null = null;
  try {
    const accessToken = await registerBenchAccount(arena.base, 'bench');
    for (let i = 1; i < accounts; i++) await registerBenchAccount(arena.base, `player_${i}`);
    reference = await startReferenceServer(arena, {
      profile: profileDir && join(profileDir, 'reference.cpuprofile'),
    });
    const headers = { authorization: `Bearer ${accessToken}` };
    const servers = { arena, reference };

    // Same work means the same answer: compare the bodies before measuring anything.
    for (const path of Object.values(ROUTES)) {
      const [a, r] = await Promise.all(
        [arena, reference].map(async (server) => {
          const res = await fetch(server.base + path, { headers });
          if (res.status !== 200) throw new Error(`${server.base}${path} answered ${res.status}`);
          return res.json();
        }),
      );
      if (!isDeepStrictEqual(a, r)) {
        throw new Error(
          `Arena and the reference answer ${path} differently:\n${JSON.stringify(a)}\n${JSON.stringify(r)}`,
        );
      }
    }

    const slice = duration / rounds;
    const results: Record<string, unknown> = {};
    const figuresByRoute: Record<Side, SideFigures>[] = [];
    for (const [name, path] of Object.entries(ROUTES)) {
      const figures: Record<Side, SideFigures> = { arena: noFigures(), reference: noFigures() };
      figuresByRoute.push(figures);
      // Warm-up, unmeasured: the JIT and the SQLite page cache settle.
      for (const server of Object.values(servers)) {
        await autocannon({ url: server.base + path, headers, connections, duration: warmup });
      }
      arena.profileStart();
      reference.profileStart();
      const sliceRatios: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const order: Side[] = round % 2 === 0 ? ['arena', 'reference'] : ['reference', 'arena'];
        const rps: Record<string, number> = {};
        for (const side of order) {
          const server: BenchServer = servers[side];
          const run = await autocannon({
            url: server.base + path,
            headers,
            connections,
            duration: slice,
          });
          const into = figures[side];
          into.requests += run.requests.total;
          into.seconds += run.duration;
          into.p50.push(run.latency.p50);
          into.p99.push(run.latency.p99);
          into.non2xx += run.non2xx;
          into.errors += run.errors;
          rps[side] = run.requests.total / run.duration;
        }
        sliceRatios.push(Math.round((rps.arena / rps.reference) * 100) / 100);
      }
      await arena.profileStop(`arena-${name}.cpuprofile`);
      await reference.profileStop(`reference-${name}.cpuprofile`);
      const a = summary(figures.arena);
      const r = summary(figures.reference);
      results[name] = {
        path,
        arena: a,
        reference: r,
        ratio: Math.round((a.requestsPerSecond / r.requestsPerSecond) * 100) / 100,
        medianSliceRatio: median(sliceRatios),
        sliceRatios,
      };
    }
    process.stdout.write(
      `${JSON.stringify(
        {
          bench: 'http',
          node: process.version,
          secondsPerServerAndRoute: duration,
          rounds,
          connections,
          accounts,
          results,
        },
        null,
        2,
      )}\n`,
    );
    // A run whose requests failed measured nothing: fail it (the CI smoke run relies on this).
    const failed = Object.values(figuresByRoute).some((f) =>
      [f.arena, f.reference].some((side) => side.non2xx > 0 || side.errors > 0),
    );
    if (failed) {
      process.stderr.write('Some requests failed (non-2xx answers or errors): see the summary\n');
      process.exitCode = 1;
    }
  } finally {
    await reference?.stop();
    await arena.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
