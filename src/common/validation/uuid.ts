/**
 * Ids are UUIDs (API.md), and Arena makes them all with randomUUID. What counts as one is the
 * shape alone, 8-4-4-4-12 hexadecimal digits in either case: the same rule as Nest's
 * ParseUUIDPipe (path ids) and class-validator's `IsUUID('loose')` (bodies and socket payloads),
 * so an id is accepted or refused alike wherever it arrives.
 */
export const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_SHAPE.test(value);
}
