/**
 * Data-scale benchmark: Arena on a large database, and what its reads do to live matches. Seeds
 * a fresh SQLite file (support/data-seed.ts: by default 100,000 accounts, 500,000 finished
 * matches, a heavy player in 50,000 of them, 5,000 tournaments), starts the built server on it in
 * its own process, and measures:
 * - routes: each read route's latency (p50, p99, max) over sequential requests, at page 1 and at
 *   the last page, after a short warm-up; at most `--requests` or `--route-budget` seconds each;
 * - export: the heavy player's GDPR export: time to the whole answer, bytes, matches in it
 *   (checked against the seed), the server's peak RSS (VmRSS sampled every 20 ms, VmHWM before
 *   and after) and the worst stall a live match saw meanwhile;
 * - realtime: one live AI match, watched from a process of its own (support/state-watcher.ts):
 *   the worst gap between two `match:state` and the states per second, idle, during the
 *   sequential reads, under mixed load (`--clients` clients looping over every read route, the
 *   export every `--export-every` seconds), during bursts of concurrent logins, and during
 *   attacks under mixed load (a refresh body of 80,000 unknown keys; 300 concurrent erasures
 *   with a wrong password). The attacks run against a second server on the same file with the
 *   real rate limits on; everything else runs with RATE_LIMIT=off.
 * Prints one JSON summary on stdout (progress on stderr), with the goals (worst gap ≤ 50 ms,
 * ≥ 57 states/s, read p99 ≤ 25 ms, ...) met or not. Missed goals are figures; failed requests
 * (any non-200 read, the export's included, a timeout, an unexpected status to an attack) or a
 * match whose states stop make the exit code 1. Every phase is bounded in time; the servers and
 * the watcher are stopped on exit, on error, on a signal and at `--deadline`.
 *
 *   npm run bench:data
 *   npm run bench:data -- --requests 50 --duration 3
 *   npm run bench:data -- --users 2000 --matches 10000 --heavy 2000 --requests 5 --duration 1   # smoke (CI)
 *   ARENA_MAIN=/path/to/other/dist/main.js npm run bench:data   # another build (its migrations seed)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, seedDatabase, SeedSummary } from './support/data-seed';
import { ArenaBenchServer, BENCH_PASSWORD, startBenchServer } from './support/server';
import { PhaseFigures, startStateWatcher, StateWatcher } from './support/state-watcher';
import { percentile, round } from './support/stats';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: String(DEFAULT_SEED.users) },
    matches: { type: 'string', default: String(DEFAULT_SEED.matches) },
    heavy: { type: 'string', default: String(DEFAULT_SEED.heavyMatches) },
    tournaments: { type: 'string', default: String(DEFAULT_SEED.tournaments) },
    messages: { type: 'string', default: String(DEFAULT_SEED.messages) },
    requests: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '5' },
    'route-budget': { type: 'string', default: '10' },
    timeout: { type: 'string', default: '30' },
    duration: { type: 'string', default: '5' },
    clients: { type: 'string', default: '8' },
    'export-every': { type: 'string', default: '2' },
    logins: { type: 'string', default: '60' },
    'login-rounds': { type: 'string', default: '3' },
    'erase-attempts': { type: 'string', default: '300' },
    'refresh-attacks': { type: 'string', default: '3' },
    'refresh-keys': { type: 'string', default: '80000' },
    deadline: { type: 'string', default: '1800' },
  },
});
const count = (name: keyof typeof values, min = 1) =>
  Math.max(min, Math.floor(Number(values[name])));
const USERS = count('users', 200);
const MATCHES = count('matches');
const HEAVY = Math.min(count('heavy'), MATCHES);
const TOURNAMENTS = count('tournaments');
const MESSAGES = count('messages', 0);
const REQUESTS = count('requests');
const WARMUP = count('warmup', 0);
const ROUTE_BUDGET_MS = Number(values['route-budget']) * 1000;
const TIMEOUT_MS = Number(values.timeout) * 1000;
const PHASE_MS = Number(values.duration) * 1000;
const CLIENTS = count('clients');
const EXPORT_EVERY_MS = Number(values['export-every']) * 1000;
const LOGINS = Math.min(count('logins'), 98);
const LOGIN_ROUNDS = count('login-rounds');
const ERASE_ATTEMPTS = count('erase-attempts');
const REFRESH_ATTACKS = count('refresh-attacks');
const REFRESH_KEYS = count('refresh-keys');
const DEADLINE_MS = Number(values.deadline) * 1000;
const LIMIT = 20;

/** The goals of the real-time plane and of reads. */
const GOALS = { worstGapMs: 50, statesPerSecond: 57, readP99Ms: 25 };

