/**
 * Game load benchmark: starts the built server (dist/main.js) in its own process, and from this
 * process drives N casual matches with 2N @arena/client bots that chase the ball with a
 * player's reaction time. Prints a JSON summary: server CPU per match-second (from the server
 * process's own CPU time in /proc, with the kernel's share), inputs sent per client per second,
 * states received per client per second, tick lateness p50/p99 (from the server's /metrics
 * histogram), input-to-broadcast latency p50/p99 (an input's seq seen echoed in a state), bytes per
 * state message, and RSS per live match. Bounded: loopback only, fixed duration, then it stops.
 *
 *   npm run bench:game                       # 50 matches, 15 s measured
 *   npm run bench:game -- --matches 10 --duration 5
 *   npm run bench:game -- --reaction-ms 0          # bots re-decide on every state (~30 inputs/s)
 *   npm run bench:game -- --matches 2 --duration 2 --warmup 1   # smoke run (CI)
 *   npm run bench:game -- --profile /tmp/arena-game.cpuprofile   # CPU profile of the measured window
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  connectGame,
  connected,
  emitWithAck,
  type GameSocket,
  type MatchStatePayload,
} from '@arena/client';
import {
  BENCH_METRICS_TOKEN,
  BenchServer,
  registerBenchAccount,
  startBenchServer,
  startReferenceGameServer,
} from './support/server';
import { percentile, round } from './support/stats';

const { values } = parseArgs({
  options: {
    matches: { type: 'string', default: '50' },
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    profile: { type: 'string' },
    'reaction-ms': { type: 'string', default: '100' },
    'skip-reference': { type: 'boolean', default: false },
  },
});
const MATCHES = Number(values.matches);
const DURATION_S = Number(values.duration);
const WARMUP_S = Number(values.warmup);
const PROFILE = values.profile ? resolve(values.profile) : undefined;
/** A bot looks at the state at most this often, as a player's reactions would (0: every state). */
const REACTION_MS = Number(values['reaction-ms']);
const CLK_TCK = 100; // Linux USER_HZ

type State = MatchStatePayload;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The process's CPU time so far: in its own code (user) and in the kernel for it (system). */
function cpuSeconds(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { user: Number(fields[11]) / CLK_TCK, system: Number(fields[12]) / CLK_TCK };
}

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
}

/** Cumulative bucket counts of a Prometheus histogram, keyed by upper bound (seconds). */
async function histogram(base: string, name: string): Promise<Map<number, number>> {
  const metrics = await fetch(`${base}/metrics`, {
    headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
  });
  if (!metrics.ok) throw new Error(`/metrics answered ${metrics.status}`);
  const text = await metrics.text();
  const buckets = new Map<number, number>();
  for (const line of text.split('\n')) {
    // Other labels (the node's, on every metric) may stand beside `le`.
    const match = new RegExp(`^${name}_bucket\\{[^}]*\\ble="([^"]+)"[^}]*\\} (\\d+)`).exec(line);
    if (match) buckets.set(match[1] === '+Inf' ? Infinity : Number(match[1]), Number(match[2]));
  }
  return buckets;
}

/** The bucket bound under which `p` percent of the observations between two scrapes fall. */
function histogramPercentile(
  before: Map<number, number>,
  after: Map<number, number>,
  p: number,
): number | null {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  if (total === 0) return null;
  for (const bound of bounds) {
    if ((after.get(bound) ?? 0) - (before.get(bound) ?? 0) >= (p / 100) * total) return bound;
  }
  return Infinity;
}

class Bot {
  readonly socket: GameSocket;
  matchId = '';
  side: 'left' | 'right' = 'left';
  states = 0;
  bytes = 0;
  inputs = 0;
  private seq = 0;
  private intent: 'up' | 'down' | 'stop' = 'stop';
  private lookedAt = Number.NEGATIVE_INFINITY;
  private readonly sentAt = new Map<number, number>();
  readonly latencies: number[] = [];
  measuring = false;

  constructor(base: string, token: string) {
    this.socket = connectGame(base, token, { reconnection: false, forceNew: true });
    this.socket.on('match:found', (found) => {
      this.matchId = found.matchId;
      // A casual match: one side each (`both` is a local match's).
      this.side = found.side as 'left' | 'right';
    });
    this.socket.on('match:state', (state: State) => this.onState(state));
  }

  private onState(state: State): void {
    if (this.measuring) {
      this.states += 1;
      this.bytes += Buffer.byteLength(JSON.stringify(['match:state', state]));
      const echoed = state.lastSeq[this.side];
      for (const [seq, at] of this.sentAt) {
        if (seq > echoed) continue;
        if (seq === echoed) this.latencies.push(performance.now() - at);
        this.sentAt.delete(seq);
      }
    }
    // Chase the ball, sending an input only when the intent changes (as a keyboard would), and
    // looking again only after a human reaction time: without it a bot flips its intent every
    // few ticks around its dead band, some 30 inputs a second, which no player's fingers do.
    const now = performance.now();
    if (now - this.lookedAt < REACTION_MS) return;
    this.lookedAt = now;
    const paddle = state.paddles[this.side].y;
    const next = state.ball.y < paddle - 20 ? 'up' : state.ball.y > paddle + 20 ? 'down' : 'stop';
    if (next !== this.intent) {
      this.intent = next;
      this.seq += 1;
      if (this.measuring) {
        this.inputs += 1;
        this.sentAt.set(this.seq, now);
      }
      this.socket.emit('game:input', { matchId: this.matchId, direction: next, seq: this.seq });
    }
  }
}

