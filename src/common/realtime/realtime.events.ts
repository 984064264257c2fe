/**
 * The Socket.IO contract of the `/game` namespace, typed both ways so every emit and handler
 * payload is checked by the compiler. The types come from @arena/protocol (API.md "Real-time
 * game"), the same schemas the AsyncAPI document and @arena/client are built from: a payload
 * changed there breaks the server's compile, and the other way round.
 */
import type {
  AckFailure,
  GameAck,
  GameAckedEvent,
  GameClientToServerEvents,
  GameServerEvent,
  GameServerPayload,
  GameServerToClientEvents,
} from '@arena/protocol';

export type {
  LiveMatch,
  LiveMatchPlayer,
  MatchEndPayload,
  MatchFoundPayload,
  MatchStatePayload,
  Opponent,
  PresenceUpdate,
  TournamentMatchReadyPayload,
  TournamentUpdatePayload,
} from '@arena/protocol';

export type ServerToClientEvents = GameServerToClientEvents;
/** Client → server events: every one but `game:input` answers through its acknowledgement. */
export type ClientToServerEvents = GameClientToServerEvents;

export type AckResult<T extends object = object> = ({ ok: true } & T) | AckFailure;
/** The ack a `/game` event answers with, as the protocol defines it. */
export type GameEventAck<E extends GameAckedEvent> = GameAck<E>;

export type ServerEvent = GameServerEvent;
export type ServerPayload<E extends ServerEvent> = GameServerPayload<E>;

export { matchRoom, sessionRoom, userRoom } from '../../realtime/rooms';
