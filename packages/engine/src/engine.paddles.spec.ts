import { step } from './engine';
import { DT, playing, STILL } from './engine.fixtures';

describe('engine: paddles', () => {
  it('moves at paddleSpeed and stays inside the field', () => {
    const { state, config } = playing({ x: 400, y: 300 });
    step(state, { left: 'up', right: 'down' }, DT, config);
    expect(state.paddles.left.y).toBeCloseTo(290, 6);
    expect(state.paddles.right.y).toBeCloseTo(310, 6);
    for (let i = 0; i < 120; i++) step(state, { left: 'up', right: 'down' }, DT, config);
    expect(state.paddles.left.y).toBe(50);
    expect(state.paddles.right.y).toBe(550);
  });

  it('bounces the ball straight back from the paddle centre, 5% faster', () => {
    const { state, config } = playing({ x: 52, y: 300, vx: -400, vy: 0 });
    const events = step(state, STILL, DT, config);
    expect(events).toEqual([{ type: 'hit', side: 'left' }]);
    expect(state.ball.vx).toBeCloseTo(420, 6);
    expect(state.ball.vy).toBeCloseTo(0, 6);
    expect(state.ball.x).toBeGreaterThan(48);
  });

  it('steers the bounce by where the ball meets the paddle', () => {
    const high = playing({ x: 748, y: 260, vx: 400, vy: 0 });
    step(high.state, STILL, DT, high.config);
    const low = playing({ x: 748, y: 340, vx: 400, vy: 0 });
    step(low.state, STILL, DT, low.config);
    expect(high.state.ball.vx).toBeLessThan(0);
    expect(high.state.ball.vy).toBeLessThan(0);
    expect(low.state.ball.vy).toBeCloseTo(-high.state.ball.vy, 6);
    const angle = Math.atan2(-high.state.ball.vy, -high.state.ball.vx);
    expect(angle).toBeCloseTo((40 / 58) * (Math.PI / 3), 2);
  });

  it('caps the speed-up at maxBallSpeed', () => {
    const { state, config } = playing({ x: 52, y: 300, vx: -1190, vy: 0 });
    step(state, STILL, DT, config);
    expect(Math.hypot(state.ball.vx, state.ball.vy)).toBeCloseTo(config.maxBallSpeed, 6);
  });

  it('lets a ball the paddle does not cover pass', () => {
    const { state, config } = playing({ x: 52, y: 100, vx: -400, vy: 0 });
    expect(step(state, STILL, DT, config)).toEqual([]);
    expect(state.ball.vx).toBe(-400);
  });
});
