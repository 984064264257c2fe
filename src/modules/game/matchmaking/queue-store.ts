/**
 * The waiting rooms of the ranked and casual queues, shared by every node: live state behind
 * this small async port, in memory for one node and in Redis on several
 * (src/cluster/redis-queue-store.ts). A user waits in one queue at most; a pairing takes both
 * players out in one step, so nobody is paired twice, whichever node runs the round.
 */
import type { QueueEntry } from './pairing';

export type QueueMode = 'ranked' | 'casual';
export const QUEUE_MODES: readonly QueueMode[] = ['ranked', 'casual'];

export abstract class QueueStore {
  /** Puts the user in the queue; false if it already waits in one. */
  abstract join(mode: QueueMode, entry: QueueEntry): Promise<boolean>;
  /** Takes the user out of whichever queue it is in; false if it was in none. */
  abstract leave(userId: string): Promise<boolean>;
  abstract has(userId: string): Promise<boolean>;
  /** Everyone waiting in the queue, in no particular order. */
  abstract entries(mode: QueueMode): Promise<QueueEntry[]>;
  /** Takes both players out if both still wait in `mode`; otherwise takes nobody. */
  abstract takePair(mode: QueueMode, a: string, b: string): Promise<boolean>;
}

export class InMemoryQueueStore extends QueueStore {
  private readonly queues: Record<QueueMode, Map<string, QueueEntry>> = {
    ranked: new Map(),
    casual: new Map(),
  };

  join(mode: QueueMode, entry: QueueEntry): Promise<boolean> {
    if (this.inAny(entry.userId)) return Promise.resolve(false);
    this.queues[mode].set(entry.userId, { ...entry });
    return Promise.resolve(true);
  }

  leave(userId: string): Promise<boolean> {
    return Promise.resolve(this.queues.ranked.delete(userId) || this.queues.casual.delete(userId));
  }

  has(userId: string): Promise<boolean> {
    return Promise.resolve(this.inAny(userId));
  }

  entries(mode: QueueMode): Promise<QueueEntry[]> {
    return Promise.resolve([...this.queues[mode].values()]);
  }

  takePair(mode: QueueMode, a: string, b: string): Promise<boolean> {
    const queue = this.queues[mode];
    if (a === b || !queue.has(a) || !queue.has(b)) return Promise.resolve(false);
    queue.delete(a);
    queue.delete(b);
    return Promise.resolve(true);
  }

  private inAny(userId: string): boolean {
    return this.queues.ranked.has(userId) || this.queues.casual.has(userId);
  }
}
