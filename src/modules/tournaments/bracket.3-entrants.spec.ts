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

describe('bracket: 3 entrants', () => {
  const bracket = createBracket(entrants(3));

  it('gives seed 1 the bye into the final and makes seeds 2 and 3 play for the other place', () => {
    expect(bracket).toEqual({
      size: 4,
      rounds: [
        [
          {
            round: 1,
            position: 0,
            left: { id: 'p1', seed: 1 },
            right: null,
            bye: true,
            matchId: null,
            winnerSide: 'left',
            score: null,
          },
          {
            round: 1,
            position: 1,
            left: { id: 'p2', seed: 2 },
            right: { id: 'p3', seed: 3 },
            bye: false,
            matchId: null,
            winnerSide: null,
            score: null,
          },
        ],
        [
          {
            round: 2,
            position: 0,
            left: { id: 'p1', seed: 1 },
            right: null,
            bye: false,
            matchId: null,
            winnerSide: null,
            score: null,
          },
        ],
      ],
    });
    expect(readySlots(bracket).map(located)).toEqual(['R1#1 p2 v p3']);
  });

  it('makes the final ready as soon as the only round-1 match ends, the winner on the right', () => {
    const { ready, champion } = recordResult(bracket, 1, 1, 'right', { left: 4, right: 11 });
    expect(ready).toEqual([
      {
        round: 2,
        position: 0,
        left: { id: 'p1', seed: 1 },
        right: { id: 'p3', seed: 3 },
        bye: false,
        matchId: null,
        winnerSide: null,
        score: null,
      },
    ]);
    expect(champion).toBeNull();
  });

  it('plays out with the favourites winning', () => {
    const { bracket: done, played, champion } = playOut(bracket, favourites);
    expect(sketch(done)).toEqual([['p1 (bye)', 'p2 v p3 → p2 11-1'], ['p1 v p2 → p1 11-0']]);
    expect(played.map(located)).toEqual(['R1#1 p2 v p3 → p2 11-1', 'R2#0 p1 v p2 → p1 11-0']);
    expect(champion).toEqual({ id: 'p1', seed: 1 });
    expect(places(standings(done))).toEqual([
      ['p1', 1],
      ['p2', 2],
      ['p3', 3],
    ]);
  });

  it('plays out with seed 3 beating seed 2 and then the seed who had the bye', () => {
    const { bracket: done, champion } = playOut(bracket, upsetsBy('p3'));
    expect(sketch(done)).toEqual([['p1 (bye)', 'p2 v p3 → p3 1-11'], ['p1 v p3 → p3 0-11']]);
    expect(champion).toEqual({ id: 'p3', seed: 3 });
    expect(places(standings(done))).toEqual([
      ['p3', 1],
      ['p1', 2],
      ['p2', 3],
    ]);
  });
});
