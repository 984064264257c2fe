/**
 * The golden replay: a whole 11-point match between two scripted bots, recorded under
 * RULES_VERSION and committed. Its re-simulation must keep its result and its hash, and the bots
 * must still play exactly it. When a rule or a constant changes, these fail: bump RULES_VERSION
 * (old replays are then refused rather than re-simulated into other results) and re-record it:
 *
 *   UPDATE_GOLDEN=1 npx jest packages/engine/src/replay.golden --selectProjects unit
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyReplay } from './replay-check';
import { replayHash } from './replay-hash';
import { botsReplay } from './replay.fixtures';
import type { Replay } from './replay.types';
import { RULES_VERSION } from './rules-version';

const GOLDEN = join(__dirname, '..', 'golden', 'eleven-points.replay.json');

/** Readable JSON: one input a line (the hash covers the canonical form, not this layout). */
function layout(replay: Replay): string {
  const { inputs, ...rest } = replay;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
  const lines = inputs.map((input) => `    ${JSON.stringify(input)}`).join(',\n');
  return `${head},\n  "inputs": [\n${lines}\n  ]\n}\n`;
}

if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, layout(botsReplay()));
const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Replay;

describe('the golden replay', () => {
  it('was recorded under these rules (re-record it when RULES_VERSION changes)', () => {
    expect(golden.engine).toBe(RULES_VERSION);
  });

  it('re-simulates to its result, and its hash still seals it', () => {
    expect(golden.final).toEqual({
      tick: golden.final.tick,
      score: { left: 11, right: 10 },
      winnerSide: 'left',
      endReason: 'score',
    });
    expect(replayHash(golden)).toBe(golden.hash);
    expect(verifyReplay(golden)).toEqual({
      valid: true,
      score: golden.final.score,
      ticks: golden.final.tick,
    });
  });

  it('is still exactly what the scripted bots play', () => {
    expect(botsReplay()).toEqual(golden);
  });
});
