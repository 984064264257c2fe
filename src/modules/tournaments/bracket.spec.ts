import {
  assignMatch,
  BracketError,
  champion,
  createBracket,
  isFinished,
  MAX_ENTRANTS,
  MIN_ENTRANTS,
  noShowWinner,
  readySlots,
  recordResult,
  seedPositions,
  slotAt,
  standings,
  type Bracket,
  type BracketSlot,
  type Entrant,
} from './bracket';
import {
  entrants,
  favourites,
  leftWins,
  located,
  playOut,
  rightWins,
  scoreFor,
  sketch,
  underdogs,
  upsetsBy,
  type PickWinner,
} from './bracket.fixtures';

const EVERY_N = Array.from({ length: MAX_ENTRANTS - MIN_ENTRANTS + 1 }, (_, i) => MIN_ENTRANTS + i);
const PICKERS: [string, PickWinner][] = [
  ['favourites', favourites],
  ['underdogs', underdogs],
  ['left sides', leftWins],
  ['right sides', rightWins],
  ['seeds 2 and 3 upsetting everyone', upsetsBy('p2', 'p3')],
];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

function nextPowerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(n));
}

function seedsIn(slot: BracketSlot): number[] {
  return [slot.left, slot.right].flatMap((entrant) => (entrant ? [entrant.seed] : []));
}

describe('seedPositions', () => {
  it('places the standard seeds for every bracket size', () => {
    expect(seedPositions(2)).toEqual([1, 2]);
    expect(seedPositions(4)).toEqual([1, 4, 2, 3]);
    expect(seedPositions(8)).toEqual([1, 8, 4, 5, 2, 7, 3, 6]);
    expect(seedPositions(16)).toEqual([1, 16, 8, 9, 4, 13, 5, 12, 2, 15, 7, 10, 3, 14, 6, 11]);
  });

  it.each([0, 1, 3, 6, 12, 32, 2.5, -4, Number.NaN])('refuses a bracket of size %p', (size) => {
    expect(() => seedPositions(size)).toThrow(RangeError);
  });
});

describe('createBracket: validation', () => {
  it.each([
    ['no entrants', []],
    ['a single entrant', entrants(1)],
    ['17 entrants', entrants(17)],
    [
      'a seed missing (1, 3)',
      [
        { id: 'p1', seed: 1 },
        { id: 'p3', seed: 3 },
      ],
    ],
    [
      'a seed twice',
      [
        { id: 'p1', seed: 1 },
        { id: 'p2', seed: 1 },
      ],
    ],
    [
      'a seed 0',
      [
        { id: 'p0', seed: 0 },
        { id: 'p1', seed: 1 },
      ],
    ],
    [
      'a fractional seed',
      [
        { id: 'p1', seed: 1 },
        { id: 'p2', seed: 1.5 },
      ],
    ],
    [
      'an id twice',
      [
        { id: 'p1', seed: 1 },
        { id: 'p1', seed: 2 },
      ],
    ],
  ])('throws a RangeError for %s', (_, list: Entrant[]) => {
    expect(() => createBracket(list)).toThrow(RangeError);
  });

  it('names the wrong seed in its message', () => {
    expect(() =>
      createBracket([
        { id: 'p1', seed: 1 },
        { id: 'p9', seed: 9 },
      ]),
    ).toThrow('seeds must be 1 to 2, got 9 for p9');
  });
});

describe('slotAt', () => {
  const bracket = createBracket(entrants(4));

  it('returns a copy of the slot', () => {
    const slot = slotAt(bracket, 2, 0);
    expect(slot).toEqual(bracket.rounds[1][0]);
    expect(slot).not.toBe(bracket.rounds[1][0]);
  });

  it.each([
    [0, 0],
    [3, 0],
    [1, 2],
    [1, -1],
    [2, 1],
    [1.5, 0],
  ])('throws a RangeError for round %p, position %p', (round, position) => {
    expect(() => slotAt(bracket, round, position)).toThrow(RangeError);
  });
});

