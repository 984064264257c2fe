/**
 * Matches for replay specs and the replay bench: played the way a live room plays them (intents
 * recorded by a TapeRecorder before each step, one step of 1/tickRate s), with scripted bots or
 * random inputs, keeping every state so a re-simulation can be compared with it step for step.
 */
import { cloneState, createInitialState, step } from './engine';
import { makeGameConfig } from './engine.constants';
import type { Direction, GameConfig, GameState, PaddleInputs, Side } from './engine.types';
import { stepSeconds } from './replay';
import { sealReplay } from './replay-hash';
import type { Replay } from './replay.types';
import { RULES_VERSION } from './rules-version';
import { TapeInput, TapeRecorder } from './tape';

export interface RecordedRun {
  config: GameConfig;
  seed: number;
  inputs: TapeInput[];
  /** The final state. */
  state: GameState;
  /** Every state after each step, when asked for: states[t - 1] is the state at tick t. */
  states: GameState[];
}

/**
 * Decides the next intents before a step, or `pause` (both paddles stop, as a room's pause
 * imposes). `intents` are the current ones, to change or keep.
 */
export type Policy = (state: GameState, intents: PaddleInputs) => Partial<PaddleInputs> | 'pause';

/** Plays `ticks` steps (or to the end) like a room: intents recorded before each step. */
export function recordRun(
  config: GameConfig,
  seed: number,
  policy: Policy,
  ticks: number,
  keepStates = false,
): RecordedRun {
  const state = createInitialState(config, seed);
  const recorder = new TapeRecorder();
  const intents: PaddleInputs = { left: 'stop', right: 'stop' };
  const dt = stepSeconds(config);
  const states: GameState[] = [];
  while (state.tick < ticks && state.phase !== 'over') {
    const decision = policy(state, intents);
    if (decision === 'pause') intents.left = intents.right = 'stop';
    else Object.assign(intents, decision);
    recorder.record(state.tick + 1, intents);
    step(state, intents, dt, config);
    if (keepStates) states.push(cloneState(state));
  }
  return { config, seed, inputs: recorder.inputs(), state, states };
}

/** A small seeded RNG for the specs' own choices (not the engine's). */
export function specRandom(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) | 0;
    let x = Math.imul(t ^ (t >>> 15), t | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const DIRECTIONS: readonly Direction[] = ['up', 'down', 'stop'];

/** Random inputs: each side changes direction now and then, and a pause now and then. */
export function randomPolicy(seed: number, changeChance = 0.1, pauseChance = 0.002): Policy {
  const random = specRandom(seed);
  let paused = 0;
  return () => {
    if (paused > 0) {
      paused -= 1;
      return 'pause';
    }
    if (random() < pauseChance) {
      paused = Math.floor(random() * 30);
      return 'pause';
    }
    const change: Partial<PaddleInputs> = {};
    for (const side of ['left', 'right'] as const) {
      if (random() < changeChance) change[side] = DIRECTIONS[Math.floor(random() * 3)];
    }
    return change;
  };
}

/**
 * A player who watches the ball and steers towards where it is, re-deciding every
 * `reactionTicks` steps (a human's reaction time), and aims `offset` units off the paddle's
 * centre (so the bots' rallies end: their returns come off the paddle at an angle).
 */
function tracker(side: Side, reactionTicks: number, offset: number) {
  return (state: GameState, current: Direction): Direction => {
    if (state.tick % reactionTicks !== 0) return current;
    const target = state.phase === 'playing' ? state.ball.y + offset : state.paddles[side].y;
    const gap = target - state.paddles[side].y;
    if (Math.abs(gap) < 12) return 'stop';
    return gap < 0 ? 'up' : 'down';
  };
}

/** Two scripted bots of equal skill: a tenth of a second to react, aiming off-centre. */
export function botsPolicy(): Policy {
  const left = tracker('left', 6, 30);
  const right = tracker('right', 6, -30);
  return (state, intents) => ({
    left: left(state, intents.left),
    right: right(state, intents.right),
  });
}

export const GOLDEN_MATCH_ID = '00000000-0000-4000-8000-000000000011';
/** A close match (11–10 in about five minutes) under the rules of RULES_VERSION 'arena-pong/1'. */
export const GOLDEN_SEED = 20261125;

/** A whole 11-point match between the scripted bots, sealed as a replay. */
export function botsReplay(seed = GOLDEN_SEED, matchId = GOLDEN_MATCH_ID): Replay {
  const config = makeGameConfig();
  const run = recordRun(config, seed, botsPolicy(), 2 * 60 * 60 * config.tickRate);
  return sealReplay({
    matchId,
    engine: RULES_VERSION,
    config,
    seed,
    inputs: run.inputs,
    final: {
      tick: run.state.tick,
      score: { ...run.state.score },
      winnerSide: run.state.winner,
      endReason: run.state.phase === 'over' ? 'score' : null,
    },
  });
}
