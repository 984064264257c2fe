/**
 * Socket payloads keep to the same bounds as HTTP bodies (see json-bounds.ts), checked once per
 * incoming event before any handler, rate limiter or validator sees it. An event that breaks them
 * is answered `{ ok: false, error: { code: 'VALIDATION' } }` if it asked for an answer, and is
 * otherwise dropped (game:input is fire-and-forget).
 */
import type { Event } from 'socket.io';
import { ValidationError } from '../common/errors';
import { JSON_BOUNDS, JsonBounds, jsonBoundsProblem } from '../common/validation/json-bounds';

type Next = (error?: Error) => void;

/** The part of a Socket this needs: its per-event middleware. */
interface EventSource {
  use(middleware: (event: Event, next: Next) => void): unknown;
}

/** Per-event middleware: `[name, ...payload, ack?]` in, the event passed on only if bounded. */
export function boundedEvents(bounds: JsonBounds = JSON_BOUNDS) {
  return (event: Event, next: Next): void => {
    const parts: readonly unknown[] = event;
    const last = parts[parts.length - 1];
    const ack = parts.length > 1 && typeof last === 'function' ? last : null;
    const payloadCount = parts.length - 1 - (ack ? 1 : 0);
    // Every event of the protocol has at most one payload; more are walked as one array.
    const payload = payloadCount === 1 ? parts[1] : parts.slice(1, 1 + payloadCount);
    const problem = jsonBoundsProblem(payload, bounds);
    if (problem === null) {
      next();
      return;
    }
    const error = new ValidationError(problem);
    (ack as ((answer: unknown) => void) | null)?.({
      ok: false,
      error: { code: error.code, message: error.message },
    });
  };
}

/** Namespace middleware that puts `boundedEvents` on every socket it lets in. */
export function boundedPayloads(bounds: JsonBounds = JSON_BOUNDS) {
  const check = boundedEvents(bounds);
  return (socket: EventSource, next: Next): void => {
    socket.use(check);
    next();
  };
}