describe('assignMatch', () => {
  const bracket = createBracket(entrants(3));

  it('sets the match of one slot and nothing else, and clears it with null', () => {
    const offered = assignMatch(bracket, 1, 1, 'm-1');
    expect(offered).toEqual({
      size: 4,
      rounds: [
        [bracket.rounds[0][0], { ...bracket.rounds[0][1], matchId: 'm-1' }],
        bracket.rounds[1],
      ],
    });
    expect(assignMatch(offered, 1, 1, null)).toEqual(bracket);
  });

  it('keeps the match of a slot once decided', () => {
    const offered = assignMatch(bracket, 1, 1, 'm-1');
    const { bracket: decided } = recordResult(offered, 1, 1, 'left', { left: 11, right: 3 });
    expect(slotAt(decided, 1, 1).matchId).toBe('m-1');
  });

  it('refuses a match for a bye, and a slot that does not exist', () => {
    const error = thrown(() => assignMatch(bracket, 1, 0, 'm-1'));
    expect(error).toBeInstanceOf(BracketError);
    expect(error).toMatchObject({ code: 'bye_slot', message: 'round 1, position 0 is a bye' });
    expect(() => assignMatch(bracket, 3, 0, 'm-1')).toThrow(RangeError);
  });
});

describe('recordResult: refusals', () => {
  const bracket = createBracket(entrants(4));

  it('refuses a slot still waiting for a player', () => {
    const error = thrown(() => recordResult(bracket, 2, 0, 'left', { left: 11, right: 0 }));
    expect(error).toBeInstanceOf(BracketError);
    expect(error).toMatchObject({
      code: 'slot_not_ready',
      message: 'round 2, position 0 is waiting for its players',
    });
  });

  it('refuses a slot already decided, by a match or by a bye', () => {
    const { bracket: decided } = recordResult(bracket, 1, 0, 'left', { left: 11, right: 0 });
    expect(
      thrown(() => recordResult(decided, 1, 0, 'right', { left: 0, right: 11 })),
    ).toMatchObject({ code: 'slot_decided' });
    const withBye = createBracket(entrants(3));
    expect(thrown(() => recordResult(withBye, 1, 0, 'left', { left: 11, right: 0 }))).toMatchObject(
      { code: 'slot_decided' },
    );
  });

  it.each([
    ['a negative score', { left: -1, right: 11 }],
    ['a fractional score', { left: 11, right: 2.5 }],
    ['an infinite score', { left: Number.POSITIVE_INFINITY, right: 0 }],
  ])('throws a RangeError for %s', (_, score) => {
    expect(() => recordResult(bracket, 1, 0, 'left', score)).toThrow(RangeError);
  });

  it('throws a RangeError for a slot that does not exist', () => {
    expect(() => recordResult(bracket, 1, 5, 'left', { left: 11, right: 0 })).toThrow(RangeError);
  });

  it('accepts any score for the winner, as after a no-show', () => {
    const { bracket: decided } = recordResult(bracket, 1, 0, 'right', { left: 0, right: 0 });
    expect(located(slotAt(decided, 1, 0))).toBe('R1#0 p1 v p4 → p4 0-0');
  });
});

describe('noShowWinner', () => {
  // After an upset a later slot can hold the higher seed on the right.
  const slot: BracketSlot = {
    round: 2,
    position: 0,
    left: { id: 'p8', seed: 8 },
    right: { id: 'p4', seed: 4 },
    bye: false,
    matchId: 'm-7',
    winnerSide: null,
    score: null,
  };

  it.each([
    [{ left: true, right: false }, 'left'],
    [{ left: false, right: true }, 'right'],
    [{ left: true, right: true }, 'right'],
    [{ left: false, right: false }, 'right'],
  ])('with %p the winner is on the %s', (showed, side) => {
    expect(noShowWinner(slot, showed)).toBe(side);
  });

  it('gives the higher seed on the left the match when nobody showed', () => {
    const flipped = { ...slot, left: slot.right, right: slot.left };
    expect(noShowWinner(flipped, { left: false, right: false })).toBe('left');
  });

  it('refuses a slot with a side still unknown', () => {
    expect(
      thrown(() => noShowWinner({ ...slot, right: null }, { left: true, right: false })),
    ).toMatchObject({ code: 'slot_not_ready' });
  });
});

