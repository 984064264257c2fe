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

function messages(maxDepth: number, maxEntries: number) {
  return {
    tooDeep: `JSON must not be nested deeper than ${maxDepth} levels`,
    tooMany: `JSON must not hold more than ${maxEntries} keys and array items in all`,
  };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * The same depth and entry bounds, read from the JSON text before it is parsed: JSON.parse of a
 * body with 80,000 keys alone holds the event loop for tens of milliseconds. One pass over the
 * characters, outside strings: each key has one colon, each array item but the first a comma,
 * and a non-empty array a first item; it stops at the first breach. For valid JSON the counts
 * are exactly those of `jsonBoundsProblem`; invalid JSON is left for the parser to refuse.
 */
export function jsonTextProblem(text: string, bounds: Readonly<JsonBounds>): string | null {
  const { tooDeep, tooMany } = messages(bounds.maxDepth, bounds.maxEntries);
  // Per open container: an array (true) or an object (false), and whether an array has an item.
  const isArray: boolean[] = [];
  const arrayHasItem: boolean[] = [];
  let entries = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    const depth = isArray.length;
    // The first item of an array is anything but whitespace or its closing bracket.
    if (depth > 0 && isArray[depth - 1] && !arrayHasItem[depth - 1]) {
      if (!WHITESPACE.has(c) && c !== CLOSE_ARRAY) {
        arrayHasItem[depth - 1] = true;
        if (++entries > bounds.maxEntries) return tooMany;
      }
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (depth + 1 > bounds.maxDepth) return tooDeep;
      isArray.push(c === OPEN_ARRAY);
      arrayHasItem.push(false);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      isArray.pop();
      arrayHasItem.pop();
    } else if (c === COLON || (c === COMMA && depth > 0 && isArray[depth - 1])) {
      if (++entries > bounds.maxEntries) return tooMany;
    }
  }
  return null;
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
  const { tooDeep, tooMany } = messages(maxDepth, maxEntries);

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
