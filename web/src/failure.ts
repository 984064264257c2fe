/** What a failed request or event says to a person: the server's own reason where it gave one. */
import { ArenaAckError, ArenaApiError } from '@arena/client';

export function failureText(error: unknown): string {
  if (error instanceof ArenaAckError) return error.detail;
  if (error instanceof ArenaApiError) {
    if (error.envelope) return error.detail;
    return error.status === 429 ? 'Too many requests: wait a moment.' : `Failed (${error.status})`;
  }
  return 'Arena did not answer: try again.';
}

/** The status of a failed REST answer, or null for any other failure. */
export function failureStatus(error: unknown): number | null {
  return error instanceof ArenaApiError ? error.status : null;
}