const toMs = (seconds: number | null) => (seconds === null ? null : round(seconds * 1000));

/**
 * One measured run against a started server: connect 2N bots, pair them through the queue, warm
 * up, then measure. `tokens` are Arena accounts (the reference ignores them); tick lateness comes
 * from Arena's /metrics, which the reference does not have.
 */
async function measure(server: BenchServer, tokens: string[], withMetrics: boolean) {
  const { base, pid } = server;
  const bots: Bot[] = [];
  try {
    const idleRss = rssBytes(pid);
    for (const token of tokens) bots.push(new Bot(base, token));
    await Promise.all(bots.map((bot) => connected(bot.socket)));
    for (let i = 0; i < bots.length; i += 2) {
      await emitWithAck(bots[i].socket, 'queue:join', { mode: 'casual' });
      await emitWithAck(bots[i + 1].socket, 'queue:join', { mode: 'casual' });
    }
    await sleep(WARMUP_S * 1000);
    const live = bots.filter((bot) => bot.matchId).length / 2;

    for (const bot of bots) bot.measuring = true;
    const lateBefore = withMetrics ? await histogram(base, 'arena_tick_lateness_seconds') : null;
    server.profileStart();
    const cpuBefore = cpuSeconds(pid);
    const started = performance.now();
    await sleep(DURATION_S * 1000);
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = cpuSeconds(pid);
    await server.profileStop();
    for (const bot of bots) bot.measuring = false;
    const lateAfter = withMetrics ? await histogram(base, 'arena_tick_lateness_seconds') : null;
    const loadedRss = rssBytes(pid);

    const latencies = bots.flatMap((bot) => bot.latencies).sort((a, b) => a - b);
    const states = bots.reduce((sum, bot) => sum + bot.states, 0);
    const bytes = bots.reduce((sum, bot) => sum + bot.bytes, 0);
    const inputs = bots.reduce((sum, bot) => sum + bot.inputs, 0);
    const user = cpuAfter.user - cpuBefore.user;
    const system = cpuAfter.system - cpuBefore.system;
    const cpu = user + system;
    const lateness = (p: number) =>
      lateBefore && lateAfter ? toMs(histogramPercentile(lateBefore, lateAfter, p)) : null;
    return {
      matches: live,
      clients: bots.length,
      measuredSeconds: round(elapsed),
      serverCpuSeconds: round(cpu, 3),
      serverCpuPercentOfOneCore: round((cpu / elapsed) * 100, 1),
      serverCpuMsPerMatchSecond: round((cpu * 1000) / (live * elapsed), 3),
      serverCpuSystemPercent: round(cpu ? (system / cpu) * 100 : null, 1),
      inputsPerClientPerSecond: round(inputs / bots.length / elapsed, 1),
      statesPerClientPerSecond: round(states / bots.length / elapsed, 1),
      tickLatenessMs: withMetrics
        ? { p50: lateness(50), p99: lateness(99), note: 'bucket upper bounds' }
        : null,
      inputToBroadcastMs: {
        p50: round(percentile(latencies, 50)),
        p99: round(percentile(latencies, 99)),
        samples: latencies.length,
      },
      bytesPerStateMessage: round(states ? bytes / states : null, 1),
      rssPerLiveMatchKiB: round((loadedRss - idleRss) / 1024 / Math.max(1, live), 1),
    };
  } finally {
    for (const bot of bots) bot.socket.disconnect();
  }
}

type Figures = Awaited<ReturnType<typeof measure>>;

async function main(): Promise<void> {
  const arenaServer = await startBenchServer(
    { GAME_WINNING_SCORE: '100', GAME_COUNTDOWN_MS: '0' },
    { profile: PROFILE },
  );
  let arena: Figures;
  try {
    const tokens: string[] = [];
    for (let i = 0; i < MATCHES * 2; i++) {
      tokens.push(await registerBenchAccount(arenaServer.base, `bot_${i}`));
    }
    arena = await measure(arenaServer, tokens, true);
  } finally {
    await arenaServer.stop();
  }

  let reference: Figures | null = null;
  if (!values['skip-reference']) {
    const referenceServer = await startReferenceGameServer();
    try {
      const tokens = Array.from({ length: MATCHES * 2 }, () => 'reference');
      reference = await measure(referenceServer, tokens, false);
    } finally {
      await referenceServer.stop();
    }
  }

  const ratio = (pick: (side: Figures) => number | null) => {
    const a = pick(arena);
    const r = reference && pick(reference);
    return a !== null && r ? round(a / r) : null;
  };
  const summary = {
    bench: 'game',
    node: process.version,
    botReactionMs: REACTION_MS,
    arena,
    reference,
    arenaToReference: reference
      ? {
          serverCpuMsPerMatchSecond: ratio((side) => side.serverCpuMsPerMatchSecond),
          inputToBroadcastP99: ratio((side) => side.inputToBroadcastMs.p99),
        }
      : null,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  // A run where matches did not all start or states did not flow measured nothing: fail it (the
  // CI smoke run relies on this).
  const broken = [arena, reference].some(
    (side) => side && (side.matches < MATCHES || !side.statesPerClientPerSecond),
  );
  if (broken) {
    process.stderr.write('Not every match started, or no states arrived: see the summary\n');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
