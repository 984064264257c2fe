import { createBracket, readySlots, standings } from './bracket';
import { entrants, located, places, playOut, sketch, underdogs } from './bracket.fixtures';

describe('bracket: 13 entrants', () => {
  const bracket = createBracket(entrants(13));

  it('fills a bracket of 16 with byes for seeds 1 to 3, who wait in round 2', () => {
    expect(bracket.size).toBe(16);
    expect(sketch(bracket)).toEqual([
      [
        'p1 (bye)',
        'p8 v p9',
        'p4 v p13',
        'p5 v p12',
        'p2 (bye)',
        'p7 v p10',
        'p3 (bye)',
        'p6 v p11',
      ],
      ['p1 v ?', '? v ?', 'p2 v ?', 'p3 v ?'],
      ['? v ?', '? v ?'],
      ['? v ?'],
    ]);
    expect(readySlots(bracket).map(located)).toEqual([
      'R1#1 p8 v p9',
      'R1#2 p4 v p13',
      'R1#3 p5 v p12',
      'R1#5 p7 v p10',
      'R1#7 p6 v p11',
    ]);
  });

  it('plays out with the underdogs winning: seeds who had a bye rank by the match they lost', () => {
    const { bracket: done, played, champion } = playOut(bracket, underdogs);
    expect(sketch(done)).toEqual([
      [
        'p1 (bye)',
        'p8 v p9 → p9 1-11',
        'p4 v p13 → p13 2-11',
        'p5 v p12 → p12 3-11',
        'p2 (bye)',
        'p7 v p10 → p10 5-11',
        'p3 (bye)',
        'p6 v p11 → p11 7-11',
      ],
      ['p1 v p9 → p9 0-11', 'p13 v p12 → p13 11-1', 'p2 v p10 → p10 2-11', 'p3 v p11 → p11 3-11'],
      ['p9 v p13 → p13 0-11', 'p10 v p11 → p11 1-11'],
      ['p13 v p11 → p13 11-0'],
    ]);
    expect(played).toHaveLength(12);
    expect(champion).toEqual({ id: 'p13', seed: 13 });
    expect(places(standings(done))).toEqual([
      ['p13', 1],
      ['p11', 2],
      ['p9', 3],
      ['p10', 3],
      ['p1', 5],
      ['p2', 5],
      ['p3', 5],
      ['p12', 5],
      ['p4', 9],
      ['p5', 9],
      ['p6', 9],
      ['p7', 9],
      ['p8', 9],
    ]);
  });
});
