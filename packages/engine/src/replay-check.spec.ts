import { makeGameConfig } from './engine.constants';
import type { GameConfig } from './engine.types';
import { checkReplay, REPLAY_LIMITS, replaySchemaProblems, verifyReplay } from './replay-check';
import { sealReplay } from './replay-hash';
import { botsReplay, randomPolicy, recordRun } from './replay.fixtures';
import type { Replay, UnsignedReplay } from './replay.types';
import { RULES_VERSION } from './rules-version';

const MATCH_ID = '3f1c2b8e-6a57-4e0b-9d1e-2c4f8a7b9e10';
const match = botsReplay(77, MATCH_ID);

/** The replay without its hash, edited, then sealed again (a consistent forgery). */
function resealed(edit: (replay: UnsignedReplay) => void, from: Replay = match): Replay {
  const { hash: _hash, ...unsigned } = structuredClone(from);
  edit(unsigned);
  return sealReplay(unsigned);
}

/** The replay edited and left with its old hash. */
function tampered(edit: (replay: Replay) => void, from: Replay = match): Replay {
  const copy = structuredClone(from);
  edit(copy);
  return copy;
}

/** A match stopped at `tick` (forfeit, timeout or interruption), sealed as the server would. */
function stoppedAt(tick: number, endReason: 'forfeit' | 'timeout' | null, seed = 5): Replay {
  const config = makeGameConfig();
  const run = recordRun(config, seed, randomPolicy(seed), tick);
  return sealReplay({
    matchId: MATCH_ID,
    engine: RULES_VERSION,
    config,
    seed,
    inputs: run.inputs,
    final: {
      tick: run.state.tick,
      score: { ...run.state.score },
      winnerSide: endReason === null ? null : 'right',
      endReason,
    },
  });
}

const refusal = (replay: unknown) => verifyReplay(replay).reason ?? '';

