import { createBracket, readySlots, standings } from './bracket';
import { entrants, located, places, playOut, sketch, upsetsBy } from './bracket.fixtures';

describe('bracket: 8 entrants', () => {
  const bracket = createBracket(entrants(8));

  it('pairs 1 v 8, 4 v 5, 2 v 7 and 3 v 6 with every later slot unknown', () => {
    expect(bracket.size).toBe(8);
    expect(sketch(bracket)).toEqual([
      ['p1 v p8', 'p4 v p5', 'p2 v p7', 'p3 v p6'],
      ['? v ?', '? v ?'],
      ['? v ?'],
    ]);
    expect(readySlots(bracket).map(located)).toEqual([
      'R1#0 p1 v p8',
      'R1#1 p4 v p5',
      'R1#2 p2 v p7',
      'R1#3 p3 v p6',
    ]);
  });

  it('plays out with seeds 5 and 7 winning every match, seed 5 against seed 7 in the final', () => {
    const { bracket: done, played, champion } = playOut(bracket, upsetsBy('p5', 'p7'));
    expect(sketch(done)).toEqual([
      ['p1 v p8 → p1 11-0', 'p4 v p5 → p5 1-11', 'p2 v p7 → p7 2-11', 'p3 v p6 → p3 11-3'],
      ['p1 v p5 → p5 0-11', 'p7 v p3 → p7 11-1'],
      ['p5 v p7 → p5 11-0'],
    ]);
    expect(played.map(({ round, position }) => `R${round}#${position}`)).toEqual([
      'R1#0',
      'R1#1',
      'R1#2',
      'R1#3',
      'R2#0',
      'R2#1',
      'R3#0',
    ]);
    expect(champion).toEqual({ id: 'p5', seed: 5 });
    expect(places(standings(done))).toEqual([
      ['p5', 1],
      ['p7', 2],
      ['p1', 3],
      ['p3', 3],
      ['p2', 5],
      ['p4', 5],
      ['p6', 5],
      ['p8', 5],
    ]);
  });
});
