import { Injectable, Logger } from '@nestjs/common';
import { UserNotifier } from '../../common/realtime/user-notifier';
import { FriendsService } from './friends.service';
import { PresenceChange, PresenceStatus, PresenceStore } from './presence.store';

/** The namespace whose sockets count when a caller names none. */
const GAME_NAMESPACE = '/game';

/**
 * Keeps presence from live sockets and tells a user's friends whenever their status changes:
 * the node that made the change tells them (through the notifier, which reaches every node),
 * and so does the node that sees another node's sockets expire with its heartbeat.
 */
@Injectable()
export class PresenceService {
  private readonly logger = new Logger(PresenceService.name);
  /** This node's open sockets per user, every namespace together. */
  private readonly local = new Map<string, number>();

  constructor(
    private readonly store: PresenceStore,
    private readonly friends: FriendsService,
    private readonly notifier: UserNotifier,
  ) {
    store.onChange((change) => this.tell(change));
  }

  /** Counts a socket of the user, unless the user holds `limit` there already: then false. */
  async socketConnected(
    userId: string,
    limit?: number,
    namespace = GAME_NAMESPACE,
  ): Promise<boolean> {
    const change = await this.store.connect(userId, namespace, limit);
    if (!change) return false;
    this.local.set(userId, (this.local.get(userId) ?? 0) + 1);
    await this.tell(change);
    return true;
  }

  async socketDisconnected(userId: string, namespace = GAME_NAMESPACE): Promise<void> {
    const left = (this.local.get(userId) ?? 0) - 1;
    if (left > 0) this.local.set(userId, left);
    else this.local.delete(userId);
    await this.tell(await this.store.disconnect(userId, namespace));
  }

  /**
   * Whether the user holds a socket on this node. Matchmaking and challenges are still this
   * node's own (their sharing comes with match ownership), so this is the question they ask.
   */
  isConnected(userId: string): boolean {
    return this.local.has(userId);
  }

  statusOf(userId: string): PresenceStatus {
    return this.store.statusOf(userId);
  }

  /** The user's open sockets on a namespace, on every node. */
  socketsOn(userId: string, namespace = GAME_NAMESPACE): Promise<number> {
    return this.store.socketsOn(userId, namespace);
  }

  /** Never rejects (the game calls it without waiting): a store failure is logged. */
  async setInGame(userId: string, inGame: boolean): Promise<void> {
    try {
      await this.tell(await this.store.setInGame(userId, inGame));
    } catch (error) {
      this.logger.warn(`Presence of ${userId} (in game: ${inGame}) not stored: ${String(error)}`);
    }
  }

  private async tell({ userId, before, after }: PresenceChange): Promise<void> {
    if (before === after) return;
    try {
      const friendIds = await this.friends.friendIds(userId);
      this.notifier.toUsers(friendIds, 'presence:update', { userId, status: after });
    } catch (error) {
      this.logger.warn(`Presence of ${userId} changed but friends were not told: ${String(error)}`);
    }
  }
}
