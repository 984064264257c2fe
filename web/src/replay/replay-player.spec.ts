import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Replay } from '@arena/engine';
import { replayHash } from '../../../packages/engine/src/replay-hash';
import { replayHashHex } from './replay-hash.browser';
import { ReplayPlayer } from './replay-player';

/** The engine's committed golden match: 11 points between two scripted bots. */
const golden = JSON.parse(
  readFileSync(
    join(__dirname, '..', '..', '..', 'packages', 'engine', 'golden', 'eleven-points.replay.json'),
    'utf8',
  ),
) as Replay;

describe('ReplayPlayer', () => {
  it('re-simulates a stored match to its stored result', () => {
    const player = new ReplayPlayer(golden);
    expect(player.lastTick).toBe(golden.final.tick);
    expect(player.reproducesFinal()).toBe(true);
    expect(player.frame().score).toEqual(golden.final.score);
  });

  it('seeks backwards and forwards to the same states', () => {
    const player = new ReplayPlayer(golden);
    const middle = Math.floor(golden.final.tick / 2);
    const first = { ...player.seek(middle).ball };
    player.seek(golden.final.tick);
    expect(player.seek(middle).ball).toEqual(first);
    expect(player.state.tick).toBe(middle);
    expect(player.seek(-10).tick).toBe(0);
    expect(player.seek(1e9).tick).toBe(golden.final.tick);
  });

  it('does not reproduce a replay whose inputs were changed', () => {
    const tampered: Replay = { ...golden, inputs: golden.inputs.slice(0, 10) };
    expect(new ReplayPlayer(tampered).reproducesFinal()).toBe(false);
  });
});

describe('replayHashHex', () => {
  it('computes the same hash as the server, with Web Crypto', async () => {
    expect(await replayHashHex(golden)).toBe(golden.hash);
    expect(await replayHashHex(golden)).toBe(replayHash(golden));
    expect(await replayHashHex({ ...golden, seed: golden.seed + 1 })).not.toBe(golden.hash);
  });
});
