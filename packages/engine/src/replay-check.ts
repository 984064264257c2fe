/**
 * Verifying a replay, pure and bounded. A value is first looked at without simulating anything:
 * another rules version is refused, a value that is not a Replay by its schema is malformed, a
 * stale hash or anything out of bounds is refused. Only then is it re-simulated, in slices the
 * caller drives, and compared with the result it claims. The work a replay can ask for is
 * bounded by REPLAY_LIMITS before the first step, whatever it claims.
 */
import { DEFAULT_GAME_CONFIG } from './engine.constants';
import type { GameConfig, Side } from './engine.types';
import { Resimulation } from './replay';
import { replayHash } from './replay-hash';
import type { Replay, ReplayVerdict } from './replay.types';
import { RULES_VERSION } from './rules-version';

export const REPLAY_LIMITS = Object.freeze({
  /** The longest match a replay may claim, in seconds of play: two hours. */
  maxSeconds: 2 * 60 * 60,
  /** Inputs in one replay (there is at most one per side per step anyway). */
  maxInputs: 1_000_000,
  /** Schema problems reported at most. */
  maxProblems: 20,
});

export interface ConfigRange {
  min: number;
  max: number;
  integer?: boolean;
}

/** The sane range of every rule: a config outside them is refused before simulating. */
export const GAME_CONFIG_RANGES: Readonly<Record<keyof GameConfig, ConfigRange>> = Object.freeze({
  width: { min: 100, max: 10_000 },
  height: { min: 100, max: 10_000 },
  paddleWidth: { min: 1, max: 1_000 },
  paddleHeight: { min: 1, max: 10_000 },
  paddleInset: { min: 0, max: 1_000 },
  paddleSpeed: { min: 1, max: 100_000 },
  ballRadius: { min: 1, max: 1_000 },
  ballSpeed: { min: 1, max: 100_000 },
  speedUp: { min: 1, max: 2 },
  maxBallSpeed: { min: 1, max: 100_000 },
  maxBounceAngle: { min: 0, max: 1.5 },
  serveMaxAngle: { min: 0, max: 1.5 },
  servePauseMs: { min: 0, max: 60_000 },
  tickRate: { min: 1, max: 240, integer: true },
  winningScore: { min: 1, max: 100, integer: true },
});

/** The keys of a replay's config: every rule of the engine. */
export const GAME_CONFIG_KEYS = Object.freeze(
  Object.keys(DEFAULT_GAME_CONFIG),
) as readonly (keyof GameConfig)[];

export const REPLAY_KEYS = Object.freeze([
  'matchId',
  'engine',
  'config',
  'seed',
  'inputs',
  'final',
  'hash',
]);
export const REPLAY_FINAL_KEYS = Object.freeze(['tick', 'score', 'winnerSide', 'endReason']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HASH = /^[0-9a-f]{64}$/;
const SIDES = new Set<unknown>(['left', 'right']);
const DIRECTIONS = new Set<unknown>(['up', 'down', 'stop']);
const END_REASONS = new Set<unknown>(['score', 'forfeit', 'timeout']);
const NOTHING_SIMULATED = { left: 0, right: 0 };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Collects problems up to a bound, so a huge malformed replay costs one pass and a short list. */
class Problems {
  readonly list: string[] = [];
  add(problem: string): void {
    if (this.list.length < REPLAY_LIMITS.maxProblems) this.list.push(problem);
  }
  get full(): boolean {
    return this.list.length >= REPLAY_LIMITS.maxProblems;
  }
}

function exactKeys(value: Json, keys: readonly string[], path: string, problems: Problems): void {
  for (const key of keys) if (!(key in value)) problems.add(`${path}${key} is required`);
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) problems.add(`${path}${key} is not a replay field`);
  }
}

function scoreProblems(value: unknown, path: string, problems: Problems): void {
  if (!isObject(value)) return problems.add(`${path} must be an object { left, right }`);
  exactKeys(value, ['left', 'right'], `${path}.`, problems);
  for (const side of ['left', 'right']) {
    if (side in value && !isCount(value[side])) {
      problems.add(`${path}.${side} must be an integer ≥ 0`);
    }
  }
}

/**
 * Whether a value is a Replay by its schema (types, fields, enumerations; nothing about whether
 * its numbers make sense together): the problems, at most REPLAY_LIMITS.maxProblems of them.
 */
