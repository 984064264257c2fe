/** The errors @arena/client throws: one for REST answers, one for socket acknowledgements. */
import type { AckErrorCode } from '@arena/protocol';
import type { components } from './rest-api.generated';

/** The error envelope every failed REST answer carries (API.md "Conventions"). */
export type ErrorEnvelope = components['schemas']['ErrorEnvelopeDto'];

/** A REST answer with a status of 400 or more: `status`, and the envelope Arena sent. */
export class ArenaApiError extends Error {
  override readonly name = 'ArenaApiError';
  /** What went wrong, for people: the envelope's message(s), or `HTTP <status>`. */
  readonly detail: string;

  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    /** The envelope, or null when the answer was not one (a proxy's page, say). */
    readonly envelope: ErrorEnvelope | null,
    /** Seconds to wait before trying again (429, 503), from `Retry-After`. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    const detail = envelope
      ? Array.isArray(envelope.message)
        ? envelope.message.join('; ')
        : envelope.message
      : `HTTP ${status}`;
    super(`${method} ${path}: ${status} ${detail}`);
    this.detail = detail;
  }
}

/** A socket event answered `{ ok: false, error }`: its stable `code` and message. */
export class ArenaAckError extends Error {
  override readonly name = 'ArenaAckError';

  constructor(
    readonly event: string,
    readonly code: AckErrorCode,
    readonly detail: string,
  ) {
    super(`${event}: ${code} ${detail}`);
  }
}
