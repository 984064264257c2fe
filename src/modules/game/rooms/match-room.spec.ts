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

function waitingRoom() {
  return new MatchRoom(
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
    { waitUntil: 61_000, tournament: { id: 't1', round: 1, noShowWinner: 'right' } },
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
    const r = waitingRoom();
    expect(r.status).toBe('waiting');
    expect(r.waitDeadline).toBe(61_000);
    r.begin(10_000, 3_000);
    expect(r.status).toBe('countdown');
    expect(r.tick(12_999).stepped).toBe(false);
    expect(r.tick(13_000)).toMatchObject({ stepped: true, started: true });
  });

  it('begins once both tournament players joined; a no-show loses by timeout at the deadline', () => {
    const both = waitingRoom();
    expect(both.playerJoined('u2', 5_000, 3_000)).toBe('joined');
    expect(both.tick(60_000).ending).toBeUndefined();
    expect(both.playerJoined('u1', 6_000, 3_000)).toBe('began');
    expect(both.status).toBe('countdown');

    const one = waitingRoom();
    one.playerJoined('u2', 5_000, 3_000);
    expect(one.tick(61_000).ending).toEqual({ winner: 'right', reason: 'timeout', played: true });

    // Nobody came: the tournament's choice advances, and nothing counts as played.
    expect(waitingRoom().tick(61_000).ending).toEqual({
      winner: 'right',
      reason: 'timeout',
      played: false,
    });
  });

  it('pauses for a player whose sockets are gone; the other wins by timeout at the deadline', () => {
    const r = room();
    r.tick(4_000);
    expect(r.playerLeft('u2', 20_000)).toBe('right');
    expect(r.players.right.connected).toBe(false);
    expect(r.playerLeft('u1', 20_000)).toBeNull(); // already paused
    expect(r.tick(19_999).ending).toBeUndefined();
    expect(r.playerJoined('u2', 10_000, 3_000)).toBe('joined'); // u1 is still away
    expect(r.tick(20_000).ending).toEqual({ winner: 'left', reason: 'timeout', played: true });
  });

  it('resumes once every player is back', () => {
    const r = room();
    r.tick(4_000);
    r.playerLeft('u1', 20_000);
    expect(r.playerJoined('u1', 10_000, 3_000)).toBe('resumed');
    expect(r.status).toBe('countdown');
    expect(r.startsAt).toBe(13_000);
  });

  it('is rebuilt elsewhere from its handover exactly where it stood, and carries on the same', () => {
    const config = makeGameConfig();
    const played = room();
    const twin = room();
    let now = 4_000;
    const drive = (r: MatchRoom, from: number, to: number) => {
      for (let step = from; step < to; step++) {
        const direction = step % 90 < 30 ? 'up' : step % 90 < 60 ? 'down' : 'stop';
        r.queueInput('left', direction, step);
        r.queueInput('right', step % 50 < 25 ? 'down' : 'up', step);
        r.tick(now + step * (1000 / 60));
      }
    };
    drive(played, 0, 600);
    drive(twin, 0, 600);
    const status = played.status;
    played.pauseForHandover(now + 20_000);
    expect(played.status).toBe('paused');
    expect(played.pausedSide).toBeNull();
    const handover = JSON.parse(JSON.stringify(played.handover(status))) as ReturnType<
      MatchRoom['handover']
    >;
    now = 100_000;
    const rebuilt = MatchRoom.restore(handover, config, now, 3_000);
    expect(rebuilt.state).toEqual(played.state);
    expect(rebuilt.lastSeq).toEqual(played.lastSeq);
    expect(rebuilt.status).toBe('countdown');
    expect(rebuilt.startsAt).toBe(103_000);
    // The twin pauses and resumes on its own node as a disconnect would; both go on alike.
    twin.pause('left', now + 20_000);
    twin.resume(now, 3_000);
    now = 103_000;
    drive(rebuilt, 600, 900);
    drive(twin, 600, 900);
    expect(rebuilt.state).toEqual(twin.state);
    expect(rebuilt.tape()).toEqual(twin.tape());

    const tampered = { ...handover, score: { left: 99, right: 0 } };
    expect(() => MatchRoom.restore(tampered, config, now, 3_000)).toThrow('re-simulate');
  });

  it('waits on, after a handover, when it was waiting for its players', () => {
    const r = waitingRoom();
    r.playerJoined('u1', 5_000, 3_000);
    r.pauseForHandover(20_000);
    const rebuilt = MatchRoom.restore(r.handover('waiting'), makeGameConfig(), 6_000, 3_000);
    expect(rebuilt.status).toBe('waiting');
    expect(rebuilt.showed).toEqual({ left: true, right: false });
    expect(rebuilt.tick(61_000).ending).toMatchObject({ winner: 'left', reason: 'timeout' });
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
