/** Helpers for bracket scenario specs: entrants, deterministic winners, play-outs and sketches. */
import {
  recordResult,
  readySlots,
  slotAt,
  type Bracket,
  type BracketSide,
  type BracketSlot,
  type Entrant,
} from './bracket';

/** Entrants `p1..pn` with seeds 1..n, so an id names its seed in every expectation. */
export function entrants(n: number): Entrant[] {
  return Array.from({ length: n }, (_, i) => ({ id: `p${i + 1}`, seed: i + 1 }));
}

export type PickWinner = (slot: BracketSlot) => BracketSide;

function sides(slot: BracketSlot): { left: Entrant; right: Entrant } {
  if (slot.left === null || slot.right === null) {
    throw new Error(`round ${slot.round}, position ${slot.position} is not ready`);
  }
  return { left: slot.left, right: slot.right };
}

/** The higher seed (lower seed number) always wins. */
export const favourites: PickWinner = (slot) => {
  const { left, right } = sides(slot);
  return left.seed < right.seed ? 'left' : 'right';
};

/** The lower seed always wins. */
export const underdogs: PickWinner = (slot) => (favourites(slot) === 'left' ? 'right' : 'left');

export const leftWins: PickWinner = () => 'left';
export const rightWins: PickWinner = () => 'right';

/** Favourites win, except against the listed entrants, who win every match they play. */
export function upsetsBy(...ids: string[]): PickWinner {
  return (slot) => {
    const { left, right } = sides(slot);
    if (ids.includes(left.id)) return 'left';
    if (ids.includes(right.id)) return 'right';
    return favourites(slot);
  };
}

export const WIN_POINTS = 11;

/** The winner scores 11 and the loser as many points as the slot's position, so scores differ. */
export function scoreFor(slot: BracketSlot, winner: BracketSide): { left: number; right: number } {
  return winner === 'left'
    ? { left: WIN_POINTS, right: slot.position }
    : { left: slot.position, right: WIN_POINTS };
}

export interface PlayedOut {
  bracket: Bracket;
  /** Slots as decided, in the order their matches were played. */
  played: BracketSlot[];
  champion: Entrant | null;
}

/**
 * Plays every match until nothing is ready. Only the slots `recordResult` reports as newly ready
 * are played after the first ones, so a result that forgets to report one leaves the bracket
 * unfinished and the spec fails.
 */
export function playOut(bracket: Bracket, pickWinner: PickWinner): PlayedOut {
  let current = bracket;
  let champion: Entrant | null = null;
  const queue = readySlots(bracket);
  const played: BracketSlot[] = [];
  for (let i = 0; i < queue.length; i++) {
    const { round, position } = queue[i];
    const winner = pickWinner(queue[i]);
    const result = recordResult(current, round, position, winner, scoreFor(queue[i], winner));
    current = result.bracket;
    champion = result.champion ?? champion;
    played.push(slotAt(current, round, position));
    queue.push(...result.ready);
  }
  return { bracket: current, played, champion };
}

/**
 * One line per slot: `p1 v p8`, `p1 v ?` while a side is unknown, `p1 (bye)`, and once decided
 * `p4 v p5 → p5 3-11` (the score as left-right).
 */
export function sketchSlot(slot: BracketSlot): string {
  const name = (entrant: Entrant | null): string => entrant?.id ?? '?';
  if (slot.bye) return `${name(slot.left ?? slot.right)} (bye)`;
  const pairing = `${name(slot.left)} v ${name(slot.right)}`;
  if (slot.winnerSide === null) return pairing;
  const score = slot.score === null ? '' : ` ${slot.score.left}-${slot.score.right}`;
  return `${pairing} → ${name(slot[slot.winnerSide])}${score}`;
}

/** The whole bracket, one array of slot sketches per round. */
export function sketch(bracket: Bracket): string[][] {
  return bracket.rounds.map((slots) => slots.map(sketchSlot));
}

/** A slot sketch with where it sits, for lists of slots such as the ready ones: `R2#1 p2 v p3`. */
export function located(slot: BracketSlot): string {
  return `R${slot.round}#${slot.position} ${sketchSlot(slot)}`;
}

/** Standings as `[id, place]` pairs, in their order. */
export function places(table: { entrant: Entrant; place: number }[]): [string, number][] {
  return table.map(({ entrant, place }) => [entrant.id, place]);
}
