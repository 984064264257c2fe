import { createInitialState, makeGameConfig } from '@arena/engine';
import { stateSnapshot, toTenth, toWhole } from './state-snapshot';

const MATCH_ID = '0d9c3b7e-1f2a-4c5d-9e8f-0123456789ab';

function playingRoom() {
  const state = createInitialState(makeGameConfig(), 7);
  state.tick = 12_345;
  state.ball = { x: 412.3456789012345, y: 233.15, vx: -393.5000000001, vy: 120.49999 };
  state.paddles = { left: { y: 283.33333333333337 }, right: { y: 50 } };
  state.score = { left: 3, right: 10 };
  return { id: MATCH_ID, state, lastSeq: { left: 123, right: 98 } };
}

describe('stateSnapshot', () => {
  it('rounds positions to a tenth and velocities to whole units, in the API shape', () => {
    expect(stateSnapshot(playingRoom())).toEqual({
      matchId: MATCH_ID,
      tick: 12_345,
      ball: { x: 412.3, y: 233.2, vx: -394, vy: 120 },
      paddles: { left: { y: 283.3 }, right: { y: 50 } },
      score: { left: 3, right: 10 },
      lastSeq: { left: 123, right: 98 },
    });
  });

  it('leaves the simulation at full precision', () => {
    const room = playingRoom();
    stateSnapshot(room);
    expect(room.state.ball.x).toBe(412.3456789012345);
    expect(room.state.paddles.left.y).toBe(283.33333333333337);
  });

  it('prints no float noise and no negative zero', () => {
    for (let i = -2000; i <= 2000; i++) {
      const text = JSON.stringify(toTenth(i / 10 + 1e-9));
      expect(text).toMatch(/^-?\d+(\.\d)?$/);
    }
    expect(Object.is(toTenth(-0.04), 0)).toBe(true);
    expect(Object.is(toWhole(-0.4), 0)).toBe(true);
  });

  it('sizes a mid-match state: 166 bytes of names and punctuation, 36 of match id, 37 of digits', () => {
    const skeleton = JSON.stringify([
      'match:state',
      {
        matchId: '',
        tick: 0,
        ball: { x: 0, y: 0, vx: 0, vy: 0 },
        paddles: { left: { y: 0 }, right: { y: 0 } },
        score: { left: 0, right: 0 },
        lastSeq: { left: 0, right: 0 },
      },
    ]);
    expect(Buffer.byteLength(skeleton)).toBe(166 + 11); // the 11 numbers, one digit each
    const bytes = Buffer.byteLength(JSON.stringify(['match:state', stateSnapshot(playingRoom())]));
    expect(bytes).toBe(166 + 36 + 37);
  });
});