export function replaySchemaProblems(value: unknown): string[] {
  const problems = new Problems();
  if (!isObject(value)) return ['a replay must be a JSON object'];
  exactKeys(value, REPLAY_KEYS, '', problems);
  if ('matchId' in value && (typeof value.matchId !== 'string' || !UUID.test(value.matchId))) {
    problems.add('matchId must be a UUID');
  }
  if ('engine' in value && (typeof value.engine !== 'string' || value.engine.length > 64)) {
    problems.add('engine must be a rules version (a string of at most 64 characters)');
  }
  if ('seed' in value && !(isCount(value.seed) && value.seed < 2 ** 32)) {
    problems.add('seed must be an integer from 0 to 2^32 - 1');
  }
  if ('hash' in value && (typeof value.hash !== 'string' || !HASH.test(value.hash))) {
    problems.add('hash must be 64 lowercase hex digits');
  }
  if ('config' in value) {
    const { config } = value;
    if (!isObject(config)) problems.add('config must be an object');
    else {
      exactKeys(config, GAME_CONFIG_KEYS, 'config.', problems);
      for (const key of GAME_CONFIG_KEYS) {
        const rule = config[key];
        if (key in config && (typeof rule !== 'number' || !Number.isFinite(rule))) {
          problems.add(`config.${key} must be a number`);
        }
      }
    }
  }
  if ('final' in value) {
    const { final } = value;
    if (!isObject(final)) problems.add('final must be an object');
    else {
      exactKeys(final, REPLAY_FINAL_KEYS, 'final.', problems);
      if ('tick' in final && !isCount(final.tick))
        problems.add('final.tick must be an integer ≥ 0');
      if ('score' in final) scoreProblems(final.score, 'final.score', problems);
      if ('winnerSide' in final && final.winnerSide !== null && !SIDES.has(final.winnerSide)) {
        problems.add("final.winnerSide must be 'left', 'right' or null");
      }
      if ('endReason' in final && final.endReason !== null && !END_REASONS.has(final.endReason)) {
        problems.add("final.endReason must be 'score', 'forfeit', 'timeout' or null");
      }
    }
  }
  if ('inputs' in value) {
    const { inputs } = value;
    if (!Array.isArray(inputs)) problems.add('inputs must be an array');
    else if (inputs.length > REPLAY_LIMITS.maxInputs) {
      problems.add(`inputs must hold at most ${REPLAY_LIMITS.maxInputs} items`);
    } else {
      for (let i = 0; i < inputs.length && !problems.full; i++) {
        const input: unknown = inputs[i];
        if (
          !Array.isArray(input) ||
          input.length !== 3 ||
          !isCount(input[0]) ||
          !SIDES.has(input[1]) ||
          !DIRECTIONS.has(input[2])
        ) {
          problems.add(
            `inputs[${i}] must be [tick (an integer ≥ 0), 'left'|'right', 'up'|'down'|'stop']`,
          );
        }
      }
    }
  }
  return problems.list;
}

/** What is out of bounds or inconsistent in a well-formed replay, before any simulation. */
export function replayBoundsProblem(replay: Replay): string | null {
  const { config, final, inputs } = replay;
  for (const key of GAME_CONFIG_KEYS) {
    const { min, max, integer } = GAME_CONFIG_RANGES[key];
    const rule = config[key];
    if (rule < min || rule > max || (integer && !Number.isInteger(rule))) {
      return `config.${key} must be ${integer ? 'an integer ' : ''}from ${min} to ${max}`;
    }
  }
  if (config.height <= 2 * config.ballRadius) return 'config: the ball does not fit the field';
  if (config.paddleHeight > config.height) return 'config: the paddles are taller than the field';
  if (2 * (config.paddleInset + config.paddleWidth) >= config.width) {
    return 'config: the paddles do not fit the field';
  }

  const maxTicks = REPLAY_LIMITS.maxSeconds * config.tickRate;
  if (final.tick > maxTicks) {
    return `final.tick must be at most ${maxTicks} (${REPLAY_LIMITS.maxSeconds / 3600} hours at ${config.tickRate} ticks/s)`;
  }
  const { winningScore } = config;
  if (final.score.left > winningScore || final.score.right > winningScore) {
    return `final.score cannot pass the winning score (${winningScore})`;
  }
  if (final.endReason === null && final.winnerSide !== null) {
    return 'an interrupted match (endReason null) has no winner';
  }
  if (final.endReason !== null && final.winnerSide === null) {
    return `a match ended by ${final.endReason} has a winner`;
  }

  const lastTick: Record<Side, number> = { left: 0, right: 0 };
  let previous = 0;
  for (let i = 0; i < inputs.length; i++) {
    const [tick, side] = inputs[i];
    if (tick < 1 || tick > final.tick)
      return `inputs[${i}]: tick ${tick} is not within 1..final.tick`;
    if (tick < previous) return `inputs[${i}]: inputs must be in tick order`;
    if (tick === lastTick[side]) return `inputs[${i}]: a second ${side} input on tick ${tick}`;
    lastTick[side] = tick;
    previous = tick;
  }
  return null;
}

