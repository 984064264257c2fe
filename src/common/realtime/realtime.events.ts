/**
 * The Socket.IO contract of the `/game` namespace, typed both ways so every emit and handler
 * payload is checked by the compiler. API.md "Real-time game" is the source.
 */
import type { PublicGameConfig, Side } from '@arena/engine';
import type { MatchMode } from '../../modules/matches/entities/match.entity';
import type { PresenceStatus } from '../../modules/social/presence.store';
import type { PublicProfileDto } from '../../modules/users/dto/profile.dto';

export interface PresenceUpdate {
  userId: string;
  status: PresenceStatus;
}

export interface MatchStatePayload {
  matchId: string;
  tick: number;
  ball: { x: number; y: number; vx: number; vy: number };
  paddles: { left: { y: number }; right: { y: number } };
  score: { left: number; right: number };
  lastSeq: { left: number; right: number };
}

export type Opponent = PublicProfileDto | { alias: string } | null;

export interface MatchFoundPayload {
  matchId: string;
  mode: MatchMode;
  side: Side | 'both';
  opponent: Opponent;
  config: PublicGameConfig;
}

export interface MatchEndPayload {
  matchId: string;
  winnerSide: Side;
  score: { left: number; right: number };
  reason: 'score' | 'forfeit' | 'timeout';
  ratingChange: { left: number; right: number } | null;
}

/** A player gone (`disconnect`), or a draining node handing the match to another (`handover`). */
export type MatchPausedPayload =
  | { matchId: string; side: Side; reason: 'disconnect'; resumeDeadline: number }
  | { matchId: string; side: null; reason: 'handover'; resumeDeadline: number };

export interface LiveMatchPlayer {
  side: Side;
  user: PublicProfileDto | null;
  alias: string;
  connected: boolean;
}

/** A snapshot of a live match, for spectators and players (re)joining it. */
export interface LiveMatch {
  matchId: string;
  mode: MatchMode;
  /** `waiting`: a tournament match whose players have not all joined yet. */
  status: 'waiting' | 'countdown' | 'playing' | 'paused' | 'finished';
  players: LiveMatchPlayer[];
  config: PublicGameConfig;
  state: MatchStatePayload;
}

export interface TournamentMatchReadyPayload {
  tournamentId: string;
  matchId: string;
  round: number;
  /** null in a local tournament, where the creator's client plays both sides. */
  opponent: Opponent;
  /** Epoch ms: a player who has not sent `match:join` by then loses by `timeout`. */
  deadline: number;
}

export interface TournamentUpdatePayload {
  tournamentId: string;
  status: 'registering' | 'in_progress' | 'finished' | 'cancelled';
}

export interface ServerToClientEvents {
  'presence:update': (payload: PresenceUpdate) => void;
  'match:found': (payload: MatchFoundPayload) => void;
  'match:countdown': (payload: { matchId: string; startsAt: number }) => void;
  'match:state': (payload: MatchStatePayload) => void;
  'match:point': (payload: {
    matchId: string;
    scorer: Side;
    score: { left: number; right: number };
  }) => void;
  'match:paused': (payload: MatchPausedPayload) => void;
  'match:resumed': (payload: { matchId: string; startsAt: number }) => void;
  'match:end': (payload: MatchEndPayload) => void;
  /** Ended without a result: the server stopped, or the node running it was lost. */
  'match:interrupted': (payload: { matchId: string }) => void;
  'challenge:received': (payload: {
    challengeId: string;
    from: PublicProfileDto;
    expiresAt: number;
  }) => void;
  'challenge:declined': (payload: { challengeId: string }) => void;
  'challenge:expired': (payload: { challengeId: string }) => void;
  'tournament:match-ready': (payload: TournamentMatchReadyPayload) => void;
  'tournament:update': (payload: TournamentUpdatePayload) => void;
}

export type AckResult<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };
type Acked<P, T extends object = object> = (
  payload: P,
  ack: (result: AckResult<T>) => void,
) => void;

/** Client → server events: every one but `game:input` answers through its acknowledgement. */
export interface ClientToServerEvents {
  'queue:join': Acked<{ mode: 'ranked' | 'casual' }>;
  'queue:leave': Acked<undefined>;
  'challenge:send': Acked<{ userId: string }, { challengeId: string }>;
  'challenge:accept': Acked<{ challengeId: string }>;
  'challenge:decline': Acked<{ challengeId: string }>;
  'match:local': Acked<{ aliases?: [string, string] }, { matchId: string }>;
  'match:ai': Acked<{ difficulty: 'easy' | 'normal' | 'hard' }, { matchId: string }>;
  'match:join': Acked<{ matchId: string }, { match: LiveMatch }>;
  'match:spectate': Acked<{ matchId: string }, { match: LiveMatch }>;
  'match:leave': Acked<{ matchId: string }>;
  'game:input': (payload: {
    matchId: string;
    direction: 'up' | 'down' | 'stop';
    seq?: number;
    side?: Side;
  }) => void;
}

export type ServerEvent = keyof ServerToClientEvents;
export type ServerPayload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

export { matchRoom, sessionRoom, userRoom } from '../../realtime/rooms';
