/**
 * Single-elimination bracket: seeding, byes, results and standings. Pure and immutable, so the
 * tournament service can persist any bracket value as is and the specs can replay whole events.
 */

export type BracketSide = 'left' | 'right';

/** A participant in the bracket: `id` is the participant id, seed 1 is the best. */
export interface Entrant {
  id: string;
  seed: number;
}

export interface BracketSlot {
  /** 1-based; the last round is the final. */
  round: number;
  /** 0-based within its round. */
  position: number;
  /** null while unknown (or the empty side of a bye). */
  left: Entrant | null;
  right: Entrant | null;
  /** A round-1 slot with a single entrant: it advances without a match. */
  bye: boolean;
  /** The match currently offered for this slot (set by the service). */
  matchId: string | null;
  winnerSide: BracketSide | null;
  score: { left: number; right: number } | null;
}

/** `size` is the bracket size, a power of two from 2 to 16. */
export interface Bracket {
  size: number;
  rounds: BracketSlot[][];
}

export interface RecordedResult {
  bracket: Bracket;
  /** Slots that became ready because of this result (at most one: the winner's next slot). */
  ready: BracketSlot[];
  /** The winner of the final, once it is decided. */
  champion: Entrant | null;
}

export interface Standing {
  entrant: Entrant;
  place: number;
}

export const MIN_ENTRANTS = 2;
export const MAX_ENTRANTS = 16;

export type BracketErrorCode = 'slot_not_ready' | 'slot_decided' | 'bye_slot' | 'not_finished';

/**
 * A move the bracket's current state does not allow (as opposed to a malformed argument, which is
 * a RangeError): the service can map `code` to a conflict without parsing messages.
 */
export class BracketError extends Error {
  constructor(
    readonly code: BracketErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BracketError';
  }
}

function isBracketSize(size: number): boolean {
  return (
    Number.isInteger(size) &&
    size >= MIN_ENTRANTS &&
    size <= MAX_ENTRANTS &&
    (size & (size - 1)) === 0
  );
}

/**
 * Standard seed placement for a power-of-two size: 2 → [1,2], 4 → [1,4,2,3],
 * 8 → [1,8,4,5,2,7,3,6], 16 → [1,16,8,9,4,13,5,12,2,15,7,10,3,14,6,11].
 * Consecutive pairs are round-1 slots.
 */
export function seedPositions(size: number): number[] {
  if (!isBracketSize(size)) {
    throw new RangeError(
      `bracket size must be a power of two from ${MIN_ENTRANTS} to ${MAX_ENTRANTS}, got ${size}`,
    );
  }
  let order = [1, 2];
  while (order.length < size) {
    // Doubling the field pairs every seed with its mirror (1 with the last, 2 with the one before
    // the last...) while keeping its place, so seed k and seed k+1 stay apart as long as possible.
    const mirror = order.length * 2 + 1;
    order = order.flatMap((seed) => [seed, mirror - seed]);
  }
  return order;
}

function copyEntrant(entrant: Entrant): Entrant {
  return { id: entrant.id, seed: entrant.seed };
}

function copySlot(slot: BracketSlot): BracketSlot {
  return {
    round: slot.round,
    position: slot.position,
    left: slot.left && copyEntrant(slot.left),
    right: slot.right && copyEntrant(slot.right),
    bye: slot.bye,
    matchId: slot.matchId,
    winnerSide: slot.winnerSide,
    score: slot.score && { left: slot.score.left, right: slot.score.right },
  };
}

// A bracket holds at most 31 slots: copying it whole keeps every update trivially free of shared
// references with its input, which structural sharing would not.
function copyBracket(bracket: Bracket): Bracket {
  return { size: bracket.size, rounds: bracket.rounds.map((slots) => slots.map(copySlot)) };
}

function emptySlot(round: number, position: number): BracketSlot {
  return {
    round,
    position,
    left: null,
    right: null,
    bye: false,
    matchId: null,
    winnerSide: null,
    score: null,
  };
}

