import { eloChange, expectedScore, INITIAL_RATING } from './rating';

describe('Elo rating', () => {
  it('moves two new players to 1016 and 984', () => {
    expect(eloChange(INITIAL_RATING, INITIAL_RATING)).toEqual({
      winnerAfter: 1016,
      loserAfter: 984,
      delta: 16,
    });
  });

  it('gives an underdog more for a win than a favourite', () => {
    expect(eloChange(1000, 1400).delta).toBe(29);
    expect(eloChange(1400, 1000).delta).toBe(3);
    expect(expectedScore(1400, 1000) + expectedScore(1000, 1400)).toBeCloseTo(1, 12);
  });

  it('conserves points and stays within 0..K for any pair', () => {
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 2000;
    for (let i = 0; i < 2000; i++) {
      const a = 200 + next();
      const b = 200 + next();
      const change = eloChange(a, b);
      expect(change.winnerAfter + change.loserAfter).toBe(a + b);
      expect(change.delta).toBeGreaterThanOrEqual(0);
      expect(change.delta).toBeLessThanOrEqual(32);
      expect(Number.isInteger(change.delta)).toBe(true);
    }
  });
});
