/**
 * GDPR: a copy of everything Arena holds about a user (access), and erasure that anonymises the
 * account while keeping its matches in other players' histories.
 */
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock/clock';
import {
  ACCOUNT_ERASED,
  ACCOUNT_ERASING,
  AccountErased,
  AccountErasing,
} from '../../../common/events/account-erasure.events';
import { ForbiddenError } from '../../../common/errors';
import { Transactor } from '../../../database/transactor';
import type { AuthUser } from '../../../common/decorators/auth.decorators';
import { ApiKeysService } from '../../auth/api-keys/api-keys.service';
import { PasswordHasher } from '../../auth/password.hasher';
import { IdentitiesService } from '../../auth/providers/identities.service';
import { Session } from '../../auth/entities/session.entity';
import { SessionsService } from '../../auth/sessions.service';
import { ChatService } from '../../chat/chat.service';
import { MessagesService } from '../../chat/messages.service';
import { MatchesService } from '../../matches/matches.service';
import { NotificationsService } from '../../notifications/notifications.service';
import { BlocksService } from '../../social/blocks.service';
import { FriendsService } from '../../social/friends.service';
import { AvatarsService } from '../avatars/avatars.service';
import { User } from '../entities/user.entity';
import { ERASED_PREFIX, UsersService } from '../users.service';
import { TournamentParticipant } from '../../tournaments/entities/tournament-participant.entity';
import { Tournament } from '../../tournaments/entities/tournament.entity';
import type { EraseAccountDto, TournamentRecordDto, UserExportDto } from './privacy.dto';

/** Matches per chunk of the export: one keyset query and a few milliseconds of work each. */
export const EXPORT_CHUNK = 100;

/** How recent a sign-in must be to erase an account without a password by its username. */
export const RECENT_SIGN_IN_MS = 10 * 60_000;

