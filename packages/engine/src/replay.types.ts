/** API.md's `Replay`: everything needed to re-simulate a match and check its stored result. */
import type { GameConfig, Side } from './engine.types';
import type { TapeInput } from './tape';

export type EndReason = 'score' | 'forfeit' | 'timeout';

export interface ReplayFinal {
  /** The last step simulated. */
  tick: number;
  score: { left: number; right: number };
  winnerSide: Side | null;
  /** null: the match was interrupted. */
  endReason: EndReason | null;
}

export interface UnsignedReplay {
  matchId: string;
  /** The rules version it was recorded under (RULES_VERSION). */
  engine: string;
  /** Every rule the simulation needs, not only what clients see of it. */
  config: GameConfig;
  seed: number;
  inputs: TapeInput[];
  final: ReplayFinal;
}

export interface Replay extends UnsignedReplay {
  /** SHA-256 of the canonical JSON of the rest (see replay-hash.ts). */
  hash: string;
}

/** What a verification answers. */
export interface ReplayVerdict {
  valid: boolean;
  /** The score re-simulation reached (0–0 when it was refused before simulating). */
  score: { left: number; right: number };
  /** The steps re-simulated. */
  ticks: number;
  /** Why it is not valid. */
  reason?: string;
}
