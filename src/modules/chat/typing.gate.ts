/**
 * `chat:typing` is relayed at most once per TYPING_WINDOW_MS per user and conversation, across
 * every node: a port (ARCHITECTURE.md rule 7), in memory on one node, in Redis on several
 * (RedisTypingGate).
 */
import type { Clock } from '../../common/clock/clock';

export const TYPING_WINDOW_MS = 2000;

export abstract class TypingGate {
  /** True if this user's typing in this conversation should be relayed now (and starts a window). */
  abstract admit(userId: string, conversationId: string): Promise<boolean>;
}

/** Past this many open windows, expired ones are swept on the next admit. */
const SWEEP_AT = 10_000;

export class InMemoryTypingGate extends TypingGate {
  /** `<conversation>:<user>` → epoch ms when the window closes. */
  private readonly windows = new Map<string, number>();

  constructor(private readonly clock: Clock) {
    super();
  }

  admit(userId: string, conversationId: string): Promise<boolean> {
    const now = this.clock.now();
    if (this.windows.size >= SWEEP_AT) {
      for (const [key, end] of this.windows) if (end <= now) this.windows.delete(key);
    }
    const key = `${conversationId}:${userId}`;
    const end = this.windows.get(key);
    if (end !== undefined && end > now) return Promise.resolve(false);
    this.windows.set(key, now + TYPING_WINDOW_MS);
    return Promise.resolve(true);
  }
}
