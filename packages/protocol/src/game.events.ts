/** The typed event maps of `/game`. */
import type { Static } from '@sinclair/typebox';
import type { ClientAckOf, ClientEventsOf, ClientPayloadOf, ServerEventsOf } from './event-maps';
import { GAME_CLIENT_EVENTS, GAME_SERVER_EVENTS } from './game.schemas';

// Interfaces (not aliases of the mapped types): Socket.IO's typings resolve them at once.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface GameClientToServerEvents extends ClientEventsOf<typeof GAME_CLIENT_EVENTS> {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface GameServerToClientEvents extends ServerEventsOf<typeof GAME_SERVER_EVENTS> {}

export type GameClientEvent = keyof typeof GAME_CLIENT_EVENTS;
export type GameServerEvent = keyof typeof GAME_SERVER_EVENTS;
/** Events that answer through an acknowledgement (every one but `game:input`). */
export type GameAckedEvent = {
  [E in GameClientEvent]: (typeof GAME_CLIENT_EVENTS)[E]['ack'] extends null ? never : E;
}[GameClientEvent];

export type GameClientPayload<E extends GameClientEvent> = ClientPayloadOf<
  typeof GAME_CLIENT_EVENTS,
  E
>;
export type GameAck<E extends GameAckedEvent> = ClientAckOf<typeof GAME_CLIENT_EVENTS, E>;
export type GameServerPayload<E extends GameServerEvent> = Static<(typeof GAME_SERVER_EVENTS)[E]>;
