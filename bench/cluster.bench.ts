/**
 * Cluster benchmark: one node against two game nodes on the same machine, in the same run, on one
 * fresh PostgreSQL database and a private redis-server (started as `npm run test:cluster` starts
 * them: test/cluster/support/cluster.ts). The bench process drives N private matches with 2N
 * socket.io-client bots that chase the ball with a player's reaction time (bench/support/game-bot.ts).
 *
 * 1. `single`: one `all` node on PostgreSQL + Redis runs the N matches, every player on it.
 * 2. `two`: that node stopped, two `game` nodes run the same N matches (fresh accounts), each
 *    match's players on different nodes. The challenged player accepts, so the match runs on the
 *    acceptor's node; acceptors alternate between the nodes, so each node owns half the matches
 *    and half of every match's inputs cross nodes (Redis node bus), and half of its states reach
 *    their player through the Socket.IO Redis adapter.
 *
 * Per phase it prints: the matches each node carries (its `arena_live_matches`), each node's CPU
 * per match-second (from its own CPU time in /proc, with the kernel's share) and tick lateness,
 * Redis's CPU, states and inputs per client per second, and input-to-broadcast latency p50/p99
 * (an input's `seq` seen echoed in a state) for same-node and cross-node inputs apart. The goals
 * (≥ 57 states per client per second in both phases; cross-node p99 within 2 ms of the single
 * node's p99) are booleans in `goals`. Bounded: loopback only, fixed counts and durations; the
 * nodes, Redis and the database are removed at the end, on failure and on SIGINT/SIGTERM.
 *
 *   npm run bench:cluster                                  # 20 matches, 10 s measured per phase
 *   npm run bench:cluster -- --matches 10 --duration 5
 *   npm run bench:cluster -- --matches 2 --duration 2 --warmup 1   # smoke run
 *
 * PostgreSQL: ARENA_TEST_POSTGRES (admin URL) [postgres://postgres@127.0.0.1:5432/postgres].
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  ArenaNode,
  Cluster,
  CLUSTER_METRICS_TOKEN,
  NodeOptions,
  Player,
  register,
  startCluster,
} from '../test/cluster/support/cluster';
import {
  botFlags,
  botSettings,
  Bot,
  connectedBots,
  failUnlessEveryMatchPlayed,
  inputToBroadcast,
  perClientPerSecond,
} from './support/game-bot';
import { gauge, histogram, tickLatenessMs } from './support/metrics';
import { cpuSeconds } from './support/proc';
import { runBench } from './support/run';
import { round } from './support/stats';

const { values } = parseArgs({ options: botFlags({ matches: 20, duration: 10 }) });
const {
  matches: MATCHES,
  durationS: DURATION_S,
  warmupS: WARMUP_S,
  reactionMs: REACTION_MS,
} = botSettings(values);
const STATES_GOAL = 57;
const CROSS_NODE_P99_GOAL_MS = 2;

// The server the cluster specs use (jest.cluster.config.js): one fresh database per run.
process.env.ARENA_TEST_POSTGRES ||= 'postgres://postgres@127.0.0.1:5432/postgres';

/** Matches that last (first to 100) and start at once; heartbeats at their default period. */
const NODE_ENV = {
  GAME_WINNING_SCORE: '100',
  GAME_COUNTDOWN_MS: '0',
  CLUSTER_HEARTBEAT_MS: '2000',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Ack {
  ok: boolean;
  challengeId?: string;
  error?: { code: string; message: string };
}

/** One match's two players: the challenger and the acceptor (whose node runs the match). */
interface Pairing {
  challenger: { player: Player; node: ArenaNode };
  acceptor: { player: Player; node: ArenaNode };
}

async function ack(bot: Bot, event: string, payload: unknown): Promise<Ack> {
  // Any event name: the bench's own steps (challenges, queue), answered as plain acks.
  const socket = bot.socket as unknown as {
    timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  };
  const answer = (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack;
  if (!answer.ok) throw new Error(`${event} answered ${JSON.stringify(answer.error)}`);
  return answer;
}

/** CPU seconds of a process over the measured window. */
function cpuSince(pid: number, before: { user: number; system: number }) {
  const after = cpuSeconds(pid);
  return { user: after.user - before.user, system: after.system - before.system };
}

/**
 * One phase: connect the bots where `pairings` say, start each match by a challenge, warm up,
 * then measure every node (and Redis) over the same window.
 */
async function phase(nodes: ArenaNode[], redisPid: number, pairings: Pairing[]) {
  const seats: { bot: Bot; crossNode: boolean }[] = [];
  const owners: string[] = [];
  try {
    const bots = pairings.map(({ challenger, acceptor }) => {
      const challengerBot = new Bot(
        challenger.node.url,
        challenger.player.accessToken,
        REACTION_MS,
      );
      const acceptorBot = new Bot(acceptor.node.url, acceptor.player.accessToken, REACTION_MS);
      // The acceptor's node runs the match: the challenger's inputs cross nodes when it is elsewhere.
      seats.push({ bot: challengerBot, crossNode: challenger.node !== acceptor.node });
      seats.push({ bot: acceptorBot, crossNode: false });
      owners.push(acceptor.node.nodeId);
      return { challengerBot, acceptorBot, acceptorId: acceptor.player.id };
    });
    await connectedBots(seats.map((seat) => seat.bot));
    for (const { challengerBot, acceptorBot, acceptorId } of bots) {
      const sent = await ack(challengerBot, 'challenge:send', { userId: acceptorId });
      await ack(acceptorBot, 'challenge:accept', { challengeId: sent.challengeId });
    }
    await sleep(WARMUP_S * 1000);

    const all = seats.map((seat) => seat.bot);
    const paired = all.filter((bot) => bot.matchId).length / 2;
    const carried = await Promise.all(
      nodes.map((node) => gauge(node.url, CLUSTER_METRICS_TOKEN, 'arena_live_matches')),
    );
    const late = () =>
      Promise.all(
        nodes.map((node) =>
          histogram(node.url, CLUSTER_METRICS_TOKEN, 'arena_tick_lateness_seconds'),
        ),
      );
    const lateBefore = await late();
    for (const bot of all) bot.measuring = true;
    const pids = nodes.map((node) => node.process.pid as number);
    const cpuBefore = pids.map(cpuSeconds);
    const redisBefore = cpuSeconds(redisPid);
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    await sleep(DURATION_S * 1000);
    const elapsed = (performance.now() - started) / 1000;
    const cpu = pids.map((pid, i) => cpuSince(pid, cpuBefore[i]));
    const redis = cpuSince(redisPid, redisBefore);
    const client = process.cpuUsage(clientBefore);
    for (const bot of all) bot.measuring = false;
    const lateAfter = await late();

    const matches = carried.reduce<number>((sum, count) => sum + (count ?? 0), 0);
    const total = (used: { user: number; system: number }) => used.user + used.system;
    const nodesCpu = cpu.reduce((sum, used) => sum + total(used), 0);
    const percentOfOneCore = (seconds: number) => round((seconds / elapsed) * 100, 1);
    const msPerMatchSecond = (seconds: number, count: number) =>
      count ? round((seconds * 1000) / (count * elapsed), 3) : null;
    const same = seats.filter((seat) => !seat.crossNode).map((seat) => seat.bot);
    const cross = seats.filter((seat) => seat.crossNode).map((seat) => seat.bot);
    return {
      matches,
      matchesPaired: paired,
      clients: all.length,
      measuredSeconds: round(elapsed),
      nodes: nodes.map((node, i) => ({
        nodeId: node.nodeId,
        matchesCarried: carried[i],
        matchesStartedHere: owners.filter((owner) => owner === node.nodeId).length,
        cpuSeconds: round(total(cpu[i]), 3),
        cpuPercentOfOneCore: percentOfOneCore(total(cpu[i])),
        cpuMsPerMatchSecond: msPerMatchSecond(total(cpu[i]), carried[i] ?? 0),
        cpuSystemPercent: round(total(cpu[i]) ? (cpu[i].system / total(cpu[i])) * 100 : null, 1),
        tickLatenessMs: tickLatenessMs(lateBefore[i], lateAfter[i]),
      })),
      cpuMsPerMatchSecond: msPerMatchSecond(nodesCpu, matches),
      redisCpuPercentOfOneCore: percentOfOneCore(total(redis)),
      cpuMsPerMatchSecondWithRedis: msPerMatchSecond(nodesCpu + total(redis), matches),
      benchClientsCpuPercentOfOneCore: percentOfOneCore((client.user + client.system) / 1e6),
      inputsPerClientPerSecond: perClientPerSecond(all, (bot) => bot.inputs, elapsed),
      statesPerClientPerSecond: perClientPerSecond(all, (bot) => bot.states, elapsed),
      inputToBroadcastMs: {
        sameNode: same.length ? inputToBroadcast(same) : null,
        crossNode: cross.length ? inputToBroadcast(cross) : null,
      },
    };
  } finally {
    for (const seat of seats) seat.bot.socket.disconnect();
  }
}

type Figures = Awaited<ReturnType<typeof phase>>;

async function run(cluster: Cluster, solo: ArenaNode) {
  const redisPid = cluster.redis.pid();
  if (redisPid === null) throw new Error('redis-server is not running');
  // Game nodes serve no REST: every account is made on the `all` node first, fresh ones for each
  // phase, so the second starts as the first did.
  const players: Player[] = [];
  for (let i = 0; i < MATCHES * 4; i++) players.push(await register(solo));
  const single = await phase(
    [solo],
    redisPid,
    Array.from({ length: MATCHES }, (_, i) => ({
      challenger: { player: players[2 * i], node: solo },
      acceptor: { player: players[2 * i + 1], node: solo },
    })),
  );
  // It drains: no other game node yet, so its matches end as interrupted.
  await solo.stop();

  const gameNodes: NodeOptions[] = [
    { nodeId: 'game-a', role: 'game' },
    { nodeId: 'game-b', role: 'game' },
  ];
  const [a, b] = await Promise.all(gameNodes.map((options) => cluster.add(options)));
  const two = await phase(
    [a, b],
    redisPid,
    Array.from({ length: MATCHES }, (_, i) => {
      const [here, there] = i % 2 === 0 ? [a, b] : [b, a];
      return {
        challenger: { player: players[2 * (MATCHES + i)], node: there },
        acceptor: { player: players[2 * (MATCHES + i) + 1], node: here },
      };
    }),
  );
  return { single, two };
}

function goals(single: Figures, two: Figures) {
  const singleNodeP99 = single.inputToBroadcastMs.sameNode?.p99 ?? null;
  const crossNodeP99 = two.inputToBroadcastMs.crossNode?.p99 ?? null;
  const difference =
    singleNodeP99 !== null && crossNodeP99 !== null ? round(crossNodeP99 - singleNodeP99) : null;
  const states = [single.statesPerClientPerSecond, two.statesPerClientPerSecond];
  return {
    statesPerClientAtLeast57: states.every((rate) => rate !== null && rate >= STATES_GOAL),
    crossNodeP99WithinTwoMsOfSingleNode:
      difference !== null && difference <= CROSS_NODE_P99_GOAL_MS,
    singleNodeP99Ms: singleNodeP99,
    crossNodeP99Ms: crossNodeP99,
    crossMinusSingleP99Ms: difference,
  };
}

async function main(): Promise<void> {
  const load = loadavg()[0];
  const cluster = await startCluster([{ nodeId: 'solo', role: 'all' }], NODE_ENV);
  // Whatever happens (an error, Ctrl-C), the nodes, Redis and the database go.
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= cluster.stop());
  const interrupted = (signal: NodeJS.Signals) => {
    process.stderr.write(`${signal}: stopping the nodes, Redis and the database\n`);
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let figures: { single: Figures; two: Figures };
  try {
    figures = await run(cluster, cluster.node('solo'));
  } finally {
    await stop();
  }

  const { single, two } = figures;
  const summary = {
    bench: 'cluster',
    node: process.version,
    machine: { cpus: cpus().length, loadAverage1mAtStart: round(load) },
    botReactionMs: REACTION_MS,
    matchesRequested: MATCHES,
    single,
    two,
    goals: goals(single, two),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  // Every match counted by its node (`matches`) and by its players (`matchesPaired`).
  failUnlessEveryMatchPlayed(
    [single, two].map((side) => ({ ...side, matches: Math.min(side.matches, side.matchesPaired) })),
    MATCHES,
  );
}

runBench(main);
