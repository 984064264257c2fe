/**
 * The REST shapes the client reads, as the server's response DTOs define them (type-only
 * imports: a change on the server side breaks this compile, and no server code is bundled).
 */
export type { PublicProfileDto as PublicProfile } from '../../src/modules/users/dto/profile.dto';
export type { MeProfileDto as Me } from '../../src/modules/users/dto/profile.dto';
export type {
  MatchDto as Match,
  MatchPlayerDto as MatchPlayer,
  UserStatsDto as UserStats,
  LeaderboardEntryDto as LeaderboardEntry,
} from '../../src/modules/matches/dto/match.dto';
export type {
  TournamentDto as Tournament,
  BracketMatchDto as BracketMatch,
} from '../../src/modules/tournaments/dto/tournament.dto';
export type { FriendRequestsDto as FriendRequests } from '../../src/modules/social/dto/social.dto';
export type {
  LiveMatch,
  MatchFoundPayload,
  MatchEndPayload,
  Opponent,
} from '../../src/common/realtime/realtime.events';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}
