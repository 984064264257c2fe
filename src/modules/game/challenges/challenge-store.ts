/**
 * Private challenges waiting for an answer until they expire, shared by every node: live state
 * behind this small async port, in memory for one node and in Redis on several
 * (src/cluster/redis-challenge-store.ts). Taking a challenge (an answer, its expiry) removes it
 * in one step, so exactly one node acts on it.
 */
export interface Challenge {
  id: string;
  fromId: string;
  toId: string;
  expiresAt: number;
}

export abstract class ChallengeStore {
  /** Stores the challenge; false if one between the two (either way) is pending. */
  abstract add(challenge: Challenge): Promise<boolean>;
  abstract get(id: string): Promise<Challenge | null>;
  /** Removes and returns the challenge; null if it is gone (answered, expired). */
  abstract take(id: string): Promise<Challenge | null>;
  /** Removes and returns the challenges whose time ran out by `now`. */
  abstract takeExpired(now: number): Promise<Challenge[]>;
  /** Removes and returns every challenge the user sent or received. */
  abstract takeInvolving(userId: string): Promise<Challenge[]>;
}

/** The key of the pair, the same whoever challenged whom. */
export const pairOf = (a: string, b: string): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

export class InMemoryChallengeStore extends ChallengeStore {
  private readonly byId = new Map<string, Challenge>();
  private readonly pairs = new Set<string>();

  add(challenge: Challenge): Promise<boolean> {
    const pair = pairOf(challenge.fromId, challenge.toId);
    if (this.pairs.has(pair)) return Promise.resolve(false);
    this.pairs.add(pair);
    this.byId.set(challenge.id, { ...challenge });
    return Promise.resolve(true);
  }

  get(id: string): Promise<Challenge | null> {
    return Promise.resolve(this.byId.get(id) ?? null);
  }

  take(id: string): Promise<Challenge | null> {
    return Promise.resolve(this.remove(id));
  }

  takeExpired(now: number): Promise<Challenge[]> {
    const due = [...this.byId.values()].filter((challenge) => challenge.expiresAt <= now);
    return Promise.resolve(due.map((challenge) => this.remove(challenge.id) as Challenge));
  }

  takeInvolving(userId: string): Promise<Challenge[]> {
    const involved = [...this.byId.values()].filter(
      (challenge) => challenge.fromId === userId || challenge.toId === userId,
    );
    return Promise.resolve(involved.map((challenge) => this.remove(challenge.id) as Challenge));
  }

  private remove(id: string): Challenge | null {
    const challenge = this.byId.get(id);
    if (!challenge) return null;
    this.byId.delete(id);
    this.pairs.delete(pairOf(challenge.fromId, challenge.toId));
    return challenge;
  }
}
