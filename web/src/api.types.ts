/**
 * The shapes the screens read, as @arena/client has them: REST bodies from the OpenAPI document
 * (/docs-json) and socket payloads from @arena/protocol, the definitions the server answers by.
 */
import type { components } from '@arena/client';

type Schemas = components['schemas'];

export type PublicProfile = Schemas['PublicProfileDto'];
export type Me = Schemas['MeProfileDto'];
export type Match = Schemas['MatchDto'];
export type MatchPlayer = Schemas['MatchPlayerDto'];
export type BracketMatch = Schemas['BracketMatchDto'];
export type { LiveMatch, MatchFoundPayload } from '@arena/client';
