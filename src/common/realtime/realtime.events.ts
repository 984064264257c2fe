/**
 * The Socket.IO contract of the `/game` namespace, typed both ways so every emit and handler
 * payload is checked by the compiler. API.md "Real-time game" is the source.
 */
import type { PresenceStatus } from '../../modules/social/presence.store';

export interface PresenceUpdate {
  userId: string;
  status: PresenceStatus;
}

export interface ServerToClientEvents {
  'presence:update': (payload: PresenceUpdate) => void;
}

export type ServerEvent = keyof ServerToClientEvents;
export type ServerPayload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

/** The room every socket of one user joins, so an event reaches all of the user's tabs. */
export const userRoom = (userId: string) => `user:${userId}`;