@Injectable()
export class PrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactor: Transactor,
    private readonly users: UsersService,
    private readonly matches: MatchesService,
    private readonly friends: FriendsService,
    private readonly blocks: BlocksService,
    private readonly sessions: SessionsService,
    private readonly avatars: AvatarsService,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
    private readonly identities: IdentitiesService,
    private readonly apiKeys: ApiKeysService,
    private readonly chat: ChatService,
    private readonly messages: MessagesService,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * The export as JSON text in chunks, in UserExportDto's shape: everything but the matches at
   * once (each part is bounded by what one person has), then the matches a chunk at a time,
   * yielding to the event loop between chunks, so a player with 50,000 matches neither holds
   * the loop nor the whole document in memory.
   */
  async *export(userId: string): AsyncGenerator<string> {
    const [
      profile,
      stats,
      sessions,
      friends,
      friendRequests,
      blocks,
      tournaments,
      identities,
      apiKeys,
    ] = await Promise.all([
      this.users.getMe(userId),
      this.matches.stats(userId),
      this.dataSource
        .getRepository(Session)
        .find({ where: { userId }, order: { createdAt: 'ASC' } }),
      this.friends.list(userId),
      this.friends.pending(userId),
      this.blocks.list(userId),
      this.tournamentsOf(userId),
      this.identities.list(userId),
      this.apiKeys.list(userId),
    ]);
    const head: Omit<
      UserExportDto,
      'matches' | 'tournaments' | 'conversations' | 'messages' | 'notifications'
    > = {
      exportedAt: this.clock.date().toISOString(),
      profile,
      stats,
      sessions: sessions.map((session) => ({
        id: session.id,
        createdAt: session.createdAt.toISOString(),
        lastUsedAt: session.lastUsedAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
        revokedAt: session.revokedAt?.toISOString() ?? null,
        revokedReason: session.revokedReason,
        userAgent: session.userAgent,
        ip: session.ip,
      })),
      identities,
      apiKeys,
      friends,
      friendRequests,
      blocks,
    };
    yield `${JSON.stringify(head).slice(0, -1)},"matches":[`;
    let first = true;
    for await (const chunk of this.matches.historyChunks(userId, EXPORT_CHUNK)) {
      const text = chunk.map((match) => JSON.stringify(match)).join(',');
      yield first ? text : `,${text}`;
      first = false;
      await yieldToLoop();
    }
    yield `],"tournaments":${JSON.stringify(tournaments)}`;
    // Chat and the inbox, each a chunk at a time like the matches.
    const lists: [string, AsyncGenerator<unknown[]>][] = [
      ['conversations', this.chat.memberships(userId, EXPORT_CHUNK)],
      ['messages', this.messages.sentBy(userId, EXPORT_CHUNK)],
      ['notifications', this.notifications.chunks(userId, EXPORT_CHUNK)],
    ];
    for (const [name, chunks] of lists) {
      yield `,"${name}":[`;
      let firstChunk = true;
      for await (const chunk of chunks) {
        if (chunk.length === 0) continue;
        const text = chunk.map((item) => JSON.stringify(item)).join(',');
        yield firstChunk ? text : `,${text}`;
        firstChunk = false;
        await yieldToLoop();
      }
      yield ']';
    }
    yield '}';
  }

  private async tournamentsOf(userId: string): Promise<TournamentRecordDto[]> {
    const [seats, created] = await Promise.all([
      this.dataSource
        .getRepository(TournamentParticipant)
        .find({ where: { userId }, relations: { tournament: true } }),
      this.dataSource.getRepository(Tournament).find({ where: { creatorId: userId } }),
    ]);
    const records = new Map<string, TournamentRecordDto>();
    const add = (tournament: Tournament, seat: TournamentParticipant | null) =>
      records.set(tournament.id, {
        id: tournament.id,
        name: tournament.name,
        kind: tournament.kind,
        status: tournament.status,
        creator: tournament.creatorId === userId,
        alias: seat?.alias ?? records.get(tournament.id)?.alias ?? null,
        seed: seat?.seed ?? records.get(tournament.id)?.seed ?? null,
        commitmentSalt: seat?.commitmentSalt ?? records.get(tournament.id)?.commitmentSalt ?? null,
        createdAt: tournament.createdAt.toISOString(),
      });
    for (const tournament of created) add(tournament, null);
    for (const seat of seats) if (seat.tournament) add(seat.tournament, seat);
    return [...records.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /**
   * Anonymises the account. Its owner confirms with the password; an account without one (made
   * by a sign-in provider) with its username, from a session signed in within the last 10
   * minutes, so a token stolen long after its sign-in can't erase the account.
   */
  async erase(caller: AuthUser, confirmation: EraseAccountDto): Promise<void> {
    const { userId } = caller;
    const user = await this.users.getActive(userId);
    if (user.passwordHash) {
      const { password } = confirmation;
      if (password === undefined || !(await this.hasher.verify(user.passwordHash, password))) {
        throw new ForbiddenError('The password is incorrect');
      }
    } else {
      if (confirmation.confirm !== user.username) {
        throw new ForbiddenError('Confirm with the account’s username (it has no password)');
      }
      const signedInAt = await this.sessions.signedInAt(caller.sessionId);
      if (!signedInAt || this.clock.now() - signedInAt.getTime() > RECENT_SIGN_IN_MS) {
        throw new ForbiddenError(
          'Sign in again: erasure needs a sign-in within the last 10 minutes',
        );
      }
    }
    const avatar = user.avatarFile;
    const anonymous = `${ERASED_PREFIX}${user.id.slice(0, 8)}`;
    await this.transactor.run(async (manager) => {
      const now = this.clock.date();
      await manager.getRepository(User).update(
        { id: userId },
        {
          username: anonymous,
          usernameLower: anonymous,
          displayName: anonymous,
          email: null,
          passwordHash: null,
          bio: '',
          avatarFile: null,
          twoFactorSecret: null,
          twoFactorEnabled: false,
          twoFactorLastStep: null,
          erasedAt: now,
          updatedAt: now,
        },
      );
      await this.sessions.revokeAllOf(manager, userId, 'account_erased');
      // Every module clears its own copies in this transaction (see account-erasure.events.ts).
      await this.events.emitAsync(ACCOUNT_ERASING, new AccountErasing(userId, anonymous, manager));
    });
    await this.events.emitAsync(ACCOUNT_ERASED, new AccountErased(userId, anonymous));
    if (avatar) await this.avatars.removeIfUnused(avatar);
  }
}