/** A replay being re-simulated: `run` advances it a slice at a time until it has a verdict. */
export class ReplayVerification {
  private readonly resimulation: Resimulation;

  constructor(private readonly replay: Replay) {
    this.resimulation = new Resimulation(replay.config, replay.seed, replay.inputs);
  }

  /** Re-simulates at most `maxSteps` more steps: the verdict once there is one, else null. */
  run(maxSteps = Number.POSITIVE_INFINITY): ReplayVerdict | null {
    const { final } = this.replay;
    if (!this.resimulation.advanceTo(final.tick, maxSteps)) return null;
    const { state } = this.resimulation;
    const score = { left: state.score.left, right: state.score.right };
    const verdict = (reason?: string): ReplayVerdict =>
      reason === undefined
        ? { valid: true, score, ticks: state.tick }
        : { valid: false, score, ticks: state.tick, reason };
    const over = state.phase === 'over';
    if (over && state.tick < final.tick) {
      return verdict(
        `the match was won by ${state.winner} at tick ${state.tick}, before final.tick ${final.tick}`,
      );
    }
    if (final.endReason === 'score') {
      if (!over) return verdict(`nobody had won by score at final.tick ${final.tick}`);
      if (state.winner !== final.winnerSide) {
        return verdict(`${state.winner} won, not ${final.winnerSide}`);
      }
    } else if (over) {
      return verdict(
        `the match was won by ${state.winner} by score at tick ${state.tick}, not ended by ${final.endReason ?? 'an interruption'}`,
      );
    }
    if (score.left !== final.score.left || score.right !== final.score.right) {
      return verdict(
        `re-simulation reached ${score.left}–${score.right}, not ${final.score.left}–${final.score.right}`,
      );
    }
    return verdict();
  }
}

export type ReplayCheck =
  /** Not a Replay by its schema (a 400 for a server). */
  | { kind: 'malformed'; problems: string[] }
  /** Refused without simulating: other rules, a stale hash, out of bounds. */
  | { kind: 'refused'; verdict: ReplayVerdict }
  /** Ready to re-simulate. */
  | { kind: 'simulate'; verification: ReplayVerification };

const refused = (reason: string): ReplayCheck => ({
  kind: 'refused',
  verdict: { valid: false, score: { ...NOTHING_SIMULATED }, ticks: 0, reason },
});

/** Everything that can be said of a replay before simulating it; cost linear in its size. */
export function checkReplay(value: unknown): ReplayCheck {
  // Another version's replay may have other fields: its version is enough to refuse it.
  if (isObject(value) && typeof value.engine === 'string' && value.engine !== RULES_VERSION) {
    return refused(
      `recorded under rules ${JSON.stringify(value.engine.slice(0, 64))}; this engine plays ${RULES_VERSION}`,
    );
  }
  const problems = replaySchemaProblems(value);
  if (problems.length > 0) return { kind: 'malformed', problems };
  const replay = value as Replay;
  if (replayHash(replay) !== replay.hash) {
    return refused('hash is not the SHA-256 of the replay: it was changed after it was sealed');
  }
  const problem = replayBoundsProblem(replay);
  if (problem !== null) return refused(problem);
  return { kind: 'simulate', verification: new ReplayVerification(replay) };
}

/** The whole check in one call (the CLI's; a server runs `checkReplay` and slices instead). */
export function verifyReplay(value: unknown): ReplayVerdict {
  const check = checkReplay(value);
  switch (check.kind) {
    case 'malformed':
      return {
        valid: false,
        score: { ...NOTHING_SIMULATED },
        ticks: 0,
        reason: `not a replay: ${check.problems.join('; ')}`,
      };
    case 'refused':
      return check.verdict;
    case 'simulate':
      return check.verification.run() as ReplayVerdict;
  }
}
