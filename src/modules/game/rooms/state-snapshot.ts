/** The `match:state` payload of a room: what every player and spectator receives after a step. */
import type { MatchStatePayload } from '../../../common/realtime/realtime.events';
import type { MatchRoom } from './match-room';

export function stateSnapshot(room: MatchRoom): MatchStatePayload {
  const { state } = room;
  return {
    matchId: room.id,
    tick: state.tick,
    ball: { x: state.ball.x, y: state.ball.y, vx: state.ball.vx, vy: state.ball.vy },
    paddles: { left: { y: state.paddles.left.y }, right: { y: state.paddles.right.y } },
    score: { left: state.score.left, right: state.score.right },
    lastSeq: { left: room.lastSeq.left, right: room.lastSeq.right },
  };
}
