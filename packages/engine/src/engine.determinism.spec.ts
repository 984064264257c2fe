import { createInitialState, step } from './engine';
import { makeGameConfig } from './engine.constants';
import type { Direction, GameState } from './engine.types';
import { DT } from './engine.fixtures';

/** Plays a whole match with scripted inputs: a tracking left paddle, a lazy right one. */
function playOut(seed: number): { state: GameState; ticks: number } {
  const config = makeGameConfig();
  const state = createInitialState(config, seed);
  const directions: Direction[] = ['up', 'stop', 'down'];
  let ticks = 0;
  while (state.phase !== 'over' && ticks < 200_000) {
    const left: Direction =
      state.ball.y < state.paddles.left.y - 10
        ? 'up'
        : state.ball.y > state.paddles.left.y + 10
          ? 'down'
          : 'stop';
    step(state, { left, right: directions[Math.floor(ticks / 45) % 3] }, DT, config);
    ticks += 1;
  }
  return { state, ticks };
}

describe('engine: determinism', () => {
  it('replays a whole match identically from the same seed and inputs', () => {
    const first = playOut(42);
    const second = playOut(42);
    expect(first.state.phase).toBe('over');
    expect(second).toEqual(first);
  });

  it('plays differently from another seed', () => {
    expect(playOut(43).state).not.toEqual(playOut(42).state);
  });

  it('draws the first serve direction from the seed', () => {
    const config = makeGameConfig();
    const sides = new Set(
      Array.from({ length: 40 }, (_, seed) => createInitialState(config, seed).serveTowards),
    );
    expect(sides).toEqual(new Set(['left', 'right']));
  });
});
