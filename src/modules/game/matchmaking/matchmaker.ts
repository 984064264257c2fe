/**
 * The waiting room of the ranked and casual queues. Live state kept behind this small class so a
 * shared (Redis) queue can replace it when Arena runs on several nodes.
 */
import { pairPlayers, QueueEntry } from './pairing';

export type QueueMode = 'ranked' | 'casual';

export class Matchmaker {
  private readonly queues: Record<QueueMode, Map<string, QueueEntry>> = {
    ranked: new Map(),
    casual: new Map(),
  };

  has(userId: string): boolean {
    return this.queues.ranked.has(userId) || this.queues.casual.has(userId);
  }

  join(mode: QueueMode, entry: QueueEntry): void {
    this.queues[mode].set(entry.userId, entry);
  }

  leave(userId: string): boolean {
    return this.queues.ranked.delete(userId) || this.queues.casual.delete(userId);
  }

  size(mode: QueueMode): number {
    return this.queues[mode].size;
  }

  /** Removes and returns every pair the policy allows now. */
  takePairs(mode: QueueMode, now: number): [QueueEntry, QueueEntry][] {
    const { pairs } = pairPlayers([...this.queues[mode].values()], mode, now);
    for (const [a, b] of pairs) {
      this.queues[mode].delete(a.userId);
      this.queues[mode].delete(b.userId);
    }
    return pairs;
  }
}
