/** Tournament helpers for e2e specs: players whose sockets answer every match-ready by joining. */
import type { Account } from './accounts';
import { bearer } from './accounts';
import { ClientSocket, request } from './sockets';
import type { TestApp } from './test-app';

export interface MatchReady {
  tournamentId: string;
  matchId: string;
  round: number;
  opponent: { id?: string; alias?: string; username?: string } | null;
  deadline: number;
}

export interface MatchEnd {
  matchId: string;
  winnerSide: 'left' | 'right';
  score: { left: number; right: number };
  reason: string;
  ratingChange: { left: number; right: number } | null;
}

export interface BracketMatch {
  round: number;
  position: number;
  matchId: string | null;
  left: { alias: string; userId: string | null } | null;
  right: { alias: string; userId: string | null } | null;
  winnerSide: 'left' | 'right' | null;
  score: { left: number; right: number } | null;
}

export interface TournamentBody {
  id: string;
  name: string;
  kind: 'online' | 'local';
  size: number;
  status: string;
  creator: { id: string };
  participants: { user: { id: string } | null; alias: string; seed: number | null }[];
  rounds: BracketMatch[][];
  winner: { user: { id: string } | null; alias: string } | null;
  startedAt: string | null;
  endedAt: string | null;
}

/** A player's socket and what it has seen; with `autoJoin` it joins every match it is offered. */
export interface TournamentPlayer {
  account: Account;
  socket: ClientSocket;
  ready: MatchReady[];
  ends: MatchEnd[];
  updates: { tournamentId: string; status: string }[];
  joinAcks: unknown[];
}

export function follow(
  account: Account,
  socket: ClientSocket,
  autoJoin: boolean,
): TournamentPlayer {
  const player: TournamentPlayer = {
    account,
    socket,
    ready: [],
    ends: [],
    updates: [],
    joinAcks: [],
  };
  socket.on('tournament:match-ready', (payload: MatchReady) => {
    player.ready.push(payload);
    if (autoJoin) {
      void request(socket, 'match:join', { matchId: payload.matchId }).then((ack) =>
        player.joinAcks.push(ack),
      );
    }
  });
  socket.on('match:end', (payload: MatchEnd) => player.ends.push(payload));
  socket.on('tournament:update', (payload: { tournamentId: string; status: string }) =>
    player.updates.push(payload),
  );
  return player;
}

export async function getTournament(
  t: TestApp,
  account: Account,
  id: string,
): Promise<TournamentBody> {
  const res = await t
    .http()
    .get(`/api/tournaments/${id}`)
    .set(bearer(account.accessToken))
    .expect(200);
  return res.body as TournamentBody;
}

/** Every slot of the bracket, round by round. */
export const slots = (tournament: TournamentBody) => tournament.rounds.flat();