const MAIN = process.env.ARENA_MAIN ? resolve(process.env.ARENA_MAIN) : null;
const DIST = MAIN ? dirname(MAIN) : join(__dirname, '..', 'dist');
const SERVER_ENV = {
  // One live match must last the whole bench (it is replaced if it ends all the same).
  GAME_WINNING_SCORE: '100',
  GAME_COUNTDOWN_MS: '0',
  JWT_ACCESS_TTL: '2h',
  // Not a line per refused attack (4xx answers log as warnings); errors still show.
  LOG_LEVEL: 'error',
};

const began = performance.now();
const log = (message: string) =>
  process.stderr.write(`[data ${((performance.now() - began) / 1000).toFixed(1)}s] ${message}\n`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));
const ms1 = (value: number | null) => round(value, 1);

// ---------------------------------------------------------------------------------------------
// Cleanup: servers, the watcher and the seeded file go on every exit path.

const cleanups = new Set<() => Promise<void> | void>();
/** Registers a cleanup and returns it, run at most once. */
function owned(cleanup: () => Promise<void> | void): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    cleanups.delete(once);
    await cleanup();
  };
  cleanups.add(once);
  return once;
}
async function cleanupAll(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      await cleanup();
    } catch (error) {
      process.stderr.write(`cleanup: ${String(error)}\n`);
    }
  }
}
function bail(reason: string, code: number): void {
  log(reason);
  void cleanupAll().finally(() => process.exit(code));
}
process.on('SIGINT', () => bail('interrupted', 130));
process.on('SIGTERM', () => bail('terminated', 143));

// ---------------------------------------------------------------------------------------------
// HTTP.

interface Outcome {
  status: number;
  ms: number;
  bytes: number;
  text?: string;
  error?: string;
}

interface CallOptions {
  method?: string;
  token?: string;
  body?: string;
  keepText?: boolean;
}

/** One request, timed to the last byte of its answer; status 0 for a timeout or an error. */
async function call(base: string, path: string, options: CallOptions = {}): Promise<Outcome> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  try {
    const res = await fetch(base + path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = Buffer.from(await res.arrayBuffer());
    return {
      status: res.status,
      ms: performance.now() - started,
      bytes: body.length,
      text: options.keepText ? body.toString('utf8') : undefined,
    };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return {
      status: 0,
      ms: performance.now() - started,
      bytes: 0,
      error: name === 'TimeoutError' ? `timeout after ${TIMEOUT_MS} ms` : String(error),
    };
  }
}

/** Latencies and statuses of a set of requests; `expected` statuses are not failures. */
class Tally {
  readonly ms: number[] = [];
  readonly statuses: Record<string, number> = {};
  failures = 0;
  readonly errors = new Set<string>();

  constructor(private readonly expected: readonly number[] = [200]) {}

  add(outcome: Outcome): boolean {
    this.ms.push(outcome.ms);
    const key = outcome.status ? String(outcome.status) : 'error';
    this.statuses[key] = (this.statuses[key] ?? 0) + 1;
    if (outcome.error && this.errors.size < 3) this.errors.add(outcome.error);
    const ok = this.expected.includes(outcome.status);
    if (!ok) this.failures += 1;
    return ok;
  }

  get n(): number {
    return this.ms.length;
  }

