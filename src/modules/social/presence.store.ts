/**
 * Who is online. Live state sits behind this small interface so a shared (Redis) store can
 * replace the in-memory one when Arena runs on several nodes. The Socket.IO gateway reports
 * connections and match membership; profiles read `statusOf`. The socket count per user is
 * also what caps a user's sockets on `/game` (see SocketSeats).
 */
export type PresenceStatus = 'online' | 'in_game' | 'offline';

export abstract class PresenceStore {
  /**
   * A socket of the user connected; returns the user's status after the change, or null if the
   * user already holds `limit` sockets (then nothing is counted). Checking and counting are one
   * step, so handshakes racing each other can't overshoot; async, so a shared store can do it
   * in one round trip (a Redis script).
   */
  abstract connect(userId: string, limit?: number): Promise<PresenceStatus | null>;
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

  connect(userId: string, limit = Number.POSITIVE_INFINITY): Promise<PresenceStatus | null> {
    const held = this.sockets.get(userId) ?? 0;
    if (held >= limit) return Promise.resolve(null);
    this.sockets.set(userId, held + 1);
    return Promise.resolve(this.statusOf(userId));
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