describe('champion, isFinished and standings before the end', () => {
  it('has no champion, is not finished and refuses standings until the final is decided', () => {
    const { bracket } = recordResult(createBracket(entrants(3)), 1, 1, 'left', {
      left: 11,
      right: 2,
    });
    expect(champion(bracket)).toBeNull();
    expect(isFinished(bracket)).toBe(false);
    expect(thrown(() => standings(bracket))).toMatchObject({ code: 'not_finished' });
  });
});

describe('immutability', () => {
  it('copies the entrants it is given', () => {
    const list = entrants(2);
    const bracket = createBracket(list);
    bracket.rounds[0][0].left!.id = 'changed';
    expect(list[0]).toEqual({ id: 'p1', seed: 1 });
  });

  it('never changes a bracket it is given, and shares nothing with what it returns', () => {
    const bracket = deepFreeze(createBracket(entrants(5)));
    const before = structuredClone(bracket);

    const offered = assignMatch(bracket, 1, 1, 'm-1');
    const recorded = recordResult(bracket, 1, 1, 'left', { left: 11, right: 4 });
    const ready = readySlots(bracket);
    const slot = slotAt(bracket, 2, 1);
    const played = playOut(bracket, favourites);
    const table = standings(deepFreeze(played.bracket));
    const winner = champion(played.bracket);
    noShowWinner(slot, { left: true, right: true });
    isFinished(bracket);

    expect(bracket).toEqual(before);
    // Writing through every returned value must not reach the frozen input.
    offered.rounds[0][1].matchId = 'm-2';
    recorded.bracket.rounds[1][0].right = null;
    recorded.ready[0].left!.id = 'changed';
    ready[0].left!.seed = 99;
    slot.right!.id = 'changed';
    table[0].entrant.id = 'changed';
    winner!.id = 'changed';
    expect(bracket).toEqual(before);
    expect(champion(played.bracket)).toEqual({ id: 'p1', seed: 1 });
  });
});

