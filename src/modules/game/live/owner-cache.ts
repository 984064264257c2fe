/**
 * A short-lived memory of which node owns a match, for the inputs a socket on this node sends to
 * a match running elsewhere: up to 120 a second per player, each would otherwise ask the match
 * directory first. An entry lives `ttlMs` (a match handed over is found again that soon; inputs
 * sent meanwhile to its old node are dropped, as they are during the handover's pause), and the
 * cache holds at most `capacity` matches, forgetting the oldest first. A cache only: the match
 * directory stays the one place that says who owns what.
 */
export class OwnerCache {
  private readonly entries = new Map<string, { node: string; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number,
  ) {}

  get(matchId: string, now: number): string | null {
    const entry = this.entries.get(matchId);
    if (!entry) return null;
    if (entry.until <= now) {
      this.entries.delete(matchId);
      return null;
    }
    return entry.node;
  }

  set(matchId: string, node: string, now: number): void {
    this.entries.delete(matchId);
    this.entries.set(matchId, { node, until: now + this.ttlMs });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  forget(matchId: string): void {
    this.entries.delete(matchId);
  }

  get size(): number {
    return this.entries.size;
  }
}
