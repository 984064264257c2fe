/**
 * Helmet's security headers, worked out once. Arena's policy is static (no CSP nonces), yet
 * @fastify/helmet rebuilds every helmet middleware and re-parses the CSP on each request. So
 * helmet runs once here against a recording response, and a hook copies the result onto each
 * reply: the same headers as helmet's, at the cost of one object copy.
 */
import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type HeaderSet = Readonly<Record<string, string>>;

export function securityHeaders(options?: Readonly<HelmetOptions>): HeaderSet {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown = null;
  helmet(options)(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (error?: unknown) => (failure = error ?? null),
  );
  if (failure) throw failure instanceof Error ? failure : new Error('helmet refused its options');
  return Object.freeze(headers);
}
