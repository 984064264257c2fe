/**
 * What players and spectators are told about a live match, in API.md's words: `match:found`
 * with each player's side and opponent, the countdown, pauses and resumptions, the snapshot a
 * (re)joining socket gets, and tournament offers. Reaches sockets on any node (the notifier).
 */
import { GameConfig, publicConfig, Side } from '@arena/engine';
import { Injectable } from '@nestjs/common';
import type { LiveMatch, TournamentMatchReadyPayload } from '../../../common/realtime/realtime.events';
import { UserNotifier } from '../../../common/realtime/user-notifier';
import type { User } from '../../users/entities/user.entity';
import { UsersService } from '../../users/users.service';
import type { MatchRoom } from '../rooms/match-room';
import { stateSnapshot } from '../rooms/state-snapshot';

const other = (side: Side): Side => (side === 'left' ? 'right' : 'left');

@Injectable()
export class MatchAnnouncer {
  constructor(
    private readonly notifier: UserNotifier,
    private readonly users: UsersService,
  ) {}

  /** `match:found` to each player with its side (both, for an owner who plays both). */
  async found(room: MatchRoom, config: GameConfig, known: User[] = []): Promise<void> {
    const base = { matchId: room.id, mode: room.mode, config: publicConfig(config) };
    if (room.owner !== null) {
      const opponent =
        room.mode === 'local' ? { alias: room.players.right.alias } : null;
      this.notifier.toUsers([room.owner], 'match:found', { ...base, side: 'both', opponent });
      return;
    }
    const { left, right } = room.players;
    if (room.mode === 'ai' && left.userId) {
      this.notifier.toUsers([left.userId], 'match:found', {
        ...base,
        side: 'left',
        opponent: { alias: right.alias },
      });
      return;
    }
    if (!left.userId || !right.userId) return;
    const profile = (id: string) => known.find((user) => user.id === id) ?? this.users.get(id);
    const [leftUser, rightUser] = await Promise.all([profile(left.userId), profile(right.userId)]);
    this.notifier.toUsers([left.userId], 'match:found', {
      ...base,
      side: 'left',
      opponent: this.users.publicProfile(rightUser),
    });
    this.notifier.toUsers([right.userId], 'match:found', {
      ...base,
      side: 'right',
      opponent: this.users.publicProfile(leftUser),
    });
  }

  countdown(room: MatchRoom): void {
    this.notifier.toMatch(room.id, 'match:countdown', {
      matchId: room.id,
      startsAt: room.startsAt,
    });
  }

  paused(room: MatchRoom): void {
    const base = { matchId: room.id, resumeDeadline: room.resumeDeadline as number };
    if (room.pausedSide === null) {
      this.notifier.toMatch(room.id, 'match:paused', { ...base, side: null, reason: 'handover' });
    } else {
      this.notifier.toMatch(room.id, 'match:paused', {
        ...base,
        side: room.pausedSide,
        reason: 'disconnect',
      });
    }
  }

  resumed(room: MatchRoom): void {
    this.notifier.toMatch(room.id, 'match:resumed', { matchId: room.id, startsAt: room.startsAt });
  }

  interrupted(matchId: string, userIds: readonly string[] = []): void {
    this.notifier.toMatch(matchId, 'match:interrupted', { matchId });
    // Players whose sockets were not in the match's room (a node that went away) hear it too.
    if (userIds.length > 0) this.notifier.toUsers(userIds, 'match:interrupted', { matchId });
  }

  /** The snapshot a spectator or a (re)joining player gets. */
  async liveMatch(room: MatchRoom, config: GameConfig): Promise<LiveMatch> {
    const players = await Promise.all(
      (['left', 'right'] as const).map(async (side) => {
        const player = room.players[side];
        const user =
          player.userId && room.mode !== 'local' ? await this.users.get(player.userId) : null;
        return {
          side,
          user: user ? this.users.publicProfile(user) : null,
          alias: player.alias,
          connected: player.connected,
        };
      }),
    );
    return {
      matchId: room.id,
      mode: room.mode,
      status: room.status,
      players,
      config: publicConfig(config),
      state: stateSnapshot(room),
    };
  }

  /** The `tournament:match-ready` offer of a waiting room to one of its players, if it has one. */
  async offer(room: MatchRoom, userId: string): Promise<TournamentMatchReadyPayload | null> {
    const tournament = room.tournament;
    if (!tournament || room.status !== 'waiting') return null;
    const sides = room.sidesOf(userId).filter((side) => !room.showed[side]);
    if (sides.length === 0) return null;
    const base = {
      tournamentId: tournament.id,
      matchId: room.id,
      round: tournament.round,
      deadline: room.waitDeadline as number,
    };
    if (room.owner !== null) return { ...base, opponent: null };
    const them = room.players[other(sides[0])];
    const opponent = them.userId
      ? this.users.publicProfile(await this.users.get(them.userId))
      : { alias: them.alias };
    return { ...base, opponent };
  }
}
