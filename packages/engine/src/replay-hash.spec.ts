import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { canonicalReplayText, replayHash, sealReplay } from './replay-hash';
import { botsReplay, randomPolicy, recordRun } from './replay.fixtures';
import { makeGameConfig } from './engine.constants';
import { RULES_VERSION } from './rules-version';

describe('replay hash', () => {
  it('is the SHA-256 of the canonical JSON of everything but the hash', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const config = makeGameConfig({ winningScore: 1 + (seed % 11), tickRate: 30 + seed });
      const run = recordRun(config, seed, randomPolicy(seed), 3_000);
      const replay = {
        matchId: '3f1c2b8e-6a57-4e0b-9d1e-2c4f8a7b9e10',
        engine: RULES_VERSION,
        config,
        seed,
        inputs: run.inputs,
        final: {
          tick: run.state.tick,
          score: { ...run.state.score },
          winnerSide: run.state.winner,
          endReason: run.state.phase === 'over' ? ('score' as const) : null,
        },
      };
      expect(canonicalReplayText(replay)).toBe(canonicalJson(replay));
      expect(replayHash(replay)).toBe(
        createHash('sha256').update(canonicalJson(replay)).digest('hex'),
      );
    }
  });

  it('seals a replay with 64 lowercase hex digits that change with any field', () => {
    const sealed = botsReplay(3);
    expect(sealed.hash).toMatch(/^[0-9a-f]{64}$/);
    const { hash, ...rest } = sealed;
    expect(sealReplay(rest).hash).toBe(hash);
    expect(replayHash({ ...rest, seed: rest.seed + 1 })).not.toBe(hash);
    expect(replayHash({ ...rest, inputs: rest.inputs.slice(1) })).not.toBe(hash);
    expect(replayHash({ ...rest, config: { ...rest.config, speedUp: 1.06 } })).not.toBe(hash);
  });
});
