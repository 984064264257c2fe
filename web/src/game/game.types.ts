/**
 * What the client's game code works with: the engine's public config and sides, and the
 * `match:state` payload of API.md, as the server defines them (type-only imports: nothing of the
 * server reaches the bundle).
 */
import type { Direction, PublicGameConfig, Side } from '@arena/engine';
import type { MatchStatePayload } from '../../../src/common/realtime/realtime.events';

export type { Direction, PublicGameConfig, Side, MatchStatePayload };

/** What is drawn: positions only. */
export interface Frame {
  ball: { x: number; y: number };
  paddles: { left: number; right: number };
  score: { left: number; right: number };
}
