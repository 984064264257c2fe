import { clampPaddle, predictPaddleY, smoothTowards } from './prediction';

const config = { height: 600, paddleHeight: 100, paddleSpeed: 600 };

describe('predictPaddleY', () => {
  it('is the server position when nothing is pending and the paddle is still', () => {
    expect(
      predictPaddleY({
        serverY: 300,
        serverAt: 1000,
        appliedDirection: 'stop',
        pending: [],
        now: 1500,
        config,
      }),
    ).toBe(300);
  });

  it('carries on the applied direction since the state, at the paddle speed', () => {
    const y = predictPaddleY({
      serverY: 300,
      serverAt: 1000,
      appliedDirection: 'down',
      pending: [],
      now: 1100,
      config,
    });
    expect(y).toBeCloseTo(360);
  });

  it('replays pending inputs from the moment each was sent', () => {
    // up from the state for 50 ms (-30), then down for 100 ms (+60), then stopped.
    const y = predictPaddleY({
      serverY: 300,
      serverAt: 1000,
      appliedDirection: 'up',
      pending: [
        { seq: 4, direction: 'down', at: 1050 },
        { seq: 5, direction: 'stop', at: 1150 },
      ],
      now: 1400,
      config,
    });
    expect(y).toBeCloseTo(330);
  });

  it('treats an input sent before the state as starting at the state', () => {
    const y = predictPaddleY({
      serverY: 300,
      serverAt: 1000,
      appliedDirection: 'stop',
      pending: [{ seq: 1, direction: 'up', at: 900 }],
      now: 1100,
      config,
    });
    expect(y).toBeCloseTo(240);
  });

  it('stops at the walls like the engine', () => {
    const y = predictPaddleY({
      serverY: 80,
      serverAt: 0,
      appliedDirection: 'up',
      pending: [{ seq: 2, direction: 'down', at: 1000 }],
      now: 1100,
      config,
    });
    // Pinned at 50 by the top wall, then 100 ms down.
    expect(y).toBeCloseTo(110);
    expect(clampPaddle(1000, config)).toBe(550);
    expect(clampPaddle(-5, config)).toBe(50);
  });

  it('reconciles: the same pending input replayed on a corrected state moves with it', () => {
    const pending = [{ seq: 7, direction: 'down' as const, at: 1000 }];
    const before = predictPaddleY({
      serverY: 300,
      serverAt: 1000,
      appliedDirection: 'stop',
      pending,
      now: 1050,
      config,
    });
    // The server applied seq 7 on a state 10 units lower than the client thought.
    const after = predictPaddleY({
      serverY: 320,
      serverAt: 1040,
      appliedDirection: 'down',
      pending: [],
      now: 1050,
      config,
    });
    expect(before).toBeCloseTo(330);
    expect(after).toBeCloseTo(326);
  });
});

describe('smoothTowards', () => {
  it('eases small corrections and snaps large ones', () => {
    const eased = smoothTowards(300, 310, 16);
    expect(eased).toBeGreaterThan(300);
    expect(eased).toBeLessThan(310);
    expect(smoothTowards(300, 500, 16)).toBe(500);
    expect(smoothTowards(300, 300.2, 16)).toBe(300.2);
  });
});
