/**
 * A live match seen from a client, in a process of its own: what a player would see of the
 * server's stalls. `startStateWatcher()` starts the child (state-watcher.child.ts), which connects
 * to `/game`, plays an AI match and timestamps every `match:state` on arrival. The bench marks
 * phases (`begin`, `end`) and gets back, per phase, the worst gap between two consecutive states
 * and the states per second.
 *
 * Why a separate process: the bench's own HTTP load generator shares its event loop with
 * anything in it, so a client there would see the bench's delays as the server's. The server's
 * `tick` numbers cannot tell either: after a stall the loop runs at most a few catch-up steps and
 * drops the rest, so ticks stay consecutive across a frozen second (they are reported as server
 * ticks per second, which shows the dropped steps).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { compiled } from './server';
import { percentile, round } from './stats';

export interface PhaseFigures {
  /** The longest time between two consecutive states, in ms. */
  worstGapMs: number | null;
  statesPerSecond: number | null;
  states: number;
  seconds: number;
  p99GapMs: number | null;
  /** Gaps longer than 50 ms (three ticks missed). */
  gapsOver50Ms: number;
  /** Simulation steps the server ran, per second (steps dropped after a stall are missing). */
  serverTicksPerSecond: number | null;
  /** Matches that ended (the winning score reached) and were replaced during the phase. */
  matchesRestarted: number;
}

/** What the bench tells the child. */
export type WatcherCommand =
  | { type: 'start'; base: string; token: string; difficulty: 'easy' | 'normal' | 'hard' }
  | { type: 'begin'; phase: string }
  | { type: 'end'; phase: string };

/** A phase as the child saw it: arrival gaps in ms (see the child for which ones count). */
export interface RawPhase {
  gaps: number[];
  states: number;
  ms: number;
  ticks: number;
  restarts: number;
}

/** What the child tells the bench. */
export type WatcherReport =
  | { type: 'ready'; matchId: string; priority: number | null }
  | { type: 'phase'; phase: string; raw: RawPhase }
  | { type: 'error'; message: string };

export interface StateWatcher {
  /** The child's scheduling priority (nice: lower runs sooner), or null if it kept the default. */
  priority: number | null;
  begin(phase: string): void;
  end(phase: string): Promise<PhaseFigures>;
  /** The first error the child reported (a lost connection, a match it could not start). */
  error(): string | null;
  stop(): Promise<void>;
}

export function phaseFigures(raw: RawPhase): PhaseFigures {
  const gaps = [...raw.gaps].sort((a, b) => a - b);
  const seconds = raw.ms / 1000;
  return {
    worstGapMs: round(gaps.length ? gaps[gaps.length - 1] : null, 1),
    statesPerSecond: seconds > 0 ? round(raw.states / seconds, 1) : null,
    states: raw.states,
    seconds: round(seconds, 2) ?? 0,
    p99GapMs: round(percentile(gaps, 99), 1),
    gapsOver50Ms: gaps.filter((gap) => gap > 50).length,
    serverTicksPerSecond: seconds > 0 ? round(raw.ticks / seconds, 1) : null,
    matchesRestarted: raw.restarts,
  };
}

/** Starts the child, connects it with `token` and waits for the first state of its AI match. */
export async function startStateWatcher(
  base: string,
  token: string,
  difficulty: 'easy' | 'normal' | 'hard' = 'normal',
  timeoutMs = 15_000,
): Promise<StateWatcher> {
  const child: ChildProcess = spawn(
    process.execPath,
    [compiled(join(__dirname, 'state-watcher.child.ts'))],
    {
      env: { PATH: process.env.PATH, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  let failure: string | null = null;
  const waiting = new Map<string, (raw: RawPhase) => void>();
  let onReport: ((report: WatcherReport) => void) | null = null;
  child.on('message', (report: WatcherReport) => {
    if (report.type === 'error') failure ??= report.message;
    if (report.type === 'phase') waiting.get(report.phase)?.(report.raw);
    onReport?.(report);
  });
  child.on('exit', (code, signal) => {
    failure ??= `the state watcher exited (${signal ?? code})`;
    onReport?.({ type: 'error', message: failure });
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  };
  const send = (command: WatcherCommand) => {
    if (child.connected) child.send(command);
  };

  let timer: NodeJS.Timeout | undefined;
  try {
    const ready = await new Promise<WatcherReport>((resolve, reject) => {
      onReport = (report) => {
        if (report.type !== 'phase') resolve(report);
      };
      timer = setTimeout(
        () => reject(new Error(`the live match did not start within ${timeoutMs} ms`)),
        timeoutMs,
      );
      send({ type: 'start', base, token, difficulty });
    });
    onReport = null;
    if (ready.type !== 'ready') throw new Error(`the state watcher failed: ${failure}`);
    return {
      priority: ready.priority,
      begin: (phase) => send({ type: 'begin', phase }),
      end: (phase) =>
        new Promise<PhaseFigures>((resolve, reject) => {
          const deadline = setTimeout(() => {
            waiting.delete(phase);
            reject(new Error(`the state watcher did not report phase ${phase}: ${failure}`));
          }, 10_000);
          waiting.set(phase, (raw) => {
            clearTimeout(deadline);
            waiting.delete(phase);
            resolve(phaseFigures(raw));
          });
          send({ type: 'end', phase });
        }),
      error: () => failure,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
