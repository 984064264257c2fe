/**
 * Replay benchmark: what a stored replay costs in bytes, and what re-simulating one costs in
 * time, on the built engine package (@arena/engine). Matches are whole 11-point matches between
 * scripted bots that react every tenth of a second, like a player (the golden replay's bots), on
 * several seeds; a minute of both sides changing direction on every step bounds the bytes.
 * Prints a JSON summary:
 *
 *   - bytes per stored replay: the match_replays row's payload (inputs text, config JSON, hash,
 *     engine, match id, final tick), per match and per minute of play;
 *   - re-simulation of a whole match (goal: under 20 ms), the full verification (hash, bounds,
 *     re-simulation) of the parsed Replay, the encode/decode of its tape;
 *   - a long match (to 100 points at 240 ticks/s) re-simulated in the server's slices (up to
 *     RESIMULATION_SLICE steps: the longest a verification holds the event loop at once), and
 *     from its step cost the longest replay the bounds allow (2 hours at 240 ticks/s).
 *
 *   npm run bench:replay
 *   npm run bench:replay -- --runs 50 --seeds 5
 */
import {
  encodeTape,
  decodeTape,
  makeGameConfig,
  replay,
  REPLAY_LIMITS,
  RULES_VERSION,
  Resimulation,
  verifyReplay,
  type Replay,
  type TapeInput,
} from '@arena/engine';
import { parseArgs } from 'node:util';
import {
  botsPolicy,
  botsReplay,
  GOLDEN_SEED,
  recordRun,
} from '../packages/engine/src/replay.fixtures';
import { nextSlice, RESIMULATION_SLICE } from '../src/modules/matches/replays.service';
import { percentile, round } from './support/stats';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    seeds: { type: 'string', default: '10' },
  },
});
const RUNS = Number(values.runs);
const SEEDS = Number(values.seeds);
const MATCH_ID = '00000000-0000-4000-8000-000000000000';

/** Bytes of the match_replays row's own values (what the database stores beside its overhead). */
function storedBytes(r: Replay): number {
  const text = (value: string) => Buffer.byteLength(value, 'utf8');
  return (
    text(r.matchId) +
    text(r.engine) +
    text(JSON.stringify(r.config)) +
    text(encodeTape(r.inputs)) +
    text(r.hash) +
    4 // finalTick, an integer
  );
}

/** Milliseconds of each of `runs` calls (after a few warm-up calls). */
function time(runs: number, task: () => unknown): number[] {
  for (let i = 0; i < Math.min(20, runs); i++) task();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    task();
    samples.push(performance.now() - start);
  }
  return samples;
}

function summary(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50), 3),
    p99: round(percentile(sorted, 99), 3),
    max: round(sorted[sorted.length - 1], 3),
  };
}

/** A minute of inputs where both sides change direction on every step (no player does): a bound. */
function jitteryMinute(): Replay {
  const config = makeGameConfig();
  const inputs: TapeInput[] = [];
  const ticks = 60 * config.tickRate;
  for (let tick = 1; tick <= ticks; tick++) {
    inputs.push(
      [tick, 'left', tick % 2 ? 'up' : 'down'],
      [tick, 'right', tick % 2 ? 'down' : 'up'],
    );
  }
  return {
    matchId: MATCH_ID,
    engine: RULES_VERSION,
    config,
    seed: 1,
    inputs,
    final: { tick: ticks, score: { left: 0, right: 0 }, winnerSide: null, endReason: null },
    hash: '0'.repeat(64),
  };
}

function main(): void {
  const matches = Array.from({ length: SEEDS }, (_, i) => botsReplay(GOLDEN_SEED + i, MATCH_ID));
  const golden = matches[0];
  const minutes = (r: Replay) => r.final.tick / r.config.tickRate / 60;
  const bytes = matches.map(storedBytes);
  const perMinute = matches.map((r, i) => bytes[i] / minutes(r));
  const jittery = jitteryMinute();

  const parsed = JSON.parse(JSON.stringify(golden)) as Replay;
  const encoded = encodeTape(golden.inputs);
  const resimulate = time(RUNS, () =>
    replay(golden.seed, golden.config, golden.inputs, golden.final.tick),
  );
  const verify = time(RUNS, () => {
    if (!verifyReplay(parsed).valid) throw new Error('the golden match does not verify');
  });

  // A long match (to 100 points at 240 ticks/s), re-simulated slice by slice as the server does:
  // each slice is how long a verification holds the event loop at once.
  const long = makeGameConfig({ tickRate: 240, winningScore: 100 });
  const longRun = recordRun(long, GOLDEN_SEED, botsPolicy(), REPLAY_LIMITS.maxSeconds * 240);
  const slices: number[] = [];
  const resimulation = new Resimulation(long, GOLDEN_SEED, longRun.inputs);
  const started = performance.now();
  const sliceCpu: number[] = [];
  for (let done = false, slice = nextSlice(0); !done; slice = nextSlice(slice)) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    done = resimulation.advanceTo(longRun.state.tick, slice);
    const used = process.cpuUsage(cpu);
    slices.push(performance.now() - start);
    sliceCpu.push((used.user + used.system) / 1000);
  }
  const longMs = performance.now() - started;
  const nsPerStep = (longMs / longRun.state.tick) * 1e6;
  const maxTicks = REPLAY_LIMITS.maxSeconds * 240;

  const result = {
    engine: RULES_VERSION,
    matches: {
      count: matches.length,
      scores: matches.map((r) => `${r.final.score.left}-${r.final.score.right}`),
      minutes: summary(matches.map(minutes)),
      inputs: summary(matches.map((r) => r.inputs.length)),
    },
    storedBytes: {
      perMatch: summary(bytes),
      perMinuteOfPlay: summary(perMinute),
      golden: {
        minutes: round(minutes(golden), 2),
        inputs: golden.inputs.length,
        row: storedBytes(golden),
        inputsText: encoded.length,
        configText: JSON.stringify(golden.config).length,
        replayJson: JSON.stringify(golden).length,
      },
      jitteryMinuteBound: { inputs: jittery.inputs.length, row: storedBytes(jittery) },
    },
    timeMs: {
      resimulateGoldenMatch: summary(resimulate),
      verifyGoldenReplay: summary(verify),
      encodeTape: summary(time(RUNS, () => encodeTape(golden.inputs))),
      decodeTape: summary(time(RUNS, () => decodeTape(encoded))),
      longMatch: {
        points: `${longRun.state.score.left}-${longRun.state.score.right}`,
        minutes: round(longRun.state.tick / 240 / 60, 1),
        ticks: longRun.state.tick,
        totalMs: round(longMs, 1),
        nsPerStep: round(nsPerStep, 1),
      },
      // Slices as the server runs them: 1,000 steps first (the JIT has not compiled the loop
      // yet in a fresh process), doubling up to RESIMULATION_SLICE. Wall time includes the
      // moments the OS ran something else; CPU time is the slice's own work.
      serverSlices: {
        largest: RESIMULATION_SLICE,
        count: slices.length,
        wall: summary(slices),
        cpu: summary(sliceCpu),
      },
      // The most a replay may ask for (2 hours at 240 ticks/s), at the long match's step cost.
      longestAllowedReplay: {
        ticks: maxTicks,
        slices: Math.ceil(maxTicks / RESIMULATION_SLICE),
        estimatedMs: round((maxTicks * nsPerStep) / 1e6, 1),
      },
    },
    goalMs: 20,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main();
