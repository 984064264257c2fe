/** What a failed chat request says to a person: the server's own reason where it gave one. */
import { ArenaAckError, ArenaApiError } from '@arena/client';

export function failureText(error: unknown): string {
  if (error instanceof ArenaAckError) return error.detail;
  if (error instanceof ArenaApiError) {
    const message = error.envelope?.message;
    if (Array.isArray(message)) return message.join('; ');
    if (message) return message;
    return error.status === 429 ? 'Too many requests: wait a moment.' : `Failed (${error.status})`;
  }
  return 'The server did not answer: try again.';
}