describe.each(EVERY_N)('bracket properties for %i entrants', (n) => {
  const bracket = createBracket(entrants(n));
  const size = nextPowerOfTwo(n);
  const roundCount = Math.log2(size);
  const byeCount = size - n;

  it('has every round from the start, each slot knowing where it sits', () => {
    expect(bracket.size).toBe(size);
    expect(bracket.rounds.map((slots) => slots.length)).toEqual(
      Array.from({ length: roundCount }, (_, i) => size / 2 ** (i + 1)),
    );
    bracket.rounds.forEach((slots, r) =>
      slots.forEach((slot, position) =>
        expect([slot.round, slot.position]).toEqual([r + 1, position]),
      ),
    );
  });

  it('gives the byes to the top seeds, each bye slot holding its entrant on the left', () => {
    const byes = bracket.rounds[0].filter((slot) => slot.bye);
    expect(byes.map((slot) => slot.left?.seed).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: byeCount }, (_, i) => i + 1),
    );
    for (const slot of byes) {
      expect([slot.right, slot.winnerSide, slot.score, slot.matchId]).toEqual([
        null,
        'left',
        null,
        null,
      ]);
      const next = slotAt(bracket, 2, Math.floor(slot.position / 2));
      expect(next[slot.position % 2 === 0 ? 'left' : 'right']).toEqual(slot.left);
    }
  });

  it('has at least one entrant in every round-1 slot, each entrant exactly once', () => {
    for (const slot of bracket.rounds[0]) expect(seedsIn(slot).length).toBeGreaterThanOrEqual(1);
    const seeds = bracket.rounds[0].flatMap(seedsIn).sort((a, b) => a - b);
    expect(seeds).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  });

  it('puts seeds 1 and 2 in opposite halves', () => {
    // Seats in round-1 order, so with 2 entrants the halves are the two sides of the final.
    const seats = bracket.rounds[0].flatMap((slot) => [slot.left?.seed, slot.right?.seed]);
    const half = (seed: number): number => (seats.indexOf(seed) < size / 2 ? 0 : 1);
    expect([half(1), half(2)]).toEqual([0, 1]);
  });

  it('pits seed 1 against the lowest seed present, or gives it a bye', () => {
    expect(seedsIn(bracket.rounds[0][0])).toEqual(n === size ? [1, n] : [1]);
  });

  it('lists as ready exactly the slots with two entrants', () => {
    const expected = bracket.rounds
      .flat()
      .filter((slot) => slot.left !== null && slot.right !== null && !slot.bye);
    expect(readySlots(bracket)).toEqual(expected);
  });

  it('reports after each result exactly the slots it made ready', () => {
    let current: Bracket = bracket;
    while (readySlots(current).length > 0) {
      const [slot] = readySlots(current);
      const before = readySlots(current).map(located);
      const result = recordResult(current, slot.round, slot.position, 'right', {
        left: 3,
        right: 11,
      });
      const newlyReady = readySlots(result.bracket).filter((s) => !before.includes(located(s)));
      expect(result.ready).toEqual(newlyReady);
      current = result.bracket;
    }
    expect(isFinished(current)).toBe(true);
  });

  describe.each(PICKERS)('played out with %s winning', (_, pick) => {
    const { bracket: done, played, champion: crowned } = playOut(bracket, pick);
    const table = standings(done);

    it('takes n - 1 matches and size - 1 decisions counting the byes, and crowns a champion', () => {
      expect(played).toHaveLength(n - 1);
      expect(done.rounds.flat().filter((slot) => slot.bye)).toHaveLength(byeCount);
      expect(done.rounds.flat().filter((slot) => slot.winnerSide !== null)).toHaveLength(size - 1);
      expect(crowned).not.toBeNull();
      expect(champion(done)).toEqual(crowned);
      expect(isFinished(done)).toBe(true);
      expect(readySlots(done)).toEqual([]);
    });

    it('has no bye after round 1 and every score recorded where it was played', () => {
      for (const slot of done.rounds.slice(1).flat()) expect(slot.bye).toBe(false);
      for (const slot of played) expect(slot.score).toEqual(scoreFor(slot, slot.winnerSide!));
    });

    it('ranks everyone once: the champion 1st, each loser of round r at 2^(rounds - r) + 1', () => {
      const lostIn = new Map<string, number>();
      for (const slot of played) {
        const loser = slot.winnerSide === 'left' ? slot.right! : slot.left!;
        expect(lostIn.has(loser.id)).toBe(false);
        lostIn.set(loser.id, slot.round);
      }
      expect(lostIn.size).toBe(n - 1);
      const expected = entrants(n)
        .map((entrant) => {
          const round = lostIn.get(entrant.id);
          return { entrant, place: round === undefined ? 1 : 2 ** (roundCount - round) + 1 };
        })
        .sort((a, b) => a.place - b.place || a.entrant.seed - b.entrant.seed);
      expect(table).toEqual(expected);
      expect(table[0].entrant).toEqual(crowned);
    });

    it('never pits seeds 1 and 2 against each other before the final', () => {
      const early = played.filter((slot) => slot.round < roundCount);
      expect(
        early.filter((slot) => seedsIn(slot).join() === '1,2' || seedsIn(slot).join() === '2,1'),
      ).toEqual([]);
    });
  });

  it('brings seeds 1 and 2 to the final when the favourites always win', () => {
    const { bracket: done } = playOut(bracket, favourites);
    expect(sketch(done)[roundCount - 1]).toEqual(['p1 v p2 → p1 11-0']);
    expect(standings(done).slice(0, 2)).toEqual([
      { entrant: { id: 'p1', seed: 1 }, place: 1 },
      { entrant: { id: 'p2', seed: 2 }, place: 2 },
    ]);
  });
});
