import { createInitialState, step } from './engine';
import { makeGameConfig } from './engine.constants';
import type { GameConfig, GameState, StepEvent } from './engine.types';
import { DT, playing, STILL } from './engine.fixtures';

/** Steps until something happens (bounded), returning what happened. */
function untilEvent(state: GameState, config: GameConfig): readonly StepEvent[] {
  for (let i = 0; i < 600; i++) {
    const events = step(state, STILL, DT, config);
    if (events.length > 0) return events;
  }
  throw new Error('nothing happened in 10 s');
}

describe('engine: scoring and serves', () => {
  it('gives the point to the right when the ball leaves on the left, then pauses 1 s and serves to the left', () => {
    const { state, config } = playing({ x: 20, y: 100, vx: -600, vy: 0 });
    state.paddles.left.y = 500;
    state.paddles.right.y = 123;
    const events = untilEvent(state, config);
    expect(events).toEqual([{ type: 'point', scorer: 'right', score: { left: 0, right: 1 } }]);
    expect(state.phase).toBe('serving');
    expect(state.ball).toEqual({ x: 400, y: 300, vx: 0, vy: 0 });
    expect(state.paddles).toEqual({ left: { y: 500 }, right: { y: 123 } });

    for (let i = 0; i < 59; i++) step(state, STILL, DT, config);
    expect(state.phase).toBe('serving');
    step(state, STILL, DT, config);
    expect(state.phase).toBe('playing');
    expect(state.ball.vx).toBeLessThan(0);
  });

  it('gives the point to the left when the ball leaves on the right', () => {
    const { state, config } = playing({ x: 790, y: 550, vx: 600, vy: 0 });
    state.paddles.right.y = 100;
    untilEvent(state, config);
    expect(state.score).toEqual({ left: 1, right: 0 });
    expect(state.serveTowards).toBe('right');
  });

  it('serves at the serve speed within ±45°, towards the player who lost the point', () => {
    const config = makeGameConfig();
    for (let seed = 1; seed <= 300; seed++) {
      const state = createInitialState(config, seed);
      state.serveTowards = seed % 2 ? 'left' : 'right';
      step(state, STILL, DT, config);
      const { vx, vy } = state.ball;
      expect(Math.hypot(vx, vy)).toBeCloseTo(400, 6);
      expect(Math.abs(Math.atan2(vy, Math.abs(vx)))).toBeLessThanOrEqual(Math.PI / 4 + 1e-9);
      expect(Math.sign(vx)).toBe(seed % 2 ? -1 : 1);
    }
  });

  it('ends at the winning score, and nothing moves afterwards', () => {
    const { state, config } = playing({ x: 790, y: 550, vx: 600, vy: 0 }, { winningScore: 3 });
    state.score = { left: 2, right: 1 };
    state.paddles.right.y = 100;
    const events = untilEvent(state, config);
    expect(events).toEqual([
      { type: 'point', scorer: 'left', score: { left: 3, right: 1 } },
      { type: 'end', winner: 'left' },
    ]);
    expect(state.phase).toBe('over');
    expect(state.winner).toBe('left');
    const frozen = JSON.stringify(state);
    expect(step(state, { left: 'up', right: 'down' }, DT, config)).toEqual([]);
    expect(JSON.stringify(state)).toBe(frozen);
  });
});
