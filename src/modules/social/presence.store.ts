/**
 * Who is online. Live state sits behind this small interface so a shared (Redis) store can
 * replace the in-memory one when Arena runs on several nodes. The Socket.IO gateway reports
 * connections and match membership; profiles read `statusOf`.
 */
export type PresenceStatus = 'online' | 'in_game' | 'offline';

export abstract class PresenceStore {
  /** A socket of the user connected; returns the user's status after the change. */
  abstract connect(userId: string): PresenceStatus;
  /** A socket of the user closed; returns the user's status after the change. */
  abstract disconnect(userId: string): PresenceStatus;
  abstract setInGame(userId: string, inGame: boolean): PresenceStatus;
  abstract statusOf(userId: string): PresenceStatus;
  /** Whether the user has at least one open socket. */
  abstract isConnected(userId: string): boolean;
}

export class InMemoryPresenceStore extends PresenceStore {
  private readonly sockets = new Map<string, number>();
  private readonly playing = new Set<string>();

  connect(userId: string): PresenceStatus {
    this.sockets.set(userId, (this.sockets.get(userId) ?? 0) + 1);
    return this.statusOf(userId);
  }

  disconnect(userId: string): PresenceStatus {
    const left = (this.sockets.get(userId) ?? 0) - 1;
    if (left > 0) this.sockets.set(userId, left);
    else this.sockets.delete(userId);
    return this.statusOf(userId);
  }

  setInGame(userId: string, inGame: boolean): PresenceStatus {
    if (inGame) this.playing.add(userId);
    else this.playing.delete(userId);
    return this.statusOf(userId);
  }

  isConnected(userId: string): boolean {
    return this.sockets.has(userId);
  }

  /** A player in a live match is `in_game` even while reconnecting; several tabs count once. */
  statusOf(userId: string): PresenceStatus {
    if (this.playing.has(userId)) return 'in_game';
    return this.sockets.has(userId) ? 'online' : 'offline';
  }
}
