/**
 * Determinism, as a property: whatever the seed, the config and the inputs (pauses included), a
 * re-simulation from the seed and the recorded tape alone is the original run, state for state.
 */
import { makeGameConfig } from './engine.constants';
import type { GameConfig, GameState } from './engine.types';
import { replay, Resimulation } from './replay';
import { botsPolicy, randomPolicy, recordRun, specRandom } from './replay.fixtures';

/** Exact equality of two states, field by field (=== on every number: no tolerance). */
function sameState(a: GameState, b: GameState): boolean {
  return (
    a.tick === b.tick &&
    a.phase === b.phase &&
    a.ball.x === b.ball.x &&
    a.ball.y === b.ball.y &&
    a.ball.vx === b.ball.vx &&
    a.ball.vy === b.ball.vy &&
    a.paddles.left.y === b.paddles.left.y &&
    a.paddles.right.y === b.paddles.right.y &&
    a.score.left === b.score.left &&
    a.score.right === b.score.right &&
    a.serveTowards === b.serveTowards &&
    a.servePauseMs === b.servePauseMs &&
    a.rng === b.rng &&
    a.winner === b.winner
  );
}

/** The first tick at which the re-simulation differs from the recorded states, or null. */
function firstDivergence(run: ReturnType<typeof recordRun>): number | null {
  const resimulation = new Resimulation(run.config, run.seed, run.inputs);
  for (const recorded of run.states) {
    resimulation.advanceTo(recorded.tick);
    if (!sameState(resimulation.state, recorded)) return recorded.tick;
  }
  return null;
}

function randomConfig(seed: number): GameConfig {
  const random = specRandom(seed ^ 0x5eed);
  return makeGameConfig({
    tickRate: [30, 50, 60, 60, 60, 61, 120, 144][Math.floor(random() * 8)],
    winningScore: 1 + Math.floor(random() * 11),
    paddleSpeed: 300 + Math.floor(random() * 600),
    ballSpeed: 300 + Math.floor(random() * 500),
  });
}

describe('replays: determinism over seeds and tapes', () => {
  it('re-simulates 300 random runs state for state, at every tick', () => {
    let ticks = 0;
    let ended = 0;
    const divergences: { seed: number; tick: number }[] = [];
    for (let seed = 1; seed <= 300; seed++) {
      const config = randomConfig(seed);
      const run = recordRun(config, seed * 7919, randomPolicy(seed), 60 * config.tickRate, true);
      const tick = firstDivergence(run);
      if (tick !== null) divergences.push({ seed, tick });
      ticks += run.states.length;
      if (run.state.phase === 'over') ended += 1;
    }
    expect(divergences).toEqual([]);
    expect(ticks).toBeGreaterThan(300_000);
    expect(ended).toBeGreaterThan(30);
  });

  it('rebuilds a live match from its seed and inputs so far, at any moment', () => {
    const config = makeGameConfig();
    for (let seed = 1; seed <= 50; seed++) {
      const run = recordRun(config, seed, botsPolicy(), 3_000, true);
      const random = specRandom(seed);
      for (let probe = 0; probe < 5; probe++) {
        const at = 1 + Math.floor(random() * run.states.length);
        const soFar = run.inputs.filter(([tick]) => tick <= at);
        expect(replay(seed, config, soFar, at)).toEqual(run.states[at - 1]);
      }
    }
  });

  it('plays whole matches between bots to the same end from the tape alone', () => {
    const config = makeGameConfig();
    for (let seed = 100; seed < 110; seed++) {
      const run = recordRun(config, seed, botsPolicy(), 200_000);
      expect(run.state.phase).toBe('over');
      expect(replay(seed, config, run.inputs, run.state.tick)).toEqual(run.state);
      // Past the end nothing moves: the re-simulation stops where the match did.
      expect(replay(seed, config, run.inputs, run.state.tick + 1_000)).toEqual(run.state);
    }
  });

  it('differs from the step an input is changed on', () => {
    const config = makeGameConfig();
    const run = recordRun(config, 9, botsPolicy(), 200_000, true);
    let checked = 0;
    for (let i = 10; i < run.inputs.length && checked < 20; i += 37) {
      const [tick, side, direction] = run.inputs[i];
      if (direction === 'stop') continue;
      const edited = [...run.inputs];
      edited[i] = [tick, side, 'stop'];
      // The recorded paddle moved on that step (it was not against a wall); the edited one did not.
      if (run.states[tick - 1].paddles[side].y === run.states[tick - 2].paddles[side].y) continue;
      expect(replay(9, config, edited, tick).paddles[side].y).toBe(
        run.states[tick - 2].paddles[side].y,
      );
      checked += 1;
    }
    expect(checked).toBe(20);
  });
});
