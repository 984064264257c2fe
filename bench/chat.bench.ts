/**
 * Chat load benchmark: one channel of M members, each with a `/chat` socket, while a live AI
 * match is watched from its own process (bench/support/state-watcher.ts). S members send
 * messages at a fixed total rate; every member's socket times each message from its send to its
 * arrival. Prints a JSON summary: messages sent and deliveries per second, delivery latency
 * p50/p99/max, deliveries missing, and the live match's states per second and worst gap, idle
 * and under the chat load (goal: ≥ 57 states/s). Bounded: loopback only, fixed counts and
 * durations, then everything stops.
 *
 *   npm run bench:chat                                  # 200 members, 20 messages/s, 10 s
 *   npm run bench:chat -- --members 50 --rate 10 --duration 3 --warmup 1   # a short run
 */
import {
  connectChat,
  connected,
  emitWithAck,
  type ChatMessage,
  type ChatSocket,
} from '@arena/client';
import { parseArgs } from 'node:util';
import { registerBenchAccount, startBenchServer } from './support/server';
import { runBench } from './support/run';
import { startStateWatcher } from './support/state-watcher';
import { percentile, round } from './support/stats';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '200' },
    senders: { type: 'string', default: '4' },
    rate: { type: 'string', default: '20' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
  },
});
const MEMBERS = Number(values.members);
const SENDERS = Math.min(Number(values.senders), MEMBERS);
/** Messages per second, all senders together. */
const RATE = Number(values.rate);
const DURATION_S = Number(values.duration);
const WARMUP_S = Number(values.warmup);
const STATES_GOAL = 57;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rest<T>(base: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}`);
  return (res.status === 204 ? null : await res.json()) as T;
}

interface Member {
  token: string;
  socket: ChatSocket;
}

async function main(): Promise<void> {
  const server = await startBenchServer();
  const sockets: ChatSocket[] = [];
  let watcher: Awaited<ReturnType<typeof startStateWatcher>> | null = null;
  try {
    const { base } = server;
    const stamp = Date.now().toString(36);
    const tokens: string[] = [];
    for (let i = 0; i < MEMBERS; i++) tokens.push(await registerBenchAccount(base, `c${stamp}${i}`));
    const owner = tokens[0];
    const channel = await rest<{ id: string }>(base, owner, 'POST', '/api/chat/channels', {
      name: `load ${stamp}`,
      visibility: 'public',
    });
    for (const token of tokens.slice(1)) {
      await rest(base, token, 'POST', `/api/chat/channels/${channel.id}/join`, {});
    }
    const members: Member[] = tokens.map((token) => ({
      token,
      socket: connectChat(base, token, { forceNew: true, reconnection: false }),
    }));
    sockets.push(...members.map((member) => member.socket));
    await Promise.all(sockets.map((socket) => connected(socket)));

    // Deliveries of the measured messages: send time by body, arrival latencies.
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let measuring = false;
    for (const { socket } of members) {
      socket.on('chat:message', (message: ChatMessage) => {
        const at = sentAt.get(message.body);
        if (measuring && at !== undefined) latencies.push(performance.now() - at);
      });
    }

    watcher = await startStateWatcher(base, await registerBenchAccount(base, `w${stamp}`));
    watcher.begin('idle');
    await sleep(DURATION_S * 1000);
    const idle = await watcher.end('idle');

    const senders = members.slice(0, SENDERS);
    let sequence = 0;
    let sent = 0;
    let refused = 0;
    const send = async (member: Member, body: string) => {
      try {
        await emitWithAck(member.socket, 'chat:send', { conversationId: channel.id, body });
        sent += 1;
      } catch {
        refused += 1;
      }
    };
    const everyMs = 1000 / RATE;
    const pump = async (seconds: number, measured: boolean) => {
      const until = performance.now() + seconds * 1000;
      const pending: Promise<void>[] = [];
      let next = performance.now();
      while (performance.now() < until) {
        const body = `m${(sequence += 1)}`;
        if (measured) sentAt.set(body, performance.now());
        pending.push(send(senders[sequence % senders.length], body));
        next += everyMs;
        await sleep(Math.max(0, next - performance.now()));
      }
      await Promise.all(pending);
    };
    await pump(WARMUP_S, false);
    sent = 0;
    measuring = true;
    watcher.begin('chat');
    const started = performance.now();
    await pump(DURATION_S, true);
    // Let the last messages arrive everywhere (bounded).
    const expected = sentAt.size * MEMBERS;
    for (let i = 0; i < 50 && latencies.length < expected; i++) await sleep(100);
    const seconds = (performance.now() - started) / 1000;
    measuring = false;
    const chat = await watcher.end('chat');
    latencies.sort((a, b) => a - b);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'chat',
        node: process.version,
        members: MEMBERS,
        senders: SENDERS,
        ratePerSecond: RATE,
        measuredSeconds: DURATION_S,
        messagesSent: sent,
        messagesRefused: refused,
        deliveries: latencies.length,
        deliveriesExpected: expected,
        deliveriesMissing: expected - latencies.length,
        deliveriesPerSecond: round(latencies.length / seconds, 0),
        deliveryMs: {
          p50: round(percentile(latencies, 50), 1),
          p99: round(percentile(latencies, 99), 1),
          max: round(latencies.length ? latencies[latencies.length - 1] : null, 1),
        },
        liveMatch: {
          idle: { statesPerSecond: idle.statesPerSecond, worstGapMs: idle.worstGapMs },
          underChat: { statesPerSecond: chat.statesPerSecond, worstGapMs: chat.worstGapMs },
        },
        goals: {
          statesPerSecondAtLeast57: (chat.statesPerSecond ?? 0) >= STATES_GOAL,
          everyMessageDelivered: latencies.length === expected,
        },
      })}\n`,
    );
  } finally {
    for (const socket of sockets) socket.disconnect();
    await watcher?.stop();
    await server.stop();
  }
}

runBench(main);
