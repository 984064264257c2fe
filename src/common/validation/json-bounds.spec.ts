import { JSON_BOUNDS, jsonBoundsProblem, NUL_IN_TEXT } from './json-bounds';

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
