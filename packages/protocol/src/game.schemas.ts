/**
 * The `/game` namespace (API.md "Real-time game"): every client → server payload and its ack,
 * every server → client payload. The event maps in game.events.ts are derived from these.
 */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import {
  Ack,
  OpponentSchema,
  PublicProfileSchema,
  ScoreSchema,
  SideSchema,
} from './common.schemas';
import { Closed, EpochMs, Id, Nullable } from './schema-kit';

export const MatchModeSchema = Type.Union([
  Type.Literal('ranked'),
  Type.Literal('casual'),
  Type.Literal('private'),
  Type.Literal('local'),
  Type.Literal('ai'),
  Type.Literal('tournament'),
]);
export type MatchMode = Static<typeof MatchModeSchema>;

export const DirectionSchema = Type.Union([
  Type.Literal('up'),
  Type.Literal('down'),
  Type.Literal('stop'),
]);
export type Direction = Static<typeof DirectionSchema>;

export const GameConfigSchema = Closed(
  {
    width: Type.Number(),
    height: Type.Number(),
    paddleWidth: Type.Number(),
    paddleHeight: Type.Number(),
    paddleSpeed: Type.Number({ description: 'units per second' }),
    ballRadius: Type.Number(),
    ballSpeed: Type.Number({ description: 'serve speed, units per second' }),
    tickRate: Type.Number({ description: 'simulation steps (and match:state events) per second' }),
    winningScore: Type.Integer(),
  },
  { $id: 'GameConfig' },
);
export type GameConfig = Static<typeof GameConfigSchema>;

const Point = (description?: string) => Type.Number(description ? { description } : {});

export const MatchStateSchema = Closed(
  {
    matchId: Id(),
    tick: Type.Integer({ minimum: 0, description: 'simulation steps so far (+1 per step)' }),
    ball: Closed({ x: Point(), y: Point(), vx: Point(), vy: Point() }),
    paddles: Closed({ left: Closed({ y: Point() }), right: Closed({ y: Point() }) }),
    score: ScoreSchema,
    lastSeq: Closed(
      { left: Type.Integer(), right: Type.Integer() },
      { description: 'the last input `seq` applied for each side, for reconciliation' },
    ),
  },
  { $id: 'MatchState', description: 'One step of a playing match (origin top-left, y down)' },
);
export type MatchStatePayload = Static<typeof MatchStateSchema>;

export const LiveMatchPlayerSchema = Closed({
  side: SideSchema,
  user: Nullable(PublicProfileSchema),
  alias: Type.String(),
  connected: Type.Boolean(),
});
export type LiveMatchPlayer = Static<typeof LiveMatchPlayerSchema>;

export const LiveMatchSchema = Closed(
  {
    matchId: Id(),
    mode: MatchModeSchema,
    status: Type.Union(
      [
        Type.Literal('waiting'),
        Type.Literal('countdown'),
        Type.Literal('playing'),
        Type.Literal('paused'),
        Type.Literal('finished'),
      ],
      { description: '`waiting`: a tournament match whose players have not all joined yet' },
    ),
    players: Type.Array(LiveMatchPlayerSchema),
    config: GameConfigSchema,
    state: MatchStateSchema,
  },
  {
    $id: 'LiveMatch',
    description: 'A snapshot of a live match, for spectators and (re)joining players',
  },
);
export type LiveMatch = Static<typeof LiveMatchSchema>;

// Client → server payloads.
export const QueueJoinSchema = Closed({
  mode: Type.Union([Type.Literal('ranked'), Type.Literal('casual')]),
});
export const UserIdSchema = Closed({ userId: Id() });
export const ChallengeIdSchema = Closed({ challengeId: Id() });
export const MatchIdSchema = Closed({ matchId: Id() });
export const LocalMatchSchema = Closed({
  aliases: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 32 }), {
      minItems: 2,
      maxItems: 2,
      description: '[left, right]',
    }),
  ),
});
export const AiMatchSchema = Closed({
  difficulty: Type.Union([Type.Literal('easy'), Type.Literal('normal'), Type.Literal('hard')]),
});
export const GameInputSchema = Closed({
  matchId: Id(),
  direction: DirectionSchema,
  seq: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'echoed back in match:state `lastSeq` once applied',
    }),
  ),
  side: Type.Optional(SideSchema),
});
export type QueueJoinPayload = Static<typeof QueueJoinSchema>;
export type ChallengeSendPayload = Static<typeof UserIdSchema>;
export type ChallengeIdPayload = Static<typeof ChallengeIdSchema>;
export type MatchIdPayload = Static<typeof MatchIdSchema>;
export type LocalMatchPayload = Static<typeof LocalMatchSchema>;
export type AiMatchPayload = Static<typeof AiMatchSchema>;
export type GameInputPayload = Static<typeof GameInputSchema>;

