/**
 * What an API key may do: the one rule, pure, shared by the HTTP guard and socket handshakes.
 *
 * - `read` allows the GET (and HEAD) routes;
 * - `play` allows the game sockets (`/game`);
 * - nothing else: no key ever writes through REST, and routes that manage the account (keys,
 *   identities, password, 2FA, export, erasure) are `never`, whatever the scopes.
 *
 * A route states its requirement with @KeyAccess (or @AccountManagement); without one, its HTTP
 * method decides (GET/HEAD: `read`, anything else: `never`). So a new write route is closed to
 * keys unless someone opens it on purpose.
 */
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiErrors } from '../../../common/swagger/error-envelope.dto';

export const API_KEY_SCOPES = ['read', 'play'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** What a key needs for one route or namespace: a scope, or `never` (no key, whatever its scopes). */
export type KeyRequirement = ApiKeyScope | 'never';

/** What a key needs to open a socket on a game namespace. */
export const SOCKET_REQUIREMENT: KeyRequirement = 'play';

export const KEY_REQUIREMENT = 'arena:keyRequirement';

/** The requirement of a route: the one declared, else its HTTP method's. */
export function requirementOf(
  method: string,
  declared: KeyRequirement | undefined,
): KeyRequirement {
  if (declared !== undefined) return declared;
  return method === 'GET' || method === 'HEAD' ? 'read' : 'never';
}

export function keyMay(scopes: readonly ApiKeyScope[], requirement: KeyRequirement): boolean {
  return requirement !== 'never' && scopes.includes(requirement);
}

/** States what an API key needs to call this route (or every route of a controller). */
export const KeyAccess = (requirement: KeyRequirement) => SetMetadata(KEY_REQUIREMENT, requirement);

/**
 * Account management (keys, identities, password, 2FA, export, erasure): an access token only,
 * never an API key (403).
 */
export const AccountManagement = () => applyDecorators(KeyAccess('never'), ApiErrors(403));
