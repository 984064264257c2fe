import { JSON_BOUNDS, jsonBoundsProblem, jsonTextProblem, NUL_IN_TEXT } from './json-bounds';

const TOO_DEEP = 'JSON must not be nested deeper than 32 levels';
const TOO_MANY = 'JSON must not hold more than 1000 keys and array items in all';

/** `levels` containers nested in one another, alternating objects and arrays. */
function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { next: value };
  return value;
}

/** An object with `n` keys. */
function wide(n: number): Record<string, number> {
  const value: Record<string, number> = {};
  for (let i = 0; i < n; i++) value[`k${i}`] = i;
  return value;
}

describe('jsonBoundsProblem', () => {
  it.each([
    ['a number', 42],
    ['null', null],
    ['a string', 'hello'],
    ['an empty object', {}],
    ['an empty array', []],
    ['a login body', { login: 'alice', password: 'correct horse battery' }],
    ['32 levels', nested(32)],
    ['1,000 keys', wide(1000)],
    ['1,000 array items', Array.from({ length: 1000 }, (_, i) => i)],
    ['999 items in an object of one key', { list: Array.from({ length: 999 }, () => 0) }],
    ['text with newlines and other controls', { bio: 'line\nline\ttab\u0001' }],
  ])('accepts %s', (_name, value) => {
    expect(jsonBoundsProblem(value)).toBeNull();
  });

  it('refuses 33 levels, and 5,000, and 500,000 without using the call stack', () => {
    expect(jsonBoundsProblem(nested(33))).toBe(TOO_DEEP);
    expect(jsonBoundsProblem(nested(5000))).toBe(TOO_DEEP);
    expect(jsonBoundsProblem(JSON.parse('['.repeat(500_000) + ']'.repeat(500_000)))).toBe(TOO_DEEP);
  });

  it('counts keys and array items over the whole value', () => {
    expect(jsonBoundsProblem(wide(1001))).toBe(TOO_MANY);
    expect(jsonBoundsProblem(Array.from({ length: 1001 }, () => null))).toBe(TOO_MANY);
    // 1 key + 1,000 items.
    expect(jsonBoundsProblem({ list: Array.from({ length: 1000 }, () => 0) })).toBe(TOO_MANY);
    // 10 objects of 100 keys, in an array of 10: 1,010.
    expect(jsonBoundsProblem(Array.from({ length: 10 }, () => wide(100)))).toBe(TOO_MANY);
  });

  it('stops at the first breach: of 80,000 values it reads no more than the bounds allow', () => {
    let reads = 0;
    const hostile: Record<string, unknown> = {};
    for (let i = 0; i < 80_000; i++) {
      Object.defineProperty(hostile, `k${i}`, {
        enumerable: true,
        get: () => {
          reads += 1;
          return i;
        },
      });
    }
    expect(jsonBoundsProblem(hostile)).toBe(TOO_MANY);
    expect(reads).toBe(1000);
  });

  it('refuses U+0000 in any string, key or nested value', () => {
    expect(jsonBoundsProblem('a\u0000b')).toBe(NUL_IN_TEXT);
    expect(jsonBoundsProblem({ login: 'a\u0000' })).toBe(NUL_IN_TEXT);
    expect(jsonBoundsProblem({ 'key\u0000': 1 })).toBe(NUL_IN_TEXT);
    expect(jsonBoundsProblem({ aliases: ['ok', ['deeper', '\u0000']] })).toBe(NUL_IN_TEXT);
  });

  it('counts own keys only, on objects with or without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { a: '1', b: ['2', '3'] });
    expect(jsonBoundsProblem(bare, { maxDepth: 2, maxEntries: 4 })).toBeNull();
    expect(jsonBoundsProblem(bare, { maxDepth: 2, maxEntries: 3 })).toMatch(/more than 3/);
    expect(jsonBoundsProblem(bare, { maxDepth: 1, maxEntries: 4 })).toMatch(/deeper than 1/);
  });

  it('with no bounds still looks for U+0000, at any depth', () => {
    expect(jsonBoundsProblem(nested(5000), null)).toBeNull();
    expect(jsonBoundsProblem(wide(5000), null)).toBeNull();
    let deep: unknown = ['\u0000'];
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(jsonBoundsProblem(deep, null)).toBe(NUL_IN_TEXT);
  });

  it('keeps API.md’s numbers', () => {
    expect(JSON_BOUNDS).toEqual({ maxDepth: 32, maxEntries: 1000 });
  });
});

describe('jsonTextProblem', () => {
  /** A small seeded generator of JSON values with awkward strings (quotes, colons, brackets). */
  function values(seed: number) {
    let state = seed;
    const next = () => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state / 0x7fffffff;
    };
    const texts = ['', 'a', 'x:y', '[1,2]', '{"k":1}', 'q"uote', 'back\\slash', ',,', ' '];
    const make = (depth: number): unknown => {
      const pick = next();
      if (depth > 6 || pick < 0.3) {
        const leaf = next();
        if (leaf < 0.3) return texts[Math.floor(next() * texts.length)];
        if (leaf < 0.6) return Math.floor(next() * 1000) - 500;
        return leaf < 0.8 ? null : next() < 0.5;
      }
      const size = Math.floor(next() * 6);
      if (pick < 0.65) return Array.from({ length: size }, () => make(depth + 1));
      return Object.fromEntries(
        Array.from({ length: size }, (_, i) => [`${texts[i % texts.length]}${i}`, make(depth + 1)]),
      );
    };
    return make;
  }

  it('refuses exactly what the walk of the parsed value refuses, for every bound', () => {
    let refused = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const value = values(seed)(0);
      for (const bounds of [
        JSON_BOUNDS,
        { maxDepth: 3, maxEntries: 10 },
        { maxDepth: 2, maxEntries: 4 },
      ]) {
        const expected = jsonBoundsProblem(value, bounds);
        if (expected !== null) refused++;
        for (const text of [JSON.stringify(value), JSON.stringify(value, null, 2)]) {
          // Both refuse or both accept; with two rules broken, each may name another first.
          expect([seed, jsonTextProblem(text, bounds) === null]).toEqual([seed, expected === null]);
        }
      }
    }
    expect(refused).toBeGreaterThan(100);
  });

  it('refuses 80,000 keys and 5,000 levels from the text, without parsing it', () => {
    const wide = `{${Array.from({ length: 80_000 }, (_, i) => `"k${i}":1`).join(',')}}`;
    expect(jsonTextProblem(wide, JSON_BOUNDS)).toMatch(/1000 keys and array items/);
    expect(jsonTextProblem('['.repeat(5_000) + ']'.repeat(5_000), JSON_BOUNDS)).toMatch(
      /nested deeper than 32/,
    );
  });

  it('does not count what is inside strings', () => {
    const text = JSON.stringify({ a: '{[:,]}'.repeat(2_000), b: ['\\', '"', ':'] });
    expect(jsonTextProblem(text, JSON_BOUNDS)).toBeNull();
  });
});
