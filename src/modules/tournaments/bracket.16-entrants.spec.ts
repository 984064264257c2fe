import { createBracket, readySlots, standings } from './bracket';
import { entrants, favourites, located, places, playOut, sketch } from './bracket.fixtures';

describe('bracket: 16 entrants', () => {
  const bracket = createBracket(entrants(16));

  it('fills the bracket with no byes, seed 1 meeting seed 16', () => {
    expect(bracket.size).toBe(16);
    expect(sketch(bracket)).toEqual([
      [
        'p1 v p16',
        'p8 v p9',
        'p4 v p13',
        'p5 v p12',
        'p2 v p15',
        'p7 v p10',
        'p3 v p14',
        'p6 v p11',
      ],
      ['? v ?', '? v ?', '? v ?', '? v ?'],
      ['? v ?', '? v ?'],
      ['? v ?'],
    ]);
    expect(readySlots(bracket).map(located)).toEqual([
      'R1#0 p1 v p16',
      'R1#1 p8 v p9',
      'R1#2 p4 v p13',
      'R1#3 p5 v p12',
      'R1#4 p2 v p15',
      'R1#5 p7 v p10',
      'R1#6 p3 v p14',
      'R1#7 p6 v p11',
    ]);
  });

  it('plays out with the favourites winning: 1 v 8, 4 v 5, 2 v 7, 3 v 6, then 1 v 4, 2 v 3, then 1 v 2', () => {
    const { bracket: done, played, champion } = playOut(bracket, favourites);
    expect(sketch(done)).toEqual([
      [
        'p1 v p16 → p1 11-0',
        'p8 v p9 → p8 11-1',
        'p4 v p13 → p4 11-2',
        'p5 v p12 → p5 11-3',
        'p2 v p15 → p2 11-4',
        'p7 v p10 → p7 11-5',
        'p3 v p14 → p3 11-6',
        'p6 v p11 → p6 11-7',
      ],
      ['p1 v p8 → p1 11-0', 'p4 v p5 → p4 11-1', 'p2 v p7 → p2 11-2', 'p3 v p6 → p3 11-3'],
      ['p1 v p4 → p1 11-0', 'p2 v p3 → p2 11-1'],
      ['p1 v p2 → p1 11-0'],
    ]);
    expect(played).toHaveLength(15);
    expect(champion).toEqual({ id: 'p1', seed: 1 });
    expect(places(standings(done))).toEqual([
      ['p1', 1],
      ['p2', 2],
      ['p3', 3],
      ['p4', 3],
      ['p5', 5],
      ['p6', 5],
      ['p7', 5],
      ['p8', 5],
      ['p9', 9],
      ['p10', 9],
      ['p11', 9],
      ['p12', 9],
      ['p13', 9],
      ['p14', 9],
      ['p15', 9],
      ['p16', 9],
    ]);
  });
});
