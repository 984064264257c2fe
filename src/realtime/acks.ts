/** How an acknowledged event is answered, on every namespace. */
import type { AckFailure } from '@arena/protocol';
import type { ClassConstructor } from 'class-transformer';
import { DomainError, RateLimitedError } from '../common/errors';
import type { AckResult } from '../common/realtime/realtime.events';
import { parsePayload } from '../common/validation/parse-payload';

/** `{ ok: false, error }`, its codes as the protocol lists them (every domain error's code). */
export type AckError = AckFailure;

/** The ack for a failed event: domain errors keep their code, anything else is INTERNAL. */
export function ackError(error: unknown): AckError {
  if (error instanceof DomainError) {
    return { ok: false, error: { code: error.code, message: error.message } };
  }
  return { ok: false, error: { code: 'INTERNAL', message: 'Internal server error' } };
}

/**
 * Answers one acknowledged event: refused (RATE_LIMITED) when over the socket's budget, its
 * payload validated like a REST body (VALIDATION; a null type takes no payload and ignores
 * whatever was sent), then run. `{ ok: true, ...result }`, or `{ ok: false, error }` with the
 * domain error's code; anything else answers INTERNAL and is handed to `failed` (to log it).
 */
export async function acknowledge<P extends object, R extends object>(
  allowed: boolean,
  type: ClassConstructor<P> | null,
  body: unknown,
  run: (payload: P) => Promise<R>,
  failed: (error: unknown) => void,
): Promise<AckResult<R>> {
  try {
    if (!allowed) throw new RateLimitedError('Too many events, slow down');
    const payload = type ? parsePayload(type, body) : ({} as P);
    return { ok: true, ...(await run(payload)) };
  } catch (error) {
    const ack = ackError(error);
    if (ack.error.code === 'INTERNAL') failed(error);
    return ack;
  }
}
