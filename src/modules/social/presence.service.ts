import { Injectable, Logger } from '@nestjs/common';
import { UserNotifier } from '../../common/realtime/user-notifier';
import { FriendsService } from './friends.service';
import { PresenceStatus, PresenceStore } from './presence.store';

/** Keeps presence from live sockets and tells a user's friends whenever their status changes. */
@Injectable()
export class PresenceService {
  private readonly logger = new Logger(PresenceService.name);

  constructor(
    private readonly store: PresenceStore,
    private readonly friends: FriendsService,
    private readonly notifier: UserNotifier,
  ) {}

  /** Counts a socket of the user, unless the user holds `limit` already: then false. */
  async socketConnected(userId: string, limit?: number): Promise<boolean> {
    let accepted = true;
    await this.apply(userId, async () => {
      const status = await this.store.connect(userId, limit);
      accepted = status !== null;
      return status ?? this.store.statusOf(userId);
    });
    return accepted;
  }

  socketDisconnected(userId: string): Promise<void> {
    return this.apply(userId, () => this.store.disconnect(userId));
  }

  isConnected(userId: string): boolean {
    return this.store.isConnected(userId);
  }

  setInGame(userId: string, inGame: boolean): Promise<void> {
    return this.apply(userId, () => this.store.setInGame(userId, inGame));
  }

  private async apply(
    userId: string,
    change: () => PresenceStatus | Promise<PresenceStatus>,
  ): Promise<void> {
    const before = this.store.statusOf(userId);
    const after = await change();
    if (before === after) return;
    try {
      const friendIds = await this.friends.friendIds(userId);
      this.notifier.toUsers(friendIds, 'presence:update', { userId, status: after });
    } catch (error) {
      this.logger.warn(`Presence of ${userId} changed but friends were not told: ${String(error)}`);
    }
  }
}
