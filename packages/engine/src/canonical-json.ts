/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, as RFC 8785 does) and no whitespace,
 * so the same value always gives the same text, and so the same hash. The ledger hashes its
 * payloads this way and replays their contents. Only plain JSON data is accepted: no functions,
 * non-finite numbers or class instances (times go in as ISO strings); undefined fields are left
 * out.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('Canonical JSON holds finite numbers only');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new TypeError(`Canonical JSON holds JSON values only (got ${typeof value})`);
}

/** An object literal or JSON.parse's output, from any realm (a vm context, a worker's clone). */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
