/**
 * Socket.IO event maps derived from the schema catalogues, so the server's emits and handlers and
 * the client's listeners and emits are all checked against the same definitions.
 */
import type { Static, TSchema } from '@sinclair/typebox';

/** One client → server event: its payload (null: none) and its ack (null: fire-and-forget). */
export interface ClientEventSpec {
  readonly payload: TSchema | null;
  readonly ack: TSchema | null;
}
export type ClientCatalogue = Readonly<Record<string, ClientEventSpec>>;
export type ServerCatalogue = Readonly<Record<string, TSchema>>;

/** The static type of a schema of the catalogue (null: nothing). */
type StaticOf<S> = S extends TSchema ? Static<S> : never;

/** The listener of one client event, as Socket.IO types it. */
type ClientListener<S extends ClientEventSpec> = S['ack'] extends null
  ? S['payload'] extends null
    ? () => void
    : (payload: StaticOf<S['payload']>) => void
  : S['payload'] extends null
    ? (ack: (result: StaticOf<S['ack']>) => void) => void
    : (payload: StaticOf<S['payload']>, ack: (result: StaticOf<S['ack']>) => void) => void;

/** Listeners as Socket.IO types them: `(payload, ack) => void`, `(ack) => void` or `(payload) => void`. */
export type ClientEventsOf<C extends ClientCatalogue> = {
  [E in keyof C]: ClientListener<C[E]>;
};

export type ServerEventsOf<C extends ServerCatalogue> = {
  [E in keyof C]: (payload: Static<C[E]>) => void;
};

/** The payload a client sends with event E (undefined when it sends none). */
export type ClientPayloadOf<
  C extends ClientCatalogue,
  E extends keyof C,
> = C[E]['payload'] extends null ? undefined : StaticOf<C[E]['payload']>;

/** The ack event E answers with. */
export type ClientAckOf<C extends ClientCatalogue, E extends keyof C> = C[E]['ack'] extends null
  ? never
  : StaticOf<C[E]['ack']>;

/** The events of catalogue C that answer through an acknowledgement. */
export type AckedEventsOf<C extends ClientCatalogue> = {
  [E in keyof C & string]: C[E]['ack'] extends null ? never : E;
}[keyof C & string];

/** The payload the server sends with event E. */
export type ServerPayloadOf<C extends ServerCatalogue, E extends keyof C> = Static<C[E]>;
