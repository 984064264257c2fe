import { createBracket, readySlots, recordResult, standings } from './bracket';
import {
  entrants,
  favourites,
  located,
  places,
  playOut,
  sketch,
  underdogs,
} from './bracket.fixtures';

describe('bracket: 2 entrants', () => {
  // Given in reverse to show that placement follows the seeds, not the order of the list.
  const bracket = createBracket(entrants(2).reverse());

  it('is a lone final between the two seeds', () => {
    expect(bracket).toEqual({
      size: 2,
      rounds: [
        [
          {
            round: 1,
            position: 0,
            left: { id: 'p1', seed: 1 },
            right: { id: 'p2', seed: 2 },
            bye: false,
            matchId: null,
            winnerSide: null,
            score: null,
          },
        ],
      ],
    });
    expect(readySlots(bracket).map(located)).toEqual(['R1#0 p1 v p2']);
  });

  it('crowns the winner of the final with its result', () => {
    const result = recordResult(bracket, 1, 0, 'right', { left: 9, right: 11 });
    expect(result).toEqual({
      bracket: {
        size: 2,
        rounds: [
          [
            {
              round: 1,
              position: 0,
              left: { id: 'p1', seed: 1 },
              right: { id: 'p2', seed: 2 },
              bye: false,
              matchId: null,
              winnerSide: 'right',
              score: { left: 9, right: 11 },
            },
          ],
        ],
      },
      ready: [],
      champion: { id: 'p2', seed: 2 },
    });
  });

  it('ranks the favourite first when it wins', () => {
    const { bracket: done, played, champion } = playOut(bracket, favourites);
    expect(sketch(done)).toEqual([['p1 v p2 → p1 11-0']]);
    expect(played.map(located)).toEqual(['R1#0 p1 v p2 → p1 11-0']);
    expect(champion).toEqual({ id: 'p1', seed: 1 });
    expect(places(standings(done))).toEqual([
      ['p1', 1],
      ['p2', 2],
    ]);
  });

  it('ranks the underdog first when it wins', () => {
    const { bracket: done, champion } = playOut(bracket, underdogs);
    expect(sketch(done)).toEqual([['p1 v p2 → p2 0-11']]);
    expect(champion).toEqual({ id: 'p2', seed: 2 });
    expect(standings(done)).toEqual([
      { entrant: { id: 'p2', seed: 2 }, place: 1 },
      { entrant: { id: 'p1', seed: 1 }, place: 2 },
    ]);
  });
});