describe('replay verification', () => {
  it('accepts a whole match, answering its score and length', () => {
    expect(match.final.endReason).toBe('score');
    expect(verifyReplay(match)).toEqual({
      valid: true,
      score: match.final.score,
      ticks: match.final.tick,
    });
  });

  it('accepts matches stopped by a forfeit, a timeout or an interruption, and a no-show', () => {
    for (const reason of ['forfeit', 'timeout', null] as const) {
      const replay = stoppedAt(1_234, reason);
      expect(verifyReplay(replay)).toEqual({
        valid: true,
        score: replay.final.score,
        ticks: 1_234,
      });
    }
    const noShow = sealReplay({ ...stoppedAt(0, 'timeout'), inputs: [] });
    expect(verifyReplay(noShow)).toMatchObject({ valid: true, ticks: 0 });
  });

  describe('refuses tampering', () => {
    it('an edited score, winner or end, even resealed', () => {
      const { left, right } = match.final.score;
      const cases = [
        resealed((r) => (r.final.score = { left: right, right: left })),
        resealed((r) => (r.final.winnerSide = r.final.winnerSide === 'left' ? 'right' : 'left')),
        resealed((r) => (r.final.tick -= 1)),
        resealed((r) => (r.final.endReason = 'forfeit')),
      ];
      for (const replay of cases) expect(verifyReplay(replay)).toMatchObject({ valid: false });
      expect(refusal(cases[0])).toContain(`not ${right}–${left}`);
      expect(refusal(cases[2])).toContain('nobody had won by score');
      expect(refusal(cases[3])).toContain('not ended by forfeit');
    });

    it('an edited seed or edited inputs, even resealed', () => {
      expect(verifyReplay(resealed((r) => (r.seed += 1)))).toMatchObject({ valid: false });
      // The winner's paddle stops half way through: the same result cannot follow.
      const winner = match.final.winnerSide;
      const half = Math.floor(match.final.tick / 2);
      const edited = resealed((r) => {
        r.inputs = r.inputs.filter(([tick, side]) => side !== winner || tick < half);
        r.inputs.push([half, winner ?? 'left', 'stop']);
        r.inputs.sort((a, b) => a[0] - b[0]);
      });
      expect(verifyReplay(edited)).toMatchObject({ valid: false });
    });

    it('a stale hash: any change not resealed', () => {
      const cases = [
        tampered((r) => (r.final.score.left -= 1)),
        tampered((r) => (r.seed += 1)),
        tampered((r) => (r.inputs[3][2] = r.inputs[3][2] === 'stop' ? 'up' : 'stop')),
        tampered((r) => (r.config.paddleSpeed = 610)),
        tampered((r) => (r.matchId = MATCH_ID.replace('3f', '4f'))),
      ];
      for (const replay of cases) {
        expect(verifyReplay(replay)).toEqual({
          valid: false,
          score: { left: 0, right: 0 },
          ticks: 0,
          reason: 'hash is not the SHA-256 of the replay: it was changed after it was sealed',
        });
      }
    });

    it('another rules version, whatever else it holds', () => {
      const other = resealed((r) => (r.engine = 'arena-pong/0'));
      expect(verifyReplay(other)).toEqual({
        valid: false,
        score: { left: 0, right: 0 },
        ticks: 0,
        reason: `recorded under rules "arena-pong/0"; this engine plays ${RULES_VERSION}`,
      });
      expect(checkReplay({ engine: 'pong/9', config: { gravity: 9.8 } })).toMatchObject({
        kind: 'refused',
      });
    });

    it('a forfeit claimed after the match was already won by score', () => {
      const late = resealed((r) => {
        r.final.tick += 500;
        r.final.endReason = 'forfeit';
      });
      expect(refusal(late)).toContain(
        `won by ${match.final.winnerSide} at tick ${match.final.tick}, before final.tick`,
      );
    });
  });

  describe('refuses out of bounds before simulating', () => {
    const simulates = (replay: Replay) => checkReplay(replay).kind === 'simulate';

    it('a replay claiming 10^9 ticks, at once and by its bounds', () => {
      const huge = resealed((r) => {
        r.final.tick = 1e9;
        r.final.endReason = null;
        r.final.winnerSide = null;
      });
      const started = performance.now();
      expect(simulates(huge)).toBe(false);
      expect(verifyReplay(huge)).toEqual({
        valid: false,
        score: { left: 0, right: 0 },
        ticks: 0,
        reason: 'final.tick must be at most 432000 (2 hours at 60 ticks/s)',
      });
      expect(performance.now() - started).toBeLessThan(500);
    });

    it('inputs out of order, outside 1..final.tick, or twice for a side on one step', () => {
      const cases: [Replay, string][] = [
        [resealed((r) => r.inputs.reverse()), 'inputs must be in tick order'],
        [resealed((r) => (r.inputs[0][0] = 0)), 'is not within 1..final.tick'],
        [resealed((r) => r.inputs.push([r.final.tick + 1, 'left', 'up'])), 'is not within'],
        [resealed((r) => r.inputs.splice(1, 0, [...r.inputs[0]])), 'a second'],
      ];
      for (const [replay, reason] of cases) {
        expect(simulates(replay)).toBe(false);
        expect(refusal(replay)).toContain(reason);
      }
    });

    it('a config out of its sane ranges', () => {
      const edits: [Partial<GameConfig>, string][] = [
        [{ tickRate: 1_000_000 }, 'config.tickRate'],
        [{ tickRate: 59.5 }, 'config.tickRate must be an integer'],
        [{ winningScore: 0 }, 'config.winningScore'],
        [{ width: 1e300 }, 'config.width'],
        [{ speedUp: 50 }, 'config.speedUp'],
        [{ ballRadius: 400 }, 'the ball does not fit'],
        [{ paddleInset: 500 }, 'the paddles do not fit'],
      ];
      for (const [edit, reason] of edits) {
        const replay = resealed((r) => Object.assign(r.config, edit));
        expect(simulates(replay)).toBe(false);
        expect(refusal(replay)).toContain(reason);
      }
    });

    it('a result the rules cannot give', () => {
      const cases: [Replay, string][] = [
        [resealed((r) => (r.final.score.left = 12)), 'cannot pass the winning score'],
        [resealed((r) => (r.final.endReason = null)), 'has no winner'],
        [resealed((r) => (r.final.winnerSide = null)), 'has a winner'],
      ];
      for (const [replay, reason] of cases) expect(refusal(replay)).toContain(reason);
    });
  });

  describe('schema', () => {
    it('finds nothing wrong with a replay', () => {
      expect(replaySchemaProblems(match)).toEqual([]);
    });

    it('names what is wrong with a malformed one', () => {
      expect(replaySchemaProblems(null)).toEqual(['a replay must be a JSON object']);
      expect(replaySchemaProblems([])).toEqual(['a replay must be a JSON object']);
      expect(replaySchemaProblems({ engine: RULES_VERSION })).toEqual([
        'matchId is required',
        'config is required',
        'seed is required',
        'inputs is required',
        'final is required',
        'hash is required',
      ]);
      const broken = {
        ...structuredClone(match),
        matchId: 'x',
        seed: -1,
        hash: 'ABC',
        extra: true,
        config: { ...match.config, width: '800', gravity: 1 },
        final: { tick: 1.5, score: { left: -1 }, winnerSide: 'up', endReason: 'quit' },
        inputs: [[1, 'left'], [2, 'middle', 'up'], 'x', [3.5, 'left', 'up']],
      };
      expect(replaySchemaProblems(broken)).toEqual([
        'extra is not a replay field',
        'matchId must be a UUID',
        'seed must be an integer from 0 to 2^32 - 1',
        'hash must be 64 lowercase hex digits',
        'config.gravity is not a replay field',
        'config.width must be a number',
        'final.tick must be an integer ≥ 0',
        'final.score.right is required',
        'final.score.left must be an integer ≥ 0',
        "final.winnerSide must be 'left', 'right' or null",
        "final.endReason must be 'score', 'forfeit', 'timeout' or null",
        "inputs[0] must be [tick (an integer ≥ 0), 'left'|'right', 'up'|'down'|'stop']",
        "inputs[1] must be [tick (an integer ≥ 0), 'left'|'right', 'up'|'down'|'stop']",
        "inputs[2] must be [tick (an integer ≥ 0), 'left'|'right', 'up'|'down'|'stop']",
        "inputs[3] must be [tick (an integer ≥ 0), 'left'|'right', 'up'|'down'|'stop']",
      ]);
      expect(checkReplay(broken)).toMatchObject({ kind: 'malformed' });
      expect(refusal(broken)).toMatch(/^not a replay: extra is not a replay field; /);
    });

    it('lists a bounded number of problems, and refuses oversized input lists without reading them', () => {
      const many = { ...structuredClone(match), inputs: Array.from({ length: 5_000 }, () => 0) };
      expect(replaySchemaProblems(many)).toHaveLength(REPLAY_LIMITS.maxProblems);
      const huge = { ...structuredClone(match), inputs: { length: 1e9 } };
      expect(replaySchemaProblems(huge)).toEqual(['inputs must be an array']);
      const long = new Array(REPLAY_LIMITS.maxInputs + 1);
      expect(replaySchemaProblems({ ...structuredClone(match), inputs: long })).toEqual([
        `inputs must hold at most ${REPLAY_LIMITS.maxInputs} items`,
      ]);
    });
  });

  it('verifies in slices: null until the last one, then the verdict', () => {
    const check = checkReplay(match);
    if (check.kind !== 'simulate') throw new Error(`expected to simulate, got ${check.kind}`);
    let slices = 1;
    let verdict = check.verification.run(1_000);
    while (verdict === null) {
      slices += 1;
      verdict = check.verification.run(1_000);
    }
    expect(slices).toBe(Math.ceil(match.final.tick / 1_000));
    expect(verdict).toEqual(verifyReplay(match));
  });
});
