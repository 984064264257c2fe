/** The typed event maps of `/game` and `/chat`. */
import type {
  AckedEventsOf,
  ClientAckOf,
  ClientEventsOf,
  ClientPayloadOf,
  ServerEventsOf,
  ServerPayloadOf,
} from './event-maps';
import { CHAT_CLIENT_EVENTS, CHAT_SERVER_EVENTS } from './chat.schemas';
import { GAME_CLIENT_EVENTS, GAME_SERVER_EVENTS } from './game.schemas';

// ---- /game ----

// Interfaces (not aliases of the mapped types): Socket.IO's typings resolve them at once.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface GameClientToServerEvents extends ClientEventsOf<typeof GAME_CLIENT_EVENTS> {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface GameServerToClientEvents extends ServerEventsOf<typeof GAME_SERVER_EVENTS> {}

export type GameClientEvent = keyof typeof GAME_CLIENT_EVENTS;
export type GameServerEvent = keyof typeof GAME_SERVER_EVENTS;
/** Events that answer through an acknowledgement (every one but `game:input`). */
export type GameAckedEvent = AckedEventsOf<typeof GAME_CLIENT_EVENTS>;

export type GameClientPayload<E extends GameClientEvent> = ClientPayloadOf<
  typeof GAME_CLIENT_EVENTS,
  E
>;
export type GameAck<E extends GameAckedEvent> = ClientAckOf<typeof GAME_CLIENT_EVENTS, E>;
export type GameServerPayload<E extends GameServerEvent> = ServerPayloadOf<
  typeof GAME_SERVER_EVENTS,
  E
>;

// ---- /chat ----

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ChatClientToServerEvents extends ClientEventsOf<typeof CHAT_CLIENT_EVENTS> {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ChatServerToClientEvents extends ServerEventsOf<typeof CHAT_SERVER_EVENTS> {}

export type ChatClientEvent = keyof typeof CHAT_CLIENT_EVENTS;
export type ChatServerEvent = keyof typeof CHAT_SERVER_EVENTS;
/** Events that answer through an acknowledgement (every one but `chat:typing`). */
export type ChatAckedEvent = AckedEventsOf<typeof CHAT_CLIENT_EVENTS>;

export type ChatClientPayload<E extends ChatClientEvent> = ClientPayloadOf<
  typeof CHAT_CLIENT_EVENTS,
  E
>;
export type ChatAck<E extends ChatAckedEvent> = ClientAckOf<typeof CHAT_CLIENT_EVENTS, E>;
export type ChatServerPayload<E extends ChatServerEvent> = ServerPayloadOf<
  typeof CHAT_SERVER_EVENTS,
  E
>;
