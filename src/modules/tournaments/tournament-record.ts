/**
 * What the ledger keeps of a finished tournament: the final standings and every match played
 * with its score and the hash of its replay, each side named by its seed and a salted commitment
 * to who sat there (no alias or account in clear: see identityCommitment). Pure: built from
 * stored rows, so the same tournament always gives the same record.
 */
import { isoOrNull } from '../../common/clock/clock';
import { identityCommitment } from '../ledger/hash-chain';
import type { EndReason } from '../matches/entities/match.entity';
import { Bracket, Entrant, standings } from './bracket';
import type { TournamentParticipant } from './entities/tournament-participant.entity';
import type { Tournament } from './entities/tournament.entity';

export interface RecordedSide {
  seed: number;
  /** identityCommitment of the seat; null once its salt is gone (an erased account). */
  commitment: string | null;
}

export interface TournamentRecord {
  tournament: {
    id: string;
    name: string;
    kind: string;
    size: number;
    createdAt: string;
    startedAt: string | null;
    endedAt: string | null;
  };
  standings: (RecordedSide & { place: number })[];
  matches: {
    round: number;
    position: number;
    matchId: string | null;
    left: RecordedSide;
    right: RecordedSide;
    winnerSide: 'left' | 'right' | null;
    score: { left: number; right: number } | null;
    endReason: EndReason | null;
    /** The hash of the match's stored replay, so anyone can re-check the result; null if none. */
    replayHash: string | null;
  }[];
}

export function tournamentRecord(
  tournament: Tournament,
  participants: readonly TournamentParticipant[],
  endReasons: ReadonlyMap<string, EndReason | null>,
  replayHashes: ReadonlyMap<string, string>,
): TournamentRecord {
  const bracket = tournament.bracket as Bracket;
  const byId = new Map(participants.map((participant) => [participant.id, participant]));
  const side = (entrant: Entrant): RecordedSide => {
    const participant = byId.get(entrant.id);
    const salt = participant?.commitmentSalt ?? null;
    return {
      seed: entrant.seed,
      commitment:
        participant && salt
          ? identityCommitment({ alias: participant.alias, userId: participant.userId, salt })
          : null,
    };
  };
  return {
    tournament: {
      id: tournament.id,
      name: tournament.name,
      kind: tournament.kind,
      size: tournament.size,
      createdAt: tournament.createdAt.toISOString(),
      startedAt: isoOrNull(tournament.startedAt),
      endedAt: isoOrNull(tournament.endedAt),
    },
    standings: standings(bracket).map(({ entrant, place }) => ({ place, ...side(entrant) })),
    matches: bracket.rounds
      .flat()
      .filter((slot) => !slot.bye && slot.left && slot.right)
      .map((slot) => ({
        round: slot.round,
        position: slot.position,
        matchId: slot.matchId,
        left: side(slot.left as Entrant),
        right: side(slot.right as Entrant),
        winnerSide: slot.winnerSide,
        score: slot.score,
        endReason: slot.matchId ? (endReasons.get(slot.matchId) ?? null) : null,
        replayHash: slot.matchId ? (replayHashes.get(slot.matchId) ?? null) : null,
      })),
  };
}
