/**
 * Elo for ranked and tournament matches: start 1000, K = 32, whole points. The loser loses
 * exactly what the winner gains, so ratings are conserved (two new players: 1016 and 984).
 */
export const INITIAL_RATING = 1000;
export const K_FACTOR = 32;

/** The winner's expected score against the loser, from 0 to 1. */
export function expectedScore(rating: number, opponent: number): number {
  return 1 / (1 + 10 ** ((opponent - rating) / 400));
}

export interface EloChange {
  winnerAfter: number;
  loserAfter: number;
  /** Points moved from the loser to the winner: round(K × (1 − expected)), from 0 to K. */
  delta: number;
}

export function eloChange(winnerRating: number, loserRating: number, k = K_FACTOR): EloChange {
  const delta = Math.round(k * (1 - expectedScore(winnerRating, loserRating)));
  return { winnerAfter: winnerRating + delta, loserAfter: loserRating - delta, delta };
}