  summary() {
    const sorted = [...this.ms].sort((a, b) => a - b);
    return {
      p50: ms1(percentile(sorted, 50)),
      p99: ms1(percentile(sorted, 99)),
      max: ms1(sorted.length ? sorted[sorted.length - 1] : null),
      n: this.n,
      failures: this.failures,
      ...(this.failures ? { statuses: this.statuses } : {}),
      ...(this.errors.size ? { errors: [...this.errors] } : {}),
    };
  }
}

async function login(base: string, username: string): Promise<string> {
  const out = await call(base, '/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ login: username, password: BENCH_PASSWORD }),
    keepText: true,
  });
  if (out.status !== 200) throw new Error(`logging in as ${username} answered ${out.status}`);
  return (JSON.parse(out.text as string) as { accessToken: string }).accessToken;
}

/** Waits until the server answers /health quickly again (the last phase's work is done). */
async function settle(base: string): Promise<void> {
  const until = performance.now() + 60_000;
  let quick = 0;
  while (quick < 3 && performance.now() < until) {
    const out = await call(base, '/health');
    quick = out.status === 200 && out.ms < 20 ? quick + 1 : 0;
    await sleep(50);
  }
  await sleep(200);
}

// ---------------------------------------------------------------------------------------------
// The read routes.

interface Route {
  name: string;
  path: string;
}

/** The last page of a list (from its `total`), or 1 if it cannot be read. */
async function lastPage(base: string, token: string, path: string): Promise<number> {
  const out = await call(base, path, { token, keepText: true });
  if (out.status !== 200) return 1;
  const { total } = JSON.parse(out.text as string) as { total: number };
  return Math.max(1, Math.ceil(total / LIMIT));
}

async function readRoutes(base: string, token: string, seed: SeedSummary): Promise<Route[]> {
  const page = (path: string, n: number) =>
    `${path}${path.includes('?') ? '&' : '?'}page=${n}&limit=${LIMIT}`;
  const heavy = seed.heavy.id;
  // A fragment in about one username in fourteen and many display names, and one in one name.
  const common = '/api/users?search=ka';
  const rare = `/api/users?search=${seed.others[41].split('_')[0]}`;
  const lists: Record<string, string> = {
    leaderboard: '/api/leaderboard',
    usersList: '/api/users',
    usersSearchCommon: common,
    heavyHistory: `/api/users/${heavy}/matches`,
    matches: '/api/matches',
    tournaments: '/api/tournaments',
  };
  const routes: Route[] = [];
  for (const [name, path] of Object.entries(lists)) {
    const last = await lastPage(base, token, page(path, 1));
    routes.push({ name, path: page(path, 1) }, { name: `${name}Deep`, path: page(path, last) });
  }
  routes.push(
    { name: 'usersSearchRare', path: page(rare, 1) },
    { name: 'matchesLive', path: page('/api/matches?status=in_progress', 1) },
    { name: 'match', path: `/api/matches/${seed.sampleMatchId}` },
    { name: 'heavyStats', path: `/api/users/${heavy}/stats` },
    { name: 'tournament', path: `/api/tournaments/${seed.sampleTournamentId}` },
    { name: 'friends', path: '/api/friends' },
    { name: 'me', path: '/api/users/me' },
  );
  if (seed.chat) {
    const history = (id: string) => `/api/chat/conversations/${id}/messages?limit=${LIMIT}`;
    routes.push(
      { name: 'chatConversations', path: '/api/chat/conversations' },
      { name: 'chatHistory', path: history(seed.chat.channelId) },
      {
        name: 'chatHistoryDeep',
        path: `${history(seed.chat.channelId)}&before=${seed.chat.oldMessageId}`,
      },
      { name: 'chatDirectHistory', path: history(seed.chat.directId) },
      { name: 'chatChannels', path: page('/api/chat/channels', 1) },
      { name: 'notifications', path: page('/api/notifications', 1) },
    );
  }
  return routes;
}

