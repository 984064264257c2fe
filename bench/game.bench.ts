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
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  botFlags,
  botSettings,
  Bot,
  connectedBots,
  failUnlessEveryMatchPlayed,
  inputToBroadcast,
  perClientPerSecond,
} from './support/game-bot';
import { histogram, tickLatenessMs } from './support/metrics';
import { cpuSeconds, rssBytes } from './support/proc';
import { emitWithAck } from '@arena/client';
import {
  BENCH_METRICS_TOKEN,
  BenchServer,
  registerBenchAccount,
  startBenchServer,
  startReferenceGameServer,
} from './support/server';
import { runBench } from './support/run';
import { round } from './support/stats';

const { values } = parseArgs({
  options: {
    ...botFlags({ matches: 50, duration: 15 }),
    profile: { type: 'string' },
    'skip-reference': { type: 'boolean', default: false },
  },
});
const {
  matches: MATCHES,
  durationS: DURATION_S,
  warmupS: WARMUP_S,
  reactionMs: REACTION_MS,
} = botSettings(values);
const PROFILE = values.profile ? resolve(values.profile) : undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    for (const token of tokens) bots.push(new Bot(base, token, REACTION_MS));
    await connectedBots(bots);
    for (let i = 0; i < bots.length; i += 2) {
      await emitWithAck(bots[i].socket, 'queue:join', { mode: 'casual' });
      await emitWithAck(bots[i + 1].socket, 'queue:join', { mode: 'casual' });
    }
    await sleep(WARMUP_S * 1000);
    const live = bots.filter((bot) => bot.matchId).length / 2;

    for (const bot of bots) bot.measuring = true;
    const lateBefore = withMetrics
      ? await histogram(base, BENCH_METRICS_TOKEN, 'arena_tick_lateness_seconds')
      : null;
    server.profileStart();
    const cpuBefore = cpuSeconds(pid);
    const started = performance.now();
    await sleep(DURATION_S * 1000);
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = cpuSeconds(pid);
    await server.profileStop();
    for (const bot of bots) bot.measuring = false;
    const lateAfter = withMetrics
      ? await histogram(base, BENCH_METRICS_TOKEN, 'arena_tick_lateness_seconds')
      : null;
    const loadedRss = rssBytes(pid);

    const states = bots.reduce((sum, bot) => sum + bot.states, 0);
    const bytes = bots.reduce((sum, bot) => sum + bot.bytes, 0);
    const user = cpuAfter.user - cpuBefore.user;
    const system = cpuAfter.system - cpuBefore.system;
    const cpu = user + system;
    return {
      matches: live,
      clients: bots.length,
      measuredSeconds: round(elapsed),
      serverCpuSeconds: round(cpu, 3),
      serverCpuPercentOfOneCore: round((cpu / elapsed) * 100, 1),
      serverCpuMsPerMatchSecond: round((cpu * 1000) / (live * elapsed), 3),
      serverCpuSystemPercent: round(cpu ? (system / cpu) * 100 : null, 1),
      inputsPerClientPerSecond: perClientPerSecond(bots, (bot) => bot.inputs, elapsed),
      statesPerClientPerSecond: perClientPerSecond(bots, (bot) => bot.states, elapsed),
      tickLatenessMs: lateBefore && lateAfter ? tickLatenessMs(lateBefore, lateAfter) : null,
      inputToBroadcastMs: inputToBroadcast(bots),
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
  failUnlessEveryMatchPlayed([arena, reference], MATCHES);
}

runBench(main);
