/**
 * A message body as stored: plain text, trimmed, 1..2000 characters, newlines and tabs as its
 * only control characters and no bidirectional overrides (API.md "Conventions"). The server
 * never renders it: clients show it as text.
 */
import { isCleanText } from '../../common/validation/no-control-characters';

export const MAX_BODY = 2000;

export type BodyCheck = { ok: true; body: string } | { ok: false; reason: string };

/** The body to store, or why it is refused (nothing is stored then). */
export function checkBody(raw: unknown): BodyCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'body must be a string' };
  // Bounded before any other work: a longer text can't trim down to a valid one cheaply enough.
  if (raw.length > MAX_BODY * 4)
    return { ok: false, reason: `body must be at most ${MAX_BODY} characters` };
  if (raw.includes('\u0000')) return { ok: false, reason: 'body must not contain U+0000' };
  const body = raw.trim();
  if (body.length === 0) return { ok: false, reason: 'body must not be empty' };
  if ([...body].length > MAX_BODY) {
    return { ok: false, reason: `body must be at most ${MAX_BODY} characters` };
  }
  if (!isCleanText(body, { multiline: true })) {
    return {
      ok: false,
      reason:
        'body must not contain control characters other than newlines and tabs, or bidirectional overrides',
    };
  }
  return { ok: true, body };
}