/** Sequential requests to one route after a short warm-up, within a count and a time budget. */
async function measureRoute(base: string, token: string, route: Route) {
  const warmupEnds = performance.now() + Math.min(2000, ROUTE_BUDGET_MS / 5);
  for (let i = 0; i < WARMUP && (i === 0 || performance.now() < warmupEnds); i++) {
    await call(base, route.path, { token });
  }
  const tally = new Tally();
  const ends = performance.now() + ROUTE_BUDGET_MS;
  while (tally.n < REQUESTS && (tally.n === 0 || performance.now() < ends)) {
    tally.add(await call(base, route.path, { token }));
  }
  return {
    path: route.path,
    ...tally.summary(),
    ...(tally.n < REQUESTS ? { timeCapped: true } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Load.

/**
 * `CLIENTS` clients, each looping over every read route (starting at different places), and the
 * export every `EXPORT_EVERY_MS`, for `ms`; requests still running then are awaited (each is
 * bounded by the request timeout).
 */
async function mixedLoad(base: string, token: string, routes: Route[], ms: number) {
  const until = performance.now() + ms;
  const reads = new Tally();
  const exports = new Tally();
  const failedRoutes: Record<string, number> = {};
  const client = async (offset: number) => {
    for (let i = offset; performance.now() < until; i++) {
      const route = routes[i % routes.length];
      if (!reads.add(await call(base, route.path, { token }))) {
        failedRoutes[route.name] = (failedRoutes[route.name] ?? 0) + 1;
      }
    }
  };
  const exporter = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      exports.add(await call(base, '/api/users/me/export', { token }));
      await sleep(Math.min(started + EXPORT_EVERY_MS, until) - performance.now());
    }
  };
  const started = performance.now();
  await Promise.all([
    ...Array.from({ length: CLIENTS }, (_, c) => client(Math.floor((c * routes.length) / CLIENTS))),
    exporter(),
  ]);
  return {
    clients: CLIENTS,
    seconds: round((performance.now() - started) / 1000, 1),
    reads: { ...reads.summary(), ...(reads.failures ? { failedRoutes } : {}) },
    exports: { ...exports.summary(), statuses: exports.statuses },
  };
}

/** `LOGIN_ROUNDS` bursts of `LOGINS` concurrent logins (different accounts), spread over `ms`. */
async function loginBursts(base: string, usernames: string[], ms: number) {
  const started = performance.now();
  const tally = new Tally();
  for (let round = 0; round < LOGIN_ROUNDS; round++) {
    await sleep(started + (round * ms) / LOGIN_ROUNDS - performance.now());
    const outcomes = await Promise.all(
      usernames.map((login) =>
        call(base, '/api/auth/login', {
          method: 'POST',
          body: JSON.stringify({ login, password: BENCH_PASSWORD }),
        }),
      ),
    );
    for (const outcome of outcomes) tally.add(outcome);
  }
  await sleep(started + ms - performance.now());
  return {
    accounts: usernames.length,
    rounds: LOGIN_ROUNDS,
    ...tally.summary(),
    statuses: tally.statuses,
  };
}

/** A JSON object of `keys` unknown keys (about 11 bytes each). */
function manyKeys(keys: number): string {
  const parts: string[] = [];
  for (let i = 0; i < keys; i++) parts.push(`"k${i}":1`);
  return `{${parts.join(',')}}`;
}

/** Attacks during mixed load (run with the real rate limits on). */
async function attacks(
  base: string,
  token: string,
  victimToken: string,
  routes: Route[],
  ms: number,
) {
  const started = performance.now();
  const load = mixedLoad(base, token, routes, ms);
  const body = manyKeys(REFRESH_KEYS);
  // Refused before any work: 400 (or 413 past the body limit, 429 past the route's limit).
  const refresh = new Tally([400, 413, 429]);
  const refreshing = (async () => {
    for (let i = 0; i < REFRESH_ATTACKS; i++) {
      await sleep(started + ((i + 0.5) * ms) / REFRESH_ATTACKS - performance.now());
      refresh.add(await call(base, '/api/auth/refresh', { method: 'POST', body }));
    }
  })();
  // A wrong password: 403, or 429 past the account's attempts.
  const erase = new Tally([403, 429]);
  const erasing = (async () => {
    await sleep(started + ms / 4 - performance.now());
    const outcomes = await Promise.all(
      Array.from({ length: ERASE_ATTEMPTS }, () =>
        call(base, '/api/users/me', {
          method: 'DELETE',
          token: victimToken,
          body: JSON.stringify({ password: 'wrong password!' }),
        }),
      ),
    );
    for (const outcome of outcomes) erase.add(outcome);
  })();
  await Promise.all([refreshing, erasing, sleep(ms)]);
  return {
    load,
    refresh: () => ({
      keys: REFRESH_KEYS,
      bodyBytes: Buffer.byteLength(body),
      ...refresh.summary(),
      statuses: refresh.statuses,
    }),
    erase: () => ({ ...erase.summary(), statuses: erase.statuses }),
  };
}

// ---------------------------------------------------------------------------------------------
// The export.

/** A field of /proc/<pid>/status, in KiB. */
function procKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1] ?? 0);
}

