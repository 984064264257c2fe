import { createBracket, readySlots, recordResult, standings } from './bracket';
import {
  entrants,
  favourites,
  located,
  places,
  playOut,
  sketch,
  upsetsBy,
} from './bracket.fixtures';

describe('bracket: 4 entrants', () => {
  const bracket = createBracket(entrants(4));

  it('pairs 1 v 4 and 2 v 3 with no byes, the final still unknown', () => {
    expect(bracket.size).toBe(4);
    expect(sketch(bracket)).toEqual([['p1 v p4', 'p2 v p3'], ['? v ?']]);
    expect(readySlots(bracket).map(located)).toEqual(['R1#0 p1 v p4', 'R1#1 p2 v p3']);
  });

  it('makes the final ready only once both semi-finals are decided', () => {
    const first = recordResult(bracket, 1, 0, 'left', { left: 11, right: 6 });
    expect(sketch(first.bracket)).toEqual([['p1 v p4 → p1 11-6', 'p2 v p3'], ['p1 v ?']]);
    expect(first.ready).toEqual([]);
    expect(readySlots(first.bracket).map(located)).toEqual(['R1#1 p2 v p3']);

    const second = recordResult(first.bracket, 1, 1, 'left', { left: 11, right: 10 });
    expect(second.ready.map(located)).toEqual(['R2#0 p1 v p2']);
    expect(second.champion).toBeNull();
  });

  it('plays out with the favourites winning', () => {
    const { bracket: done, played, champion } = playOut(bracket, favourites);
    expect(sketch(done)).toEqual([
      ['p1 v p4 → p1 11-0', 'p2 v p3 → p2 11-1'],
      ['p1 v p2 → p1 11-0'],
    ]);
    expect(played).toHaveLength(3);
    expect(champion).toEqual({ id: 'p1', seed: 1 });
    expect(places(standings(done))).toEqual([
      ['p1', 1],
      ['p2', 2],
      ['p3', 3],
      ['p4', 3],
    ]);
  });

  it('plays out with seed 4 winning every match', () => {
    const { bracket: done, champion } = playOut(bracket, upsetsBy('p4'));
    expect(sketch(done)).toEqual([
      ['p1 v p4 → p4 0-11', 'p2 v p3 → p2 11-1'],
      ['p4 v p2 → p4 11-0'],
    ]);
    expect(champion).toEqual({ id: 'p4', seed: 4 });
    expect(places(standings(done))).toEqual([
      ['p4', 1],
      ['p2', 2],
      ['p1', 3],
      ['p3', 3],
    ]);
  });
});
