import { assignMatch, Bracket, createBracket, recordResult } from './bracket';
import { TournamentParticipant } from './entities/tournament-participant.entity';
import { Tournament } from './entities/tournament.entity';
import { identityCommitment } from '../ledger/hash-chain';
import { tournamentRecord } from './tournament-record';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 12, minute));

const salt = (alias: string) => alias.toLowerCase().padEnd(64, '0');

function participant(
  id: string,
  alias: string,
  seed: number,
  userId: string | null,
  commitmentSalt: string | null = salt(alias),
) {
  return Object.assign(new TournamentParticipant(), {
    id,
    alias,
    aliasLower: alias.toLowerCase(),
    seed,
    userId,
    tournamentId: 't1',
    joinedAt: at(0),
    commitmentSalt,
  });
}

/** What the record must say of a seat: its seed and the commitment to who sat there. */
const seat = (seed: number, alias: string, userId: string | null) => ({
  seed,
  commitment: identityCommitment({ alias, userId, salt: salt(alias) }),
});

/** A finished tournament of these seats with this bracket, created at minute 0. */
function finished(id: string, bracket: Bracket, endedMinute: number): Tournament {
  return Object.assign(new Tournament(), {
    id,
    name: 'Cup',
    kind: 'online',
    size: 4,
    status: 'finished',
    creatorId: 'u1',
    bracket,
    winnerParticipantId: 'p1',
    createdAt: at(0),
    startedAt: at(1),
    endedAt: at(endedMinute),
  });
}

describe('tournamentRecord', () => {
  it('keeps the tournament, the standings and every match played, not the byes', () => {
    const people = [
      participant('p1', 'Ada', 1, 'u1'),
      participant('p2', 'Grace', 2, 'u2'),
      participant('p3', 'Linus', 3, null),
    ];
    let bracket = createBracket(people.map((p) => ({ id: p.id, seed: p.seed ?? 0 })));
    bracket = assignMatch(bracket, 1, 1, 'm1');
    bracket = recordResult(bracket, 1, 1, 'right', { left: 3, right: 11 }).bracket;
    bracket = assignMatch(bracket, 2, 0, 'm2');
    bracket = recordResult(bracket, 2, 0, 'left', { left: 11, right: 9 }).bracket;
    const tournament = finished('t1', bracket, 30);
    const record = tournamentRecord(
      tournament,
      people,
      new Map([
        ['m1', 'score'],
        ['m2', 'forfeit'],
      ] as const),
    );
    expect(record).toEqual({
      tournament: {
        id: 't1',
        name: 'Cup',
        kind: 'online',
        size: 4,
        createdAt: '2026-11-25T12:00:00.000Z',
        startedAt: '2026-11-25T12:01:00.000Z',
        endedAt: '2026-11-25T12:30:00.000Z',
      },
      standings: [
        { place: 1, ...seat(1, 'Ada', 'u1') },
        { place: 2, ...seat(3, 'Linus', null) },
        { place: 3, ...seat(2, 'Grace', 'u2') },
      ],
      matches: [
        {
          round: 1,
          position: 1,
          matchId: 'm1',
          left: seat(2, 'Grace', 'u2'),
          right: seat(3, 'Linus', null),
          winnerSide: 'right',
          score: { left: 3, right: 11 },
          endReason: 'score',
        },
        {
          round: 2,
          position: 0,
          matchId: 'm2',
          left: seat(1, 'Ada', 'u1'),
          right: seat(3, 'Linus', null),
          winnerSide: 'left',
          score: { left: 11, right: 9 },
          endReason: 'forfeit',
        },
      ],
    });
  });

  it('names nobody in clear, and an erased seat (its salt gone) by null', () => {
    const people = [participant('p1', 'Ada', 1, 'u1'), participant('p2', 'Grace', 2, 'u2', null)];
    let bracket = createBracket(people.map((p) => ({ id: p.id, seed: p.seed ?? 0 })));
    bracket = assignMatch(bracket, 1, 0, 'm1');
    bracket = recordResult(bracket, 1, 0, 'left', { left: 11, right: 2 }).bracket;
    const tournament = finished('t2', bracket, 9);
    const record = tournamentRecord(tournament, people, new Map([['m1', 'score']] as const));
    const text = JSON.stringify(record);
    for (const secret of ['Ada', 'Grace', 'u1', 'u2']) expect(text).not.toContain(`"${secret}"`);
    expect(record.standings).toEqual([
      { place: 1, ...seat(1, 'Ada', 'u1') },
      { place: 2, seed: 2, commitment: null },
    ]);
  });
});