function validEntrants(entrants: Entrant[]): Map<number, Entrant> {
  const n = entrants.length;
  if (n < MIN_ENTRANTS || n > MAX_ENTRANTS) {
    throw new RangeError(`a bracket takes ${MIN_ENTRANTS} to ${MAX_ENTRANTS} entrants, got ${n}`);
  }
  const bySeed = new Map<number, Entrant>();
  const ids = new Set<string>();
  for (const entrant of entrants) {
    const { id, seed } = entrant;
    if (!Number.isInteger(seed) || seed < 1 || seed > n) {
      throw new RangeError(`seeds must be 1 to ${n}, got ${seed} for ${id}`);
    }
    if (bySeed.has(seed)) throw new RangeError(`seed ${seed} is given twice`);
    // Standings and results are keyed by entrant; two entrants sharing an id could not be told apart.
    if (ids.has(id)) throw new RangeError(`entrant ${id} is listed twice`);
    bySeed.set(seed, copyEntrant(entrant));
    ids.add(id);
  }
  return bySeed;
}

function winnerOf(slot: BracketSlot): Entrant | null {
  return slot.winnerSide === null ? null : slot[slot.winnerSide];
}

function isReady(slot: BracketSlot): boolean {
  return slot.left !== null && slot.right !== null && slot.winnerSide === null && !slot.bye;
}

/** Puts a decided slot's winner into the next round of a bracket being built; returns that slot. */
function advanceWinner(rounds: BracketSlot[][], slot: BracketSlot): BracketSlot | null {
  const winner = winnerOf(slot);
  if (winner === null || slot.round === rounds.length) return null;
  const next = rounds[slot.round][Math.floor(slot.position / 2)];
  next[slot.position % 2 === 0 ? 'left' : 'right'] = copyEntrant(winner);
  return next;
}

/**
 * Entrants in any order, placed by their `seed`, which must be exactly 1..n with n from 2 to 16.
 * The size is the next power of two ≥ n; the missing seeds are byes, so the top seeds get them.
 * Every round's slots exist from the start.
 */
export function createBracket(entrants: Entrant[]): Bracket {
  const bySeed = validEntrants(entrants);
  let size = MIN_ENTRANTS;
  while (size < entrants.length) size *= 2;

  const rounds: BracketSlot[][] = [];
  for (let round = 1, slots = size / 2; slots >= 1; round++, slots /= 2) {
    rounds.push(Array.from({ length: slots }, (_, position) => emptySlot(round, position)));
  }

  const order = seedPositions(size);
  for (const slot of rounds[0]) {
    slot.left = bySeed.get(order[2 * slot.position]) ?? null;
    slot.right = bySeed.get(order[2 * slot.position + 1]) ?? null;
    // n > size / 2 and each pair of seeds sums to size + 1, so a pair never misses both entrants.
    if (slot.left === null || slot.right === null) {
      slot.bye = true;
      slot.winnerSide = slot.left === null ? 'right' : 'left';
      advanceWinner(rounds, slot);
    }
  }
  return { size, rounds };
}

function findSlot(bracket: Bracket, round: number, position: number): BracketSlot {
  const inRange =
    Number.isInteger(round) &&
    Number.isInteger(position) &&
    round >= 1 &&
    round <= bracket.rounds.length &&
    position >= 0 &&
    position < bracket.rounds[round - 1].length;
  if (!inRange) throw new RangeError(`no slot at round ${round}, position ${position}`);
  return bracket.rounds[round - 1][position];
}

/** A copy of the slot; throws RangeError if the bracket has no such slot. */
export function slotAt(bracket: Bracket, round: number, position: number): BracketSlot {
  return copySlot(findSlot(bracket, round, position));
}

/** Slots with both sides known, no winner and not a bye, in round then position order. */
export function readySlots(bracket: Bracket): BracketSlot[] {
  return bracket.rounds.flat().filter(isReady).map(copySlot);
}

