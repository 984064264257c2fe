/**
 * What a decoded JSON value may hold before anything else looks at it (API.md: nested at most 32
 * levels, at most 1,000 keys and array items in all, and no U+0000 in any text, which PostgreSQL
 * cannot store). REST bodies and socket payloads both pass through `jsonBoundsProblem` right after
 * they are parsed, so class-transformer, class-validator and the services only ever see small,
 * shallow values: 80,000 keys once cost three seconds of a frozen event loop in plainToInstance,
 * and 5,000 levels blew its stack.
 *
 * The walk is iterative (its own stack, never the call stack) and stops at the first breach, so
 * refusing a hostile value costs no more than the bounds allow an honest one.
 */
export interface JsonBounds {
  /** Objects and arrays nested in one another: `{}` is 1 level, `{"a":[]}` 2. */
  maxDepth: number;
  /** Object keys plus array items, counted over the whole value. */
  maxEntries: number;
}

/** API.md's bounds for every JSON body and socket payload. */
export const JSON_BOUNDS: Readonly<JsonBounds> = { maxDepth: 32, maxEntries: 1000 };

export const NUL_IN_TEXT = 'Text must not contain U+0000 (the NUL character)';

function hasNul(text: string): boolean {
  return text.indexOf('\0') !== -1;
}

/**
 * The first rule the value breaks, as a sentence for the client, or null when it keeps them all.
 * With `bounds` null only U+0000 is looked for (a route bounded by its byte size and its own
 * schema instead); the walk is still iterative, so depth costs nothing but memory.
 */
export function jsonBoundsProblem(
  value: unknown,
  bounds: Readonly<JsonBounds> | null = JSON_BOUNDS,
): string | null {
  const maxDepth = bounds?.maxDepth ?? Infinity;
  const maxEntries = bounds?.maxEntries ?? Infinity;
  const tooDeep = `JSON must not be nested deeper than ${maxDepth} levels`;
  const tooMany = `JSON must not hold more than ${maxEntries} keys and array items in all`;

  if (typeof value === 'string') return hasNul(value) ? NUL_IN_TEXT : null;
  if (value === null || typeof value !== 'object') return null;
  if (maxDepth < 1) return tooDeep;

  // Containers still to open, each with its own level (the top value is level 1).
  const containers: object[] = [value];
  const levels: number[] = [1];
  let entries = 0;
  while (containers.length > 0) {
    const container = containers.pop() as Record<string, unknown>;
    const level = levels.pop() as number;
    const visit = (child: unknown): string | null => {
      if (typeof child === 'string') return hasNul(child) ? NUL_IN_TEXT : null;
      if (child === null || typeof child !== 'object') return null;
      if (level + 1 > maxDepth) return tooDeep;
      containers.push(child);
      levels.push(level + 1);
      return null;
    };
    if (Array.isArray(container)) {
      entries += container.length;
      if (entries > maxEntries) return tooMany;
      for (const child of container as unknown[]) {
        const problem = visit(child);
        if (problem !== null) return problem;
      }
      continue;
    }
    for (const key in container) {
      if (!Object.prototype.hasOwnProperty.call(container, key)) continue;
      entries += 1;
      if (entries > maxEntries) return tooMany;
      if (hasNul(key)) return NUL_IN_TEXT;
      const problem = visit(container[key]);
      if (problem !== null) return problem;
    }
  }
  return null;
}
