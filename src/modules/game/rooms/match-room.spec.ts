import { makeGameConfig } from '@arena/engine';
import { MatchRoom } from './match-room';

function room(mode: 'ranked' | 'local' = 'ranked') {
  return new MatchRoom(
    'm1',
    mode,
    makeGameConfig(),
    {
      left: { side: 'left', userId: 'u1', alias: 'one', connected: true },
      right: {
        side: 'right',
        userId: mode === 'local' ? null : 'u2',
        alias: 'two',
        connected: true,
      },
    },
    7,
    1_000,
    3_000,
    { owner: mode === 'local' ? 'u1' : null },
  );
}

describe('MatchRoom', () => {
  it('waits for the countdown, then steps once per tick', () => {
    const r = room();
    expect(r.tick(3_999)).toMatchObject({ stepped: false });
    expect(r.state.tick).toBe(0);
    expect(r.tick(4_000)).toMatchObject({ stepped: true, started: true });
    expect(r.tick(4_016)).toMatchObject({ stepped: true, started: false });
    expect(r.state.tick).toBe(2);
  });

  it('applies one queued input per step and echoes its seq', () => {
    const r = room();
    r.tick(4_000);
    for (let seq = 1; seq <= 5; seq++) r.queueInput('left', 'up', seq);
    const y0 = r.state.paddles.left.y;
    r.tick(4_016);
    expect(r.lastSeq.left).toBe(1);
    expect(r.state.paddles.left.y).toBeCloseTo(y0 - 10, 6);
    r.tick(4_033);
    expect(r.lastSeq.left).toBe(2);
  });

  it('never moves a paddle faster than its speed, whatever the flood', () => {
    const r = room();
    r.tick(4_000);
    const y0 = r.state.paddles.left.y;
    for (let i = 0; i < 1_000; i++) r.queueInput('left', 'up', i);
    r.tick(4_016);
    expect(y0 - r.state.paddles.left.y).toBeLessThanOrEqual(10 + 1e-9);
  });

  it('keeps at most 8 queued inputs per side, dropping the oldest', () => {
    const r = room();
    r.tick(4_000);
    for (let seq = 1; seq <= 20; seq++) r.queueInput('right', 'down', seq);
    r.tick(4_016);
    expect(r.lastSeq.right).toBe(13);
  });

  it('knows who steers what', () => {
    expect(room().sidesOf('u1')).toEqual(['left']);
    expect(room().sidesOf('u2')).toEqual(['right']);
    expect(room().sidesOf('u3')).toEqual([]);
    expect(room('local').sidesOf('u1')).toEqual(['left', 'right']);
    expect(room('local').sidesOf('u2')).toEqual([]);
  });

  it('waits for its players until told to begin, then counts down', () => {
    const r = new MatchRoom(
      'm2',
      'tournament',
      makeGameConfig(),
      {
        left: { side: 'left', userId: 'u1', alias: 'one', connected: false },
        right: { side: 'right', userId: 'u2', alias: 'two', connected: false },
      },
      7,
      1_000,
      3_000,
      { waitUntil: 61_000 },
    );
    expect(r.status).toBe('waiting');
    expect(r.waitDeadline).toBe(61_000);
    expect(r.tick(70_000).stepped).toBe(false);
    r.begin(10_000, 3_000);
    expect(r.status).toBe('countdown');
    expect(r.tick(12_999).stepped).toBe(false);
    expect(r.tick(13_000)).toMatchObject({ stepped: true, started: true });
  });

  it('does not step while paused, and resumes after a countdown', () => {
    const r = room();
    r.tick(4_000);
    r.pause('right', 20_000);
    expect(r.tick(5_000).stepped).toBe(false);
    r.resume(6_000, 3_000);
    expect(r.tick(8_999).stepped).toBe(false);
    expect(r.tick(9_000)).toMatchObject({ stepped: true, started: true });
  });
});
