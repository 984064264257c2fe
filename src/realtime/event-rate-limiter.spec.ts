import { EventRateLimiter } from './event-rate-limiter';

describe('EventRateLimiter', () => {
  it('allows 20 events in any one-second window and refuses the 21st', () => {
    const limiter = new EventRateLimiter(true);
    const t0 = 1_000_000;
    const allowed = Array.from({ length: 25 }, (_, i) => limiter.allowEvent(t0 + i));
    expect(allowed.filter(Boolean)).toHaveLength(20);
    expect(allowed.slice(20)).toEqual([false, false, false, false, false]);
    // The window slides: a second after the first event, one more fits.
    expect(limiter.allowEvent(t0 + 999)).toBe(false);
    expect(limiter.allowEvent(t0 + 1000)).toBe(true);
    expect(limiter.allowEvent(t0 + 1000)).toBe(false);
  });

  it('budgets inputs separately at 120 per second', () => {
    const limiter = new EventRateLimiter(true);
    const t0 = 5_000;
    let inputs = 0;
    for (let i = 0; i < 300; i++) if (limiter.allowInput(t0 + i * 2)) inputs += 1; // 300 in 600 ms
    expect(inputs).toBe(120);
    expect(limiter.allowEvent(t0)).toBe(true);
  });

  it('steady traffic under the limit is never refused', () => {
    const limiter = new EventRateLimiter(true);
    for (let i = 0; i < 600; i++) expect(limiter.allowInput(i * (1000 / 60))).toBe(true);
  });

  it('lets everything through when rate limits are off', () => {
    const limiter = new EventRateLimiter(false);
    for (let i = 0; i < 1000; i++) {
      expect(limiter.allowEvent(0)).toBe(true);
      expect(limiter.allowInput(0)).toBe(true);
    }
  });
});
