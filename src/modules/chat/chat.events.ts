/**
 * The Socket.IO contract of the `/chat` namespace, typed both ways. The types come from
 * @arena/protocol (API.md "Chat and notifications"), the same schemas the AsyncAPI document and
 * @arena/client are built from: a payload changed there breaks the server's compile.
 */
import type {
  ChatClientToServerEvents,
  ChatServerEvent,
  ChatServerPayload,
  ChatServerToClientEvents,
} from '@arena/protocol';

export type ChatServerEvents = ChatServerToClientEvents;
export type ChatClientEvents = ChatClientToServerEvents;

export type ChatMemberPayload = ChatServerPayload<'chat:member'>;
export type MemberAction = ChatMemberPayload['action'];

export type ChatEvent = ChatServerEvent;
export type ChatPayload<E extends ChatEvent> = ChatServerPayload<E>;
