import { step } from './engine';
import { DT, playing, STILL } from './engine.fixtures';

describe('engine: no tunnelling', () => {
  it('a covered ball at top speed always bounces, from any distance and angle', () => {
    let checked = 0;
    for (let start = 48; start <= 48 + 25; start += 0.37) {
      for (const vy of [-300, -50, 0, 50, 300]) {
        for (const side of ['left', 'right'] as const) {
          const speed = 1200;
          const vx = Math.sqrt(speed * speed - vy * vy) * (side === 'left' ? -1 : 1);
          const x = side === 'left' ? start : 800 - start;
          const { state, config } = playing({ x, y: 300, vx, vy }, {}, 7);
          const face = side === 'left' ? 40 : 760;
          // Between two ticks the ball's centre never gets behind the paddle's face.
          const behind = (x: number) => (side === 'left' ? x < face : x > face);
          let crossed = false;
          for (let i = 0; i < 3; i++) {
            step(state, STILL, DT, config);
            crossed ||= behind(state.ball.x);
          }
          expect(crossed).toBe(false);
          expect(Math.sign(state.ball.vx)).toBe(side === 'left' ? 1 : -1);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