async function measureExport(
  server: ArenaBenchServer,
  token: string,
  watcher: StateWatcher,
  expected: number,
) {
  const { pid, base } = server;
  const mib = (kib: number) => round(kib / 1024, 1);
  const hwmBefore = procKiB(pid, 'VmHWM');
  const rssBefore = procKiB(pid, 'VmRSS');
  let peak = rssBefore;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, procKiB(pid, 'VmRSS'));
    } catch {
      // the server is gone: the export's status says so
    }
  }, 20);
  watcher.begin('export');
  let out: Outcome;
  let stall: PhaseFigures;
  try {
    out = await call(base, '/api/users/me/export', { token, keepText: true });
    stall = await watcher.end('export');
  } finally {
    clearInterval(sampler);
  }
  const hwmAfter = procKiB(pid, 'VmHWM');
  let matches: number | null = null;
  let message: unknown = out.error ?? null;
  try {
    const answer = JSON.parse(out.text ?? 'null') as {
      matches?: unknown[];
      message?: unknown;
    } | null;
    if (out.status === 200) matches = Array.isArray(answer?.matches) ? answer.matches.length : null;
    else message ??= answer?.message ?? null;
  } catch {
    // not JSON: reported as is
  }
  return {
    status: out.status,
    ok: out.status === 200 && matches === expected,
    ms: ms1(out.ms),
    bytes: out.bytes,
    matches,
    expectedMatches: expected,
    ...(message ? { message } : {}),
    rssMiB: {
      before: mib(rssBefore),
      peakSampled: mib(peak),
      hwmBefore: mib(hwmBefore),
      hwmAfter: mib(hwmAfter),
    },
    worstGapMs: stall.worstGapMs,
    statesPerSecond: stall.statesPerSecond,
    states: stall.states,
  };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const watchdog = setTimeout(
    () => bail(`the bench passed its deadline (${DEADLINE_MS / 1000} s)`, 1),
    DEADLINE_MS,
  );
  watchdog.unref();

  const dir = mkdtempSync(join(tmpdir(), 'arena-data-bench-'));
  const removeDir = owned(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'data.sqlite');
  log(
    `seeding ${USERS} accounts, ${MATCHES} matches (${HEAVY} of the heavy player), ${TOURNAMENTS} tournaments, ${MESSAGES} chat messages (migrations of ${DIST})`,
  );
  const seed = await seedDatabase(file, {
    ...DEFAULT_SEED,
    users: USERS,
    matches: MATCHES,
    heavyMatches: HEAVY,
    tournaments: TOURNAMENTS,
    messages: MESSAGES,
    dist: DIST,
  });
  log(`seeded in ${seed.seconds} s`);
  const [ordinary, ...rest] = seed.others;
  const victim = rest[rest.length - 1];
  const burst = rest.slice(0, LOGINS);

  // Server A: rate limits off.
  log('starting the server (RATE_LIMIT=off)');
  const a = await startBenchServer({ ...SERVER_ENV }, { sqlitePath: file });
  const stopA = owned(() => a.stop());
  const heavyToken = await login(a.base, seed.heavy.username);
  const watcherA = await startStateWatcher(a.base, await login(a.base, ordinary));
  const stopWatcherA = owned(() => watcherA.stop());
  log(`live match watched (watcher priority ${watcherA.priority ?? 'default'})`);

  await settle(a.base);
  log(`idle baseline, ${PHASE_MS / 1000} s`);
  watcherA.begin('idle');
  await sleep(PHASE_MS);
  const idle = await watcherA.end('idle');

  const routes = await readRoutes(a.base, heavyToken, seed);
  const routeFigures: Record<string, Awaited<ReturnType<typeof measureRoute>>> = {};
  await settle(a.base);
  watcherA.begin('reads');
  for (const route of routes) {
    routeFigures[route.name] = await measureRoute(a.base, heavyToken, route);
    const f = routeFigures[route.name];
    log(
      `${route.name} ${route.path}: p50 ${f.p50} p99 ${f.p99} max ${f.max} ms (n ${f.n}, failures ${f.failures})`,
    );
  }
  const reads = await watcherA.end('reads');

  await settle(a.base);
  log('export of the heavy player');
  const exportFigures = await measureExport(a, heavyToken, watcherA, seed.heavy.matches);
  log(
    `export: ${exportFigures.status}, ${exportFigures.ms} ms, ${exportFigures.bytes} bytes, ${exportFigures.matches} matches`,
  );

  await settle(a.base);
  log(`mixed load, ${PHASE_MS / 1000} s`);
  watcherA.begin('mixed');
  const mixedRun = mixedLoad(a.base, heavyToken, routes, PHASE_MS);
  await sleep(PHASE_MS);
  const mixed = await watcherA.end('mixed');
  const mixedLoadFigures = await mixedRun;

  await settle(a.base);
  log(`${LOGIN_ROUNDS} bursts of ${burst.length} concurrent logins`);
  watcherA.begin('logins');
  const loginFigures = await loginBursts(a.base, burst, PHASE_MS);
  const logins = await watcherA.end('logins');
  const watcherAError = watcherA.error();
  await stopWatcherA();
  await stopA();

  // Server B: the same file, the real rate limits.
  log('starting the server again with RATE_LIMIT=on for the attacks');
  const b = await startBenchServer({ ...SERVER_ENV, RATE_LIMIT: 'on' }, { sqlitePath: file });
  const stopB = owned(() => b.stop());
  const heavyTokenB = await login(b.base, seed.heavy.username);
  const victimToken = await login(b.base, victim);
  const watcherB = await startStateWatcher(b.base, await login(b.base, ordinary));
  const stopWatcherB = owned(() => watcherB.stop());
  await settle(b.base);
  log(`attacks during mixed load, ${PHASE_MS / 1000} s`);
  watcherB.begin('attacks');
  const attackRun = await attacks(b.base, heavyTokenB, victimToken, routes, PHASE_MS);
  const attacked = await watcherB.end('attacks');
  const attackLoadFigures = await attackRun.load;
  const watcherBError = watcherB.error();
  await stopWatcherB();
  await stopB();
  await removeDir();

  // ------------------------------------------------------------------------------------------
  const realtime = { idle, sequentialReads: reads, mixed, logins, attacks: attacked };
  const goal = (value: number | null, text: string, met: boolean) => ({ value, goal: text, met });
  const goals: Record<string, { value: unknown; goal: string; met: boolean }> = {};
  for (const [phase, figures] of Object.entries({ ...realtime, export: exportFigures })) {
    goals[`realtime.${phase}.worstGapMs`] = goal(
      figures.worstGapMs,
      `≤ ${GOALS.worstGapMs}`,
      figures.worstGapMs !== null && figures.worstGapMs <= GOALS.worstGapMs,
    );
    goals[`realtime.${phase}.statesPerSecond`] = goal(
      figures.statesPerSecond,
      `≥ ${GOALS.statesPerSecond}`,
      figures.statesPerSecond !== null && figures.statesPerSecond >= GOALS.statesPerSecond,
    );
  }
  for (const [name, figures] of Object.entries(routeFigures)) {
    goals[`routes.${name}.p99Ms`] = goal(
      figures.p99,
      `≤ ${GOALS.readP99Ms}`,
      figures.p99 !== null && figures.p99 <= GOALS.readP99Ms && figures.failures === 0,
    );
  }
  goals['export.complete'] = goal(
    exportFigures.matches,
    `status 200 with ${seed.heavy.matches} matches`,
    exportFigures.ok,
  );
  const eraseFigures = attackRun.erase();
  const limited = Number(eraseFigures.statuses['429'] ?? 0);
  goals['attacks.erase.rateLimited'] = goal(
    limited,
    `≥ ${ERASE_ATTEMPTS - 5} of ${ERASE_ATTEMPTS} answer 429`,
    limited >= ERASE_ATTEMPTS - 5,
  );
  const refreshFigures = attackRun.refresh();
  const refused = Number(refreshFigures.statuses['400'] ?? 0);
  goals['attacks.refresh.refused'] = goal(
    refused,
    `all ${REFRESH_ATTACKS} answer 400`,
    refused === REFRESH_ATTACKS,
  );
  const missed = Object.entries(goals)
    .filter(([, g]) => !g.met)
    .map(([name]) => name);

  // What failed (a bench failure, unlike a missed goal).
  const failed: string[] = [];
  for (const [name, figures] of Object.entries(routeFigures)) {
    if (figures.failures) failed.push(`routes.${name}: ${figures.failures} failed`);
  }
  if (!exportFigures.ok)
    failed.push(
      `export: status ${exportFigures.status}, ${exportFigures.matches ?? 'no'} matches of ${seed.heavy.matches}`,
    );
  for (const [name, load] of Object.entries({
    mixed: mixedLoadFigures,
    attacks: attackLoadFigures,
  })) {
    if (load.reads.failures) failed.push(`load.${name}.reads: ${load.reads.failures} failed`);
    if (load.exports.failures) failed.push(`load.${name}.exports: ${load.exports.failures} failed`);
  }
  if (loginFigures.failures) failed.push(`logins: ${loginFigures.failures} failed`);
  if (refreshFigures.failures)
    failed.push(`attacks.refresh: ${refreshFigures.failures} unexpected answers`);
  if (eraseFigures.failures)
    failed.push(`attacks.erase: ${eraseFigures.failures} unexpected answers`);
  for (const [phase, figures] of Object.entries(realtime)) {
    if (!figures.states) failed.push(`realtime.${phase}: no state arrived`);
  }
  for (const error of [watcherAError, watcherBError])
    if (error) failed.push(`live match: ${error}`);

  const summary = {
    bench: 'data',
    node: process.version,
    build: MAIN ?? join(DIST, 'main.js'),
    options: {
      requestsPerRoute: REQUESTS,
      warmupRequests: WARMUP,
      routeBudgetSeconds: ROUTE_BUDGET_MS / 1000,
      requestTimeoutSeconds: TIMEOUT_MS / 1000,
      phaseSeconds: PHASE_MS / 1000,
      clients: CLIENTS,
      exportEverySeconds: EXPORT_EVERY_MS / 1000,
      watcherPriority: watcherA.priority,
    },
    seed: {
      users: seed.users,
      matches: seed.matches,
      heavyMatches: seed.heavy.matches,
      tournaments: seed.tournaments,
      chatMessages: seed.chat?.messages ?? 0,
      chatConversationsOfHeavy: seed.chat?.conversations ?? 0,
      friends: DEFAULT_SEED.friends,
      seconds: seed.seconds,
    },
    routes: routeFigures,
    export: exportFigures,
    realtime,
    load: { mixed: mixedLoadFigures, attacks: attackLoadFigures },
    logins: loginFigures,
    attacks: { refresh: refreshFigures, erase: eraseFigures },
    goals: { met: Object.keys(goals).length - missed.length, missed: missed.length, ...goals },
    failed,
    seconds: round((performance.now() - began) / 1000, 1),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  if (failed.length) {
    process.stderr.write(
      `Some requests failed or the live match broke:\n  ${failed.join('\n  ')}\n`,
    );
    process.exitCode = 1;
  }
}

main()
  .catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => cleanupAll());
