/**
 * Node HTTP server timeouts, given to Fastify: slow senders can't hold connections open.
 * Headers must all arrive within HTTP_HEADERS_TIMEOUT_MS (then 408 and the connection closes);
 * a whole request within REQUEST_TIMEOUT_MS, Node's own default, which Fastify would otherwise
 * turn off. Node enforces both from a periodic sweep (every 30 s by default, which would let a
 * 10 s wait run to 40 s), so the sweep runs at a fraction of the headers' wait.
 */
import type { ServerOptions } from 'node:http';

export const REQUEST_TIMEOUT_MS = 300_000;

export function serverTimeouts(headersTimeoutMs: number): {
  requestTimeout: number;
  http: ServerOptions;
} {
  return {
    requestTimeout: REQUEST_TIMEOUT_MS,
    http: {
      headersTimeout: headersTimeoutMs,
      connectionsCheckingInterval: Math.max(25, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
    },
  };
}
