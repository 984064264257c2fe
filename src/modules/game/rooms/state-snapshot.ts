/**
 * The `match:state` payload of a room: what every player and spectator receives after a step,
 * 60 times a second. The simulation keeps full precision; the payload rounds positions to a
 * tenth of a unit and velocities to whole units per second (the field is 800 × 600 units), which
 * no client can see but which shortens every state by some 50 bytes of digits and makes it
 * cheaper to serialise. The shape is API.md's contract and never changes here.
 */
import type { MatchStatePayload } from '../../../common/realtime/realtime.events';
import type { MatchRoom } from './match-room';

/** To 0.1 unit: `Math.round(v * 10) / 10` prints as at most one decimal (412.3, never 412.30000000000001). */
export const toTenth = (value: number): number => Math.round(value * 10) / 10 || 0;
/** To whole units; `|| 0` turns -0 into 0. */
export const toWhole = (value: number): number => Math.round(value) || 0;

export function stateSnapshot(
  room: Pick<MatchRoom, 'id' | 'state' | 'lastSeq'>,
): MatchStatePayload {
  const { state } = room;
  const { ball, paddles } = state;
  return {
    matchId: room.id,
    tick: state.tick,
    ball: { x: toTenth(ball.x), y: toTenth(ball.y), vx: toWhole(ball.vx), vy: toWhole(ball.vy) },
    paddles: { left: { y: toTenth(paddles.left.y) }, right: { y: toTenth(paddles.right.y) } },
    score: { left: state.score.left, right: state.score.right },
    lastSeq: { left: room.lastSeq.left, right: room.lastSeq.right },
  };
}
