/**
 * The process behind state-watcher.ts: one player in a live AI match, timestamping every
 * `match:state` on arrival. Runs on bare Node from a compiled copy, so it imports only packages
 * and types. Its paddle chases the ball with a player's reaction time, so inputs flow as in a
 * real match. It asks the kernel for a higher scheduling priority when allowed (reported), so on
 * a busy machine it is the last process kept waiting and its gaps are the server's.
 *
 * A phase's gaps are those ending inside it (the first may have begun just before), plus the open
 * one at its end (a stall still going on when the phase ends). When a match ends (the winning
 * score reached) the child starts another, and the gap across the two is not counted.
 */
import { getPriority, setPriority } from 'node:os';
import { ArenaAckError, connectGame, emitWithAck, type GameSocket } from '@arena/client';
import type { MatchStatePayload as State } from '@arena/client';
import type { RawPhase, WatcherCommand, WatcherReport } from './state-watcher';

interface Phase extends RawPhase {
  name: string;
  begunAt: number;
}

/** A player looks at the field at most this often. */
const REACTION_MS = 100;

const report = (message: WatcherReport) => process.send?.(message);

let priority: number | null = null;
try {
  setPriority(-10);
  priority = getPriority();
} catch {
  // not allowed here: the default priority
}

let socket: GameSocket | null = null;
let difficulty: 'easy' | 'normal' | 'hard' = 'normal';
let matchId = '';
let lastArrival: number | null = null;
let lastTick: number | null = null;
let phase: Phase | null = null;
let ready = false;
let intent: 'up' | 'down' | 'stop' = 'stop';
let seq = 0;
let lookedAt = Number.NEGATIVE_INFINITY;

function startMatch(): void {
  if (!socket) return;
  emitWithAck(socket, 'match:ai', { difficulty }, { timeoutMs: 10_000 }).then(
    (ack) => {
      matchId = ack.matchId;
    },
    (error: unknown) =>
      report({
        type: 'error',
        message:
          error instanceof ArenaAckError
            ? `match:ai refused: ${error.detail}`
            : `match:ai: ${String(error)}`,
      }),
  );
}

function onState(state: State): void {
  const now = performance.now();
  if (matchId && state.matchId !== matchId) return;
  if (phase) {
    if (lastArrival !== null) phase.gaps.push(now - lastArrival);
    phase.states += 1;
    if (lastTick !== null && state.tick > lastTick) phase.ticks += state.tick - lastTick;
  }
  lastArrival = now;
  lastTick = state.tick;
  if (!ready) {
    ready = true;
    report({ type: 'ready', matchId: state.matchId, priority });
  }
  // Chase the ball, sending an input only when the intent changes, as a keyboard would.
  if (now - lookedAt < REACTION_MS) return;
  lookedAt = now;
  const paddle = state.paddles.left.y;
  const next = state.ball.y < paddle - 20 ? 'up' : state.ball.y > paddle + 20 ? 'down' : 'stop';
  if (next !== intent) {
    intent = next;
    seq += 1;
    socket?.emit('game:input', { matchId: state.matchId, direction: next, seq });
  }
}

function connect(base: string, token: string): void {
  socket = connectGame(base, token, { reconnection: false, forceNew: true });
  socket.on('connect', startMatch);
  socket.on('connect_error', (error) =>
    report({ type: 'error', message: `connect_error: ${error.message}` }),
  );
  socket.on('disconnect', (reason) =>
    report({ type: 'error', message: `disconnected: ${reason}` }),
  );
  socket.on('match:state', onState);
  socket.on('match:end', (end: { matchId: string }) => {
    if (end.matchId !== matchId) return;
    lastArrival = null;
    lastTick = null;
    matchId = '';
    if (phase) phase.restarts += 1;
    startMatch();
  });
}

process.on('message', (command: WatcherCommand) => {
  const now = performance.now();
  switch (command.type) {
    case 'start':
      difficulty = command.difficulty;
      connect(command.base, command.token);
      break;
    case 'begin':
      phase = {
        name: command.phase,
        begunAt: now,
        gaps: [],
        states: 0,
        ms: 0,
        ticks: 0,
        restarts: 0,
      };
      break;
    case 'end':
      if (!phase || phase.name !== command.phase) {
        report({ type: 'error', message: `phase ${command.phase} was never begun` });
        break;
      }
      if (lastArrival !== null) phase.gaps.push(now - lastArrival);
      report({
        type: 'phase',
        phase: phase.name,
        raw: {
          gaps: phase.gaps,
          states: phase.states,
          ms: now - phase.begunAt,
          ticks: phase.ticks,
          restarts: phase.restarts,
        },
      });
      phase = null;
      break;
  }
});
// The bench is gone (even killed): so is this process.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => {
  socket?.disconnect();
  process.exit(0);
});
