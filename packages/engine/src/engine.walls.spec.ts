import { step } from './engine';
import { DT, playing, STILL } from './engine.fixtures';

describe('engine: walls', () => {
  it('bounces off the top wall, keeping the speed', () => {
    const { state, config } = playing({ x: 400, y: 12, vx: 0, vy: -600 });
    step(state, STILL, DT, config); // would reach y = 2: reflected to 14
    expect(state.ball.y).toBeCloseTo(14, 6);
    expect(state.ball.vy).toBe(600);
  });

  it('bounces off the bottom wall', () => {
    const { state, config } = playing({ x: 400, y: 588, vx: 120, vy: 600 });
    step(state, STILL, DT, config);
    expect(state.ball.y).toBeCloseTo(2 * (600 - 8) - 598, 6);
    expect(state.ball.vy).toBe(-600);
    expect(state.ball.x).toBeCloseTo(402, 6);
  });

  it('never lets the ball leave the field vertically, corners included', () => {
    const { state, config } = playing({ x: 400, y: 300, vx: 30, vy: 1190 });
    for (let i = 0; i < 600; i++) {
      step(state, STILL, DT, config);
      expect(state.ball.y).toBeGreaterThanOrEqual(config.ballRadius);
      expect(state.ball.y).toBeLessThanOrEqual(config.height - config.ballRadius);
    }
  });

  it('handles a ball flying into a corner at an angle', () => {
    const { state, config } = playing({ x: 60, y: 10, vx: -300, vy: -300 });
    const events = step(state, STILL, DT, config);
    expect(events).toEqual([]);
    expect(state.ball.vy).toBeGreaterThan(0);
    expect(state.ball.y).toBeGreaterThanOrEqual(config.ballRadius);
  });
});
