import { interpolate, Snapshot, SnapshotBuffer, TickClock, toSnapshot } from './interpolation';

const snap = (tick: number, x: number, score = { left: 0, right: 0 }): Snapshot => ({
  tick,
  ball: { x, y: x / 2 },
  paddles: { left: 100 + tick, right: 200 - tick },
  score,
});

describe('interpolate', () => {
  it('blends positions linearly', () => {
    expect(interpolate(snap(1, 100), snap(2, 200), 0.25)).toEqual({
      ball: { x: 125, y: 62.5 },
      paddles: { left: 101.25, right: 198.75 },
      score: { left: 0, right: 0 },
    });
  });

  it('does not slide the ball across the field when a point re-serves it', () => {
    const frame = interpolate(snap(1, 790), snap(2, 400, { left: 1, right: 0 }), 0.5);
    expect(frame.ball).toEqual({ x: 400, y: 200 });
    expect(frame.score).toEqual({ left: 1, right: 0 });
  });
});

describe('SnapshotBuffer', () => {
  it('samples between the two states around a tick, clamped at both ends', () => {
    const buffer = new SnapshotBuffer();
    expect(buffer.sample(1)).toBeNull();
    buffer.push(snap(10, 100));
    buffer.push(snap(11, 110));
    buffer.push(snap(13, 130));
    expect(buffer.sample(12)?.ball.x).toBeCloseTo(120);
    expect(buffer.sample(10.5)?.ball.x).toBeCloseTo(105);
    expect(buffer.sample(5)?.ball.x).toBe(100);
    expect(buffer.sample(99)?.ball.x).toBe(130);
    expect(buffer.latest?.tick).toBe(13);
  });

  it('ignores late states, replaces a repeated tick and keeps its capacity', () => {
    const buffer = new SnapshotBuffer(3);
    for (const tick of [1, 2, 3, 4]) buffer.push(snap(tick, tick * 10));
    buffer.push(snap(2, 999));
    buffer.push(snap(4, 44));
    expect(buffer.sample(1)?.ball.x).toBe(20);
    expect(buffer.latest?.ball.x).toBe(44);
    buffer.clear();
    expect(buffer.latest).toBeNull();
  });

  it('reads a match:state payload', () => {
    expect(
      toSnapshot({
        matchId: 'm',
        tick: 7,
        ball: { x: 1, y: 2, vx: 3, vy: 4 },
        paddles: { left: { y: 5 }, right: { y: 6 } },
        score: { left: 1, right: 2 },
        lastSeq: { left: 0, right: 0 },
      }),
    ).toEqual({
      tick: 7,
      ball: { x: 1, y: 2 },
      paddles: { left: 5, right: 6 },
      score: { left: 1, right: 2 },
    });
  });
});

describe('TickClock', () => {
  const stepMs = 1000 / 60;

  it('shows the match a couple of ticks in the past, moving smoothly between states', () => {
    const clock = new TickClock(stepMs, 2);
    clock.observe(100, 10_000);
    clock.observe(101, 10_000 + stepMs);
    const at = clock.renderTick(10_000 + stepMs + stepMs / 2);
    expect(at).toBeCloseTo(99.5);
    expect(clock.renderTick(10_000 + stepMs + stepMs)).toBeCloseTo(100);
    expect(clock.timeOf(101)).toBeCloseTo(10_000 + stepMs);
  });

  it('never runs past the newest state, nor lags more than its bound', () => {
    const clock = new TickClock(stepMs, 2, 6);
    clock.observe(100, 10_000);
    expect(clock.renderTick(20_000)).toBe(100);
    // A burst of late states: the clock follows the earliest arrival, the lag stays bounded.
    clock.observe(160, 10_010);
    expect(clock.renderTick(10_010)).toBeGreaterThanOrEqual(154);
    expect(clock.renderTick(10_010)).toBeLessThanOrEqual(160);
  });

  it('starts again after a pause in the ticks', () => {
    const clock = new TickClock(stepMs, 2);
    clock.observe(100, 10_000);
    clock.observe(101, 15_000);
    expect(clock.timeOf(101)).toBe(15_000);
    clock.reset();
    expect(clock.renderTick(0)).toBe(0);
  });
});
