/** Schemas both namespaces share: profiles, sides, scores, and the acknowledgement envelope. */
import { Type } from '@sinclair/typebox';
import type { Static, TObject, TProperties } from '@sinclair/typebox';
import { Closed, Id, IsoTime, Nullable } from './schema-kit';

export const SideSchema = Type.Union([Type.Literal('left'), Type.Literal('right')]);
export type Side = Static<typeof SideSchema>;

export const PresenceStatusSchema = Type.Union([
  Type.Literal('online'),
  Type.Literal('in_game'),
  Type.Literal('offline'),
]);
export type PresenceStatus = Static<typeof PresenceStatusSchema>;

export const PublicProfileSchema = Closed(
  {
    id: Id(),
    username: Type.String(),
    displayName: Type.String(),
    avatarUrl: Nullable(Type.String()),
    bio: Type.String(),
    status: PresenceStatusSchema,
    rating: Type.Integer(),
    createdAt: IsoTime(),
  },
  { $id: 'PublicProfile', description: 'What anyone may see of an account (as in REST)' },
);
export type PublicProfile = Static<typeof PublicProfileSchema>;

export const ScoreSchema = Closed(
  { left: Type.Integer({ minimum: 0 }), right: Type.Integer({ minimum: 0 }) },
  { $id: 'Score' },
);
export type Score = Static<typeof ScoreSchema>;

/** Every code an acknowledgement can carry (API.md: "Codes"; INTERNAL for the unexpected). */
export const ACK_ERROR_CODES = [
  'VALIDATION',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'BLOCKED',
  'ALREADY_IN_QUEUE',
  'ALREADY_IN_MATCH',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export const AckErrorCodeSchema = Type.Union(ACK_ERROR_CODES.map((code) => Type.Literal(code)));
export type AckErrorCode = (typeof ACK_ERROR_CODES)[number];

export const AckFailureSchema = Closed(
  {
    ok: Type.Literal(false),
    error: Closed({ code: AckErrorCodeSchema, message: Type.String() }),
  },
  { $id: 'AckFailure', description: 'The event changed nothing; `error.code` says why' },
);
export type AckFailure = Static<typeof AckFailureSchema>;

/** `{ ok: true, ...fields }` or `{ ok: false, error }`: the answer of every acknowledged event. */
export const Ack = <P extends TProperties>(fields: P) =>
  Type.Union([Closed({ ok: Type.Literal(true), ...fields }), AckFailureSchema]);

/** What a successful ack adds to `ok: true`. */
export type AckSuccess<A> = Extract<A, { ok: true }>;

/** An opponent as a player sees it: an account, an alias (local or AI side), or nobody. */
export const OpponentSchema = Type.Union([
  PublicProfileSchema,
  Closed({ alias: Type.String() }),
  Type.Null(),
]);
export type Opponent = Static<typeof OpponentSchema>;

/** The schema of a named object, for code that takes any closed object. */
export type AnyObjectSchema = TObject;
