/**
 * Private challenges between two players, waiting for an answer until they expire. Live state
 * kept behind this small class so a shared store can replace it on several nodes.
 */
export interface Challenge {
  id: string;
  fromId: string;
  toId: string;
  expiresAt: number;
}

export class ChallengeBook {
  private readonly byId = new Map<string, Challenge>();

  add(challenge: Challenge): void {
    this.byId.set(challenge.id, challenge);
  }

  get(id: string): Challenge | undefined {
    return this.byId.get(id);
  }

  remove(id: string): void {
    this.byId.delete(id);
  }

  /** A pending challenge between the two, in either direction. */
  between(a: string, b: string): Challenge | undefined {
    for (const challenge of this.byId.values()) {
      if (
        (challenge.fromId === a && challenge.toId === b) ||
        (challenge.fromId === b && challenge.toId === a)
      ) {
        return challenge;
      }
    }
    return undefined;
  }

  /** Removes and returns the challenges whose time ran out. */
  expire(now: number): Challenge[] {
    const expired: Challenge[] = [];
    for (const challenge of this.byId.values()) {
      if (challenge.expiresAt <= now) expired.push(challenge);
    }
    for (const challenge of expired) this.byId.delete(challenge.id);
    return expired;
  }

  /** Removes every challenge the user sent or received (it went offline, or into a match). */
  dropInvolving(userId: string): Challenge[] {
    const dropped = [...this.byId.values()].filter((c) => c.fromId === userId || c.toId === userId);
    for (const challenge of dropped) this.byId.delete(challenge.id);
    return dropped;
  }
}
