/**
 * The error answers every route shares, added to each operation of the generated document (with
 * the envelope schema) where its own decorators did not list them, so the document names every
 * status a route can answer:
 * - 400 everywhere: input is bounded before any route runs (U+0000 in a path or query, a path id
 *   that is not a UUID, a JSON body too deep or too wide);
 * - 413 and 415 on every method that may carry a body (bodies are capped at 1 MiB before
 *   parsing; JSON only, multipart where a route takes a file);
 * - 401, 403 and 429 on every authenticated route (a missing or revoked token; an API key
 *   without the scope the route needs; an API key past its 600 requests a minute);
 * - 500 everywhere: an unexpected failure, logged, answered without internals.
 */
type Operation = { responses?: Record<string, unknown>; security?: unknown[] };
type Document = { paths: object };

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head']);
const WITH_BODY = new Set(['put', 'post', 'delete', 'patch']);

export const SHARED_ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Invalid input (validation errors list every failed rule)',
  401: 'Missing, malformed, expired or revoked credentials',
  403: 'Authenticated but not allowed (an API key without the scope this route needs)',
  413: 'Payload too large',
  415: 'Unsupported media type: bodies are JSON (multipart for an upload)',
  429: 'Rate limited; see the Retry-After header',
  500: 'Unexpected failure (logged; nothing internal is shown)',
};

export function sharedErrorStatuses(method: string, operation: Operation): number[] {
  const statuses = [400, 500];
  if (WITH_BODY.has(method)) statuses.push(413, 415);
  if ((operation.security ?? []).length > 0) statuses.push(401, 403, 429);
  return statuses;
}

/** Adds the shared error answers (see above) to every operation of `document`, in place. */
export function addSharedErrorAnswers<T extends Document>(document: T, envelopeRef: string): T {
  for (const item of Object.values(document.paths) as Record<string, unknown>[]) {
    for (const [method, value] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const operation = value as Operation;
      const responses = (operation.responses ??= {});
      for (const status of sharedErrorStatuses(method, operation)) {
        responses[String(status)] ??= {
          description: SHARED_ERROR_DESCRIPTIONS[status],
          content: { 'application/json': { schema: { $ref: envelopeRef } } },
          ...(status === 429
            ? {
                headers: {
                  'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
                },
              }
            : {}),
        };
      }
    }
  }
  return document;
}
