/**
 * Tournaments, as domain events other modules answer in their own code (chat's system messages,
 * the inbox): emitted by the referee once the change is stored.
 */
export const TOURNAMENT_MATCH_READY = 'tournament.match-ready';
export const TOURNAMENT_FINISHED = 'tournament.finished';

/** A match of a tournament waits for `userId` (a player, or the creator of a local one). */
export class TournamentMatchReady {
  constructor(
    readonly userId: string,
    readonly tournamentId: string,
    readonly matchId: string,
    readonly round: number,
    /** Epoch ms: whoever has not joined by then loses by `timeout`. */
    readonly deadline: number,
  ) {}
}

export class TournamentFinished {
  constructor(
    readonly tournamentId: string,
    readonly name: string,
    /** Everyone told: the creator and the participants with an account. */
    readonly userIds: readonly string[],
    /** The champion's alias. */
    readonly winner: string | null,
  ) {}
}
