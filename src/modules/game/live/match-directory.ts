/**
 * Where live matches run and who plays in them, for every node: each live match has one owner
 * node (the one whose loop steps it), and each user plays at most one live match. Live state
 * behind this small async port: in memory for one node, in Redis on several
 * (src/cluster/redis-match-directory.ts).
 */
export interface HostedMatch {
  matchId: string;
  ownerNode: string;
  /** The accounts playing it (none for the AI's and a local guest's seats). */
  players: string[];
  tournamentId: string | null;
}

export abstract class MatchDirectory {
  /**
   * Makes every one of the users busy with `matchId`, or none of them: false when one of them
   * already plays another live match. Claiming a match the user already plays is a no-op.
   */
  abstract claim(userIds: readonly string[], matchId: string): Promise<boolean>;
  /** The users are free again (only where they were busy with this match). */
  abstract release(userIds: readonly string[], matchId: string): Promise<void>;
  /** The live match the user plays, if any. */
  abstract matchOf(userId: string): Promise<string | null>;
  /** Records (or moves) a live match's owner. */
  abstract host(match: HostedMatch): Promise<void>;
  abstract find(matchId: string): Promise<HostedMatch | null>;
  /** The live matches a node owns. */
  abstract hostedBy(nodeId: string): Promise<HostedMatch[]>;
  /** How many live matches each of these nodes owns. */
  abstract loads(nodeIds: readonly string[]): Promise<number[]>;
  /** The match is over: it leaves the directory (its players are released separately). */
  abstract remove(matchId: string): Promise<void>;
  /** A draining node takes no new match; a node starting clears its own mark. */
  abstract setDraining(nodeId: string, draining: boolean): Promise<void>;
  abstract draining(): Promise<Set<string>>;
}

export class InMemoryMatchDirectory extends MatchDirectory {
  private readonly playing = new Map<string, string>();
  private readonly matches = new Map<string, HostedMatch>();
  private readonly drainingNodes = new Set<string>();

  claim(userIds: readonly string[], matchId: string): Promise<boolean> {
    const busy = userIds.some((id) => {
      const current = this.playing.get(id);
      return current !== undefined && current !== matchId;
    });
    if (!busy) for (const id of userIds) this.playing.set(id, matchId);
    return Promise.resolve(!busy);
  }

  release(userIds: readonly string[], matchId: string): Promise<void> {
    for (const id of userIds) if (this.playing.get(id) === matchId) this.playing.delete(id);
    return Promise.resolve();
  }

  matchOf(userId: string): Promise<string | null> {
    return Promise.resolve(this.playing.get(userId) ?? null);
  }

  host(match: HostedMatch): Promise<void> {
    this.matches.set(match.matchId, { ...match, players: [...match.players] });
    return Promise.resolve();
  }

  find(matchId: string): Promise<HostedMatch | null> {
    return Promise.resolve(this.matches.get(matchId) ?? null);
  }

  hostedBy(nodeId: string): Promise<HostedMatch[]> {
    return Promise.resolve([...this.matches.values()].filter((m) => m.ownerNode === nodeId));
  }

  async loads(nodeIds: readonly string[]): Promise<number[]> {
    return Promise.all(nodeIds.map(async (id) => (await this.hostedBy(id)).length));
  }

  remove(matchId: string): Promise<void> {
    this.matches.delete(matchId);
    return Promise.resolve();
  }

  setDraining(nodeId: string, draining: boolean): Promise<void> {
    if (draining) this.drainingNodes.add(nodeId);
    else this.drainingNodes.delete(nodeId);
    return Promise.resolve();
  }

  draining(): Promise<Set<string>> {
    return Promise.resolve(new Set(this.drainingNodes));
  }
}
