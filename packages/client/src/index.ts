/**
 * @arena/client: a typed client of Arena for Node and the browser.
 * - REST: `ArenaRestClient` (types generated from /docs-json, access token, refresh rotation on
 *   401, failures as `ArenaApiError`).
 * - Sockets: `connectGame` / `connectChat` (typed by @arena/protocol's event maps), `connected`,
 *   and `emitWithAck` (resolves `{ ok: true, ... }`, rejects `ArenaAckError`).
 */
export * from './errors';
export * from './sockets';
export * from './rest-client';
export type { components, operations, paths } from './rest-api.generated';
export type * from '@arena/protocol';
