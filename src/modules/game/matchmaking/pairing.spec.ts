import { pairPlayers, QueueEntry, ratingWindow } from './pairing';

const entry = (userId: string, rating: number, joinedAt: number): QueueEntry => ({
  userId,
  rating,
  joinedAt,
});
const ids = (pairs: [QueueEntry, QueueEntry][]) => pairs.map(([a, b]) => [a.userId, b.userId]);

describe('pairing', () => {
  it('pairs casual players first come, first served', () => {
    const result = pairPlayers(
      [entry('c', 900, 3), entry('a', 2000, 1), entry('b', 1000, 2)],
      'casual',
      10,
    );
    expect(ids(result.pairs)).toEqual([['a', 'b']]);
    expect(result.remaining.map((e) => e.userId)).toEqual(['c']);
  });

  it('pairs close ranked ratings at once, with the closest opponent', () => {
    const result = pairPlayers(
      [entry('a', 1000, 0), entry('b', 1090, 1), entry('c', 1020, 2)],
      'ranked',
      2,
    );
    expect(ids(result.pairs)).toEqual([['a', 'c']]);
  });

  it('keeps far ratings apart until the windows have widened enough', () => {
    const players = [entry('a', 1000, 0), entry('b', 1300, 0)];
    expect(pairPlayers(players, 'ranked', 19_000).pairs).toEqual([]);
    expect(ids(pairPlayers(players, 'ranked', 20_000).pairs)).toEqual([['a', 'b']]);
    expect(ratingWindow(players[0], 1_000_000)).toBe(800);
  });

  it('serves the longest-waiting player first', () => {
    const result = pairPlayers(
      [entry('new', 1000, 50), entry('old', 1000, 10), entry('mid', 1000, 30)],
      'ranked',
      60,
    );
    expect(ids(result.pairs)).toEqual([['old', 'mid']]);
    expect(result.remaining.map((e) => e.userId)).toEqual(['new']);
  });

  it('is deterministic for the same input', () => {
    const players = Array.from({ length: 20 }, (_, i) =>
      entry(`u${i}`, 800 + ((i * 137) % 600), i * 100),
    );
    expect(pairPlayers(players, 'ranked', 5_000)).toEqual(
      pairPlayers([...players].reverse(), 'ranked', 5_000),
    );
  });
});
