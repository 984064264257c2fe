/** The typed event maps of `/chat`. */
import type { Static } from '@sinclair/typebox';
import type { ClientAckOf, ClientEventsOf, ClientPayloadOf, ServerEventsOf } from './event-maps';
import { CHAT_CLIENT_EVENTS, CHAT_SERVER_EVENTS } from './chat.schemas';

// Interfaces (not aliases of the mapped types): Socket.IO's typings resolve them at once.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ChatClientToServerEvents extends ClientEventsOf<typeof CHAT_CLIENT_EVENTS> {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ChatServerToClientEvents extends ServerEventsOf<typeof CHAT_SERVER_EVENTS> {}

export type ChatClientEvent = keyof typeof CHAT_CLIENT_EVENTS;
export type ChatServerEvent = keyof typeof CHAT_SERVER_EVENTS;
/** Events that answer through an acknowledgement (every one but `chat:typing`). */
export type ChatAckedEvent = {
  [E in ChatClientEvent]: (typeof CHAT_CLIENT_EVENTS)[E]['ack'] extends null ? never : E;
}[ChatClientEvent];

export type ChatClientPayload<E extends ChatClientEvent> = ClientPayloadOf<
  typeof CHAT_CLIENT_EVENTS,
  E
>;
export type ChatAck<E extends ChatAckedEvent> = ClientAckOf<typeof CHAT_CLIENT_EVENTS, E>;
export type ChatServerPayload<E extends ChatServerEvent> = Static<(typeof CHAT_SERVER_EVENTS)[E]>;