// Server → client payloads.
export const MatchFoundSchema = Closed({
  matchId: Id(),
  mode: MatchModeSchema,
  side: Type.Union([SideSchema, Type.Literal('both')], {
    description: '`both`: a local match, both sides played on this client',
  }),
  opponent: OpponentSchema,
  config: GameConfigSchema,
});
export type MatchFoundPayload = Static<typeof MatchFoundSchema>;

export const MatchEndSchema = Closed({
  matchId: Id(),
  winnerSide: SideSchema,
  score: ScoreSchema,
  reason: Type.Union([Type.Literal('score'), Type.Literal('forfeit'), Type.Literal('timeout')]),
  ratingChange: Nullable(
    Closed(
      { left: Type.Integer(), right: Type.Integer() },
      { description: 'signed rating deltas (ranked and tournament matches only)' },
    ),
  ),
});
export type MatchEndPayload = Static<typeof MatchEndSchema>;

export const TournamentStatusSchema = Type.Union([
  Type.Literal('registering'),
  Type.Literal('in_progress'),
  Type.Literal('finished'),
  Type.Literal('cancelled'),
]);

export const TournamentMatchReadySchema = Closed({
  tournamentId: Id(),
  matchId: Id(),
  round: Type.Integer({ minimum: 1 }),
  opponent: OpponentSchema,
  deadline: EpochMs('a player who has not sent match:join by then loses by timeout'),
});
export type TournamentMatchReadyPayload = Static<typeof TournamentMatchReadySchema>;

export const TournamentUpdateSchema = Closed({
  tournamentId: Id(),
  status: TournamentStatusSchema,
});
export type TournamentUpdatePayload = Static<typeof TournamentUpdateSchema>;

export const PresenceUpdateSchema = Closed({
  userId: Id(),
  status: PublicProfileSchema.properties.status,
});
export type PresenceUpdate = Static<typeof PresenceUpdateSchema>;

export const MatchPausedSchema = Type.Union([
  Closed({
    matchId: Id(),
    side: SideSchema,
    reason: Type.Literal('disconnect'),
    resumeDeadline: EpochMs('the other side wins by timeout unless the player is back by then'),
  }),
  Closed({
    matchId: Id(),
    side: Type.Null(),
    reason: Type.Literal('handover'),
    resumeDeadline: EpochMs('a draining node hands the match to another by then'),
  }),
]);
export type MatchPausedPayload = Static<typeof MatchPausedSchema>;

/** Client → server events of `/game`: payload (null: none) and ack (null: fire-and-forget). */
export const GAME_CLIENT_EVENTS = {
  'queue:join': { payload: QueueJoinSchema, ack: Ack({}) },
  'queue:leave': { payload: null, ack: Ack({}) },
  'challenge:send': { payload: UserIdSchema, ack: Ack({ challengeId: Id() }) },
  'challenge:accept': {
    payload: ChallengeIdSchema,
    ack: Ack({ matchId: Id('the private match made from the challenge') }),
  },
  'challenge:decline': { payload: ChallengeIdSchema, ack: Ack({}) },
  'match:local': { payload: LocalMatchSchema, ack: Ack({ matchId: Id() }) },
  'match:ai': { payload: AiMatchSchema, ack: Ack({ matchId: Id() }) },
  'match:join': { payload: MatchIdSchema, ack: Ack({ match: LiveMatchSchema }) },
  'match:spectate': { payload: MatchIdSchema, ack: Ack({ match: LiveMatchSchema }) },
  'match:leave': { payload: MatchIdSchema, ack: Ack({}) },
  'game:input': { payload: GameInputSchema, ack: null },
} as const;

/** Server → client events of `/game` and their payloads. */
export const GAME_SERVER_EVENTS = {
  'match:found': MatchFoundSchema,
  'match:countdown': Closed({ matchId: Id(), startsAt: EpochMs('when play starts') }),
  'match:state': MatchStateSchema,
  'match:point': Closed({ matchId: Id(), scorer: SideSchema, score: ScoreSchema }),
  'match:paused': MatchPausedSchema,
  'match:resumed': Closed({ matchId: Id(), startsAt: EpochMs('when play starts again') }),
  'match:end': MatchEndSchema,
  'match:interrupted': Closed({ matchId: Id() }),
  'challenge:received': Closed({
    challengeId: Id(),
    from: PublicProfileSchema,
    expiresAt: EpochMs('the challenge expires then'),
  }),
  'challenge:declined': ChallengeIdSchema,
  'challenge:expired': ChallengeIdSchema,
  'tournament:match-ready': TournamentMatchReadySchema,
  'tournament:update': TournamentUpdateSchema,
  'presence:update': PresenceUpdateSchema,
} as const;
