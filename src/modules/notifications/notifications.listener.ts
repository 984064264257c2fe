/**
 * What leaves a notification: each module's domain event (friends, challenges, tournaments),
 * answered here so no other module knows the inbox exists. Chat invitations are notified by
 * the chat module itself.
 */
import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CHALLENGE_SENT, ChallengeSent } from '../../common/events/game.events';
import {
  FRIEND_REQUEST_SENT,
  FRIENDSHIP_ACCEPTED,
  FriendRequestSent,
  FriendshipAccepted,
} from '../../common/events/social.events';
import {
  TOURNAMENT_FINISHED,
  TOURNAMENT_MATCH_READY,
  TournamentFinished,
  TournamentMatchReady,
} from '../../common/events/tournament.events';
import { UsersService } from '../users/users.service';
import { NotificationsService } from './notifications.service';

@Injectable()
export class NotificationsListener {
  private readonly logger = new Logger(NotificationsListener.name);

  constructor(
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
  ) {}

  @OnEvent(FRIEND_REQUEST_SENT)
  async friendRequest(event: FriendRequestSent): Promise<void> {
    await this.safely(async () => {
      const from = this.users.publicProfile(await this.users.get(event.fromId));
      await this.notifications.notify(event.toId, 'friend_request', {
        requestId: event.requestId,
        from,
      });
    });
  }

  @OnEvent(FRIENDSHIP_ACCEPTED)
  async friendAccepted(event: FriendshipAccepted): Promise<void> {
    await this.safely(async () => {
      const user = this.users.publicProfile(await this.users.get(event.accepterId));
      await this.notifications.notify(event.requesterId, 'friend_accepted', { user });
    });
  }

  @OnEvent(CHALLENGE_SENT)
  async challenge(event: ChallengeSent): Promise<void> {
    await this.safely(async () => {
      const from = this.users.publicProfile(await this.users.get(event.fromId));
      await this.notifications.notify(event.toId, 'challenge', {
        challengeId: event.challengeId,
        from,
        expiresAt: event.expiresAt,
      });
    });
  }

  @OnEvent(TOURNAMENT_MATCH_READY)
  async matchReady(event: TournamentMatchReady): Promise<void> {
    await this.safely(() =>
      this.notifications.notify(event.userId, 'tournament_match', {
        tournamentId: event.tournamentId,
        matchId: event.matchId,
        round: event.round,
        deadline: event.deadline,
      }),
    );
  }

  @OnEvent(TOURNAMENT_FINISHED)
  async tournamentFinished(event: TournamentFinished): Promise<void> {
    await this.safely(async () => {
      for (const userId of event.userIds) {
        await this.notifications.notify(userId, 'tournament_finished', {
          tournamentId: event.tournamentId,
          name: event.name,
          winner: event.winner,
        });
      }
    });
  }

  /** A notification that could not be stored is logged: the event it follows has happened. */
  private async safely(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error(`Notification not stored: ${String(error)}`);
    }
  }
}
