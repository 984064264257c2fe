/**
 * Who is online. Live state sits behind this small interface: an in-memory store for one node,
 * and a Redis one (src/cluster/redis-presence.store.ts) when Arena runs on several. The realtime
 * layer reports sockets (per namespace, which is what caps a user's sockets: see SocketSeats)
 * and the game reports who plays; profiles read `statusOf`.
 *
 * Writes are async and return the user's status before and after, read in the same atomic step,
 * so whoever made a change knows whether the user's friends must be told. `statusOf` answers at
 * once from what this node knows: the Redis store keeps a replica of every node's statuses,
 * fed by the changes each node publishes.
 */
export type PresenceStatus = 'online' | 'in_game' | 'offline';

export interface PresenceChange {
  userId: string;
  before: PresenceStatus;
  after: PresenceStatus;
}

/** Changes this node did not ask for (a lost node's sockets expiring, a rejoin). */
export type PresenceChangeListener = (change: PresenceChange) => void | Promise<void>;

export abstract class PresenceStore {
  /**
   * A socket of the user connected to `namespace`; null if the user already holds `limit`
   * sockets there across every node (then nothing is counted). Checking and counting are one
   * step, so handshakes racing each other (on any node) can't overshoot.
   */
  abstract connect(
    userId: string,
    namespace: string,
    limit?: number,
  ): Promise<PresenceChange | null>;
  /** A socket of the user on `namespace` closed. */
  abstract disconnect(userId: string, namespace: string): Promise<PresenceChange>;
  /** The user plays a live match on this node (or no longer does). */
  abstract setInGame(userId: string, inGame: boolean): Promise<PresenceChange>;
  /** The user's status on every node, as this node knows it now. */
  abstract statusOf(userId: string): PresenceStatus;
  /** The user's open sockets on `namespace`, on every live node. */
  abstract socketsOn(userId: string, namespace: string): Promise<number>;
  /** Listens for changes this node did not make through the calls above. */
  abstract onChange(listener: PresenceChangeListener): void;
}

/** A player in a live match is `in_game` even while reconnecting; several tabs count once. */
export function presenceStatus(sockets: number, playing: boolean): PresenceStatus {
  if (playing) return 'in_game';
  return sockets > 0 ? 'online' : 'offline';
}

export class InMemoryPresenceStore extends PresenceStore {
  /** userId → namespace → open sockets. */
  private readonly sockets = new Map<string, Map<string, number>>();
  private readonly playing = new Set<string>();

  connect(
    userId: string,
    namespace: string,
    limit = Number.POSITIVE_INFINITY,
  ): Promise<PresenceChange | null> {
    const before = this.statusOf(userId);
    const namespaces = this.sockets.get(userId) ?? new Map<string, number>();
    const held = namespaces.get(namespace) ?? 0;
    if (held >= limit) return Promise.resolve(null);
    namespaces.set(namespace, held + 1);
    this.sockets.set(userId, namespaces);
    return Promise.resolve({ userId, before, after: this.statusOf(userId) });
  }

  disconnect(userId: string, namespace: string): Promise<PresenceChange> {
    const before = this.statusOf(userId);
    const namespaces = this.sockets.get(userId);
    if (namespaces) {
      const left = (namespaces.get(namespace) ?? 0) - 1;
      if (left > 0) namespaces.set(namespace, left);
      else namespaces.delete(namespace);
      if (namespaces.size === 0) this.sockets.delete(userId);
    }
    return Promise.resolve({ userId, before, after: this.statusOf(userId) });
  }

  setInGame(userId: string, inGame: boolean): Promise<PresenceChange> {
    const before = this.statusOf(userId);
    if (inGame) this.playing.add(userId);
    else this.playing.delete(userId);
    return Promise.resolve({ userId, before, after: this.statusOf(userId) });
  }

  statusOf(userId: string): PresenceStatus {
    return presenceStatus(this.sockets.has(userId) ? 1 : 0, this.playing.has(userId));
  }

  socketsOn(userId: string, namespace: string): Promise<number> {
    return Promise.resolve(this.sockets.get(userId)?.get(namespace) ?? 0);
  }

  onChange(): void {
    // one node: every change goes through the calls above
  }
}
