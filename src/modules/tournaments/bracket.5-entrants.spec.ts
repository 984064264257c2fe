import { createBracket, readySlots, recordResult, slotAt, standings } from './bracket';
import { entrants, located, places, playOut, sketch, upsetsBy } from './bracket.fixtures';

describe('bracket: 5 entrants', () => {
  const bracket = createBracket(entrants(5));

  it('fills a bracket of 8 with byes for seeds 1 to 3, only seeds 4 and 5 playing in round 1', () => {
    expect(bracket.size).toBe(8);
    expect(sketch(bracket)).toEqual([
      ['p1 (bye)', 'p4 v p5', 'p2 (bye)', 'p3 (bye)'],
      ['p1 v ?', 'p2 v p3'],
      ['? v ?'],
    ]);
    expect(slotAt(bracket, 1, 2)).toEqual({
      round: 1,
      position: 2,
      left: { id: 'p2', seed: 2 },
      right: null,
      bye: true,
      matchId: null,
      winnerSide: 'left',
      score: null,
    });
  });

  it('has two byes meet at once: seeds 2 and 3 are ready in round 2 before any match', () => {
    expect(readySlots(bracket).map(located)).toEqual(['R1#1 p4 v p5', 'R2#1 p2 v p3']);
  });

  it('sends the winner of 4 v 5 to the right of seed 1, which makes that semi-final ready', () => {
    const { bracket: after, ready } = recordResult(bracket, 1, 1, 'right', { left: 8, right: 11 });
    expect(ready.map(located)).toEqual(['R2#0 p1 v p5']);
    expect(readySlots(after).map(located)).toEqual(['R2#0 p1 v p5', 'R2#1 p2 v p3']);
  });

  it('plays out with seed 5 winning every match', () => {
    const { bracket: done, played, champion } = playOut(bracket, upsetsBy('p5'));
    expect(sketch(done)).toEqual([
      ['p1 (bye)', 'p4 v p5 → p5 1-11', 'p2 (bye)', 'p3 (bye)'],
      ['p1 v p5 → p5 0-11', 'p2 v p3 → p2 11-1'],
      ['p5 v p2 → p5 11-0'],
    ]);
    expect(played.map(located)).toEqual([
      'R1#1 p4 v p5 → p5 1-11',
      'R2#1 p2 v p3 → p2 11-1',
      'R2#0 p1 v p5 → p5 0-11',
      'R3#0 p5 v p2 → p5 11-0',
    ]);
    expect(champion).toEqual({ id: 'p5', seed: 5 });
    expect(places(standings(done))).toEqual([
      ['p5', 1],
      ['p2', 2],
      ['p1', 3],
      ['p3', 3],
      ['p4', 5],
    ]);
  });
});