/** Sets (or clears, with null) the match offered for a slot. A bye never gets a match. */
export function assignMatch(
  bracket: Bracket,
  round: number,
  position: number,
  matchId: string | null,
): Bracket {
  const next = copyBracket(bracket);
  const slot = findSlot(next, round, position);
  if (slot.bye && matchId !== null) {
    throw new BracketError('bye_slot', `round ${round}, position ${position} is a bye`);
  }
  slot.matchId = matchId;
  return next;
}

function validScore(score: { left: number; right: number }): void {
  for (const points of [score.left, score.right]) {
    if (!Number.isSafeInteger(points) || points < 0) {
      throw new RangeError(`a score is a whole number of points ≥ 0, got ${points}`);
    }
  }
}

/**
 * Records a result and advances the winner at once into the next round (left side of the next
 * slot from an even position, right from an odd one). The score is not checked against the
 * winner: a match lost by no-show or timeout can end with any score.
 */
export function recordResult(
  bracket: Bracket,
  round: number,
  position: number,
  winnerSide: BracketSide,
  score: { left: number; right: number },
): RecordedResult {
  const next = copyBracket(bracket);
  const slot = findSlot(next, round, position);
  if (slot.winnerSide !== null) {
    throw new BracketError('slot_decided', `round ${round}, position ${position} is decided`);
  }
  if (slot.left === null || slot.right === null) {
    throw new BracketError(
      'slot_not_ready',
      `round ${round}, position ${position} is waiting for its players`,
    );
  }
  if (winnerSide !== 'left' && winnerSide !== 'right') {
    throw new RangeError(`winner side must be left or right, got ${String(winnerSide)}`);
  }
  validScore(score);

  const winner = winnerSide === 'left' ? slot.left : slot.right;
  slot.winnerSide = winnerSide;
  slot.score = { left: score.left, right: score.right };
  const following = advanceWinner(next.rounds, slot);
  return {
    bracket: next,
    ready: following !== null && isReady(following) ? [copySlot(following)] : [],
    champion: following === null ? copyEntrant(winner) : null,
  };
}

/**
 * Who wins a match nobody finished: the side that showed up; if both or neither showed, the
 * higher seed (lower seed number), so an absent favourite is not punished by an absent underdog.
 */
export function noShowWinner(
  slot: BracketSlot,
  showed: { left: boolean; right: boolean },
): BracketSide {
  if (slot.left === null || slot.right === null) {
    throw new BracketError(
      'slot_not_ready',
      `round ${slot.round}, position ${slot.position} is waiting for its players`,
    );
  }
  if (showed.left !== showed.right) return showed.left ? 'left' : 'right';
  return slot.left.seed < slot.right.seed ? 'left' : 'right';
}

export function champion(bracket: Bracket): Entrant | null {
  const final = bracket.rounds[bracket.rounds.length - 1][0];
  const winner = winnerOf(final);
  return winner && copyEntrant(winner);
}

export function isFinished(bracket: Bracket): boolean {
  return champion(bracket) !== null;
}

/**
 * Final standings: the champion is 1st and a loser of `round` shares place
 * 2^(rounds - round) + 1 (final 2, semi-finals 3, quarter-finals 5, round of 16 9), sorted by
 * place then seed. An entrant who had a bye is ranked by the match it lost like everyone else.
 */
export function standings(bracket: Bracket): Standing[] {
  const winner = champion(bracket);
  if (winner === null) throw new BracketError('not_finished', 'the final is not decided');
  const roundCount = bracket.rounds.length;
  const table: Standing[] = [{ entrant: winner, place: 1 }];
  for (const slot of bracket.rounds.flat()) {
    if (slot.bye || slot.winnerSide === null) continue;
    const loser = slot[slot.winnerSide === 'left' ? 'right' : 'left'];
    if (loser === null) continue;
    table.push({ entrant: copyEntrant(loser), place: 2 ** (roundCount - slot.round) + 1 });
  }
  return table.sort((a, b) => a.place - b.place || a.entrant.seed - b.entrant.seed);
}
