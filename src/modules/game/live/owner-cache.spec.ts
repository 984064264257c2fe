import { OwnerCache } from './owner-cache';

describe('OwnerCache', () => {
  it('remembers an owner for its time only', () => {
    const cache = new OwnerCache(1000, 10);
    cache.set('m1', 'game-a', 0);
    expect(cache.get('m1', 999)).toBe('game-a');
    expect(cache.get('m1', 1000)).toBeNull();
    expect(cache.size).toBe(0);
    expect(cache.get('m2', 0)).toBeNull();
  });

  it('holds at most its capacity, forgetting the least recently set', () => {
    const cache = new OwnerCache(1000, 2);
    cache.set('m1', 'a', 0);
    cache.set('m2', 'b', 0);
    cache.set('m1', 'c', 1); // set again: the newest
    cache.set('m3', 'd', 2);
    expect(cache.get('m2', 3)).toBeNull();
    expect(cache.get('m1', 3)).toBe('c');
    expect(cache.get('m3', 3)).toBe('d');
    cache.forget('m3');
    expect(cache.get('m3', 3)).toBeNull();
  });
});
