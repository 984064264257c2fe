/**
 * A lock for work that must happen once in the cluster (resuming tournaments at start-up, and in
 * time matchmaking rounds). A holder gets a lease: it ends by itself after `ttlMs` unless
 * renewed, so a node that dies holding it can't block the others for longer than that. Only the
 * holder's token can renew or release it.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../common/clock/clock';

export interface Lease {
  readonly name: string;
  readonly token: string;
  /** Extends the lease; false if it was lost meanwhile (expired, taken by another). */
  renew(ttlMs: number): Promise<boolean>;
  /** Gives the lock back (only if still held by this lease). */
  release(): Promise<void>;
}

export interface ExclusiveOptions {
  /** The lease's length; renewed every third of it while the task runs. */
  ttlMs?: number;
  /** How long to wait for the lock before giving up (0: try once). */
  waitMs?: number;
}

export type Exclusive<T> = { ran: true; value: T } | { ran: false };

const RETRY_MS = 100;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export abstract class ClusterLock {
  /** Takes the lock if free: a lease, or null. */
  abstract acquire(name: string, ttlMs: number): Promise<Lease | null>;

  /**
   * Runs `task` holding the lock, renewing its lease meanwhile; `{ ran: false }` if the lock
   * could not be had within `waitMs`.
   */
  async runExclusive<T>(
    name: string,
    task: () => Promise<T>,
    { ttlMs = 15_000, waitMs = 0 }: ExclusiveOptions = {},
  ): Promise<Exclusive<T>> {
    const until = Date.now() + waitMs;
    let lease = await this.acquire(name, ttlMs);
    while (!lease && Date.now() < until) {
      await sleep(RETRY_MS);
      lease = await this.acquire(name, ttlMs);
    }
    if (!lease) return { ran: false };
    const held = lease;
    const renewal = setInterval(() => {
      held.renew(ttlMs).catch(() => undefined);
    }, ttlMs / 3);
    renewal.unref();
    try {
      return { ran: true, value: await task() };
    } finally {
      clearInterval(renewal);
      await held.release().catch(() => undefined);
    }
  }
}

/** One node: leases in memory, timed by the injected clock. */
export class InMemoryClusterLock extends ClusterLock {
  private readonly held = new Map<string, { token: string; expiresAt: number }>();

  constructor(private readonly clock: Clock) {
    super();
  }

  acquire(name: string, ttlMs: number): Promise<Lease | null> {
    const now = this.clock.now();
    const current = this.held.get(name);
    if (current && current.expiresAt > now) return Promise.resolve(null);
    const token = randomUUID();
    this.held.set(name, { token, expiresAt: now + ttlMs });
    return Promise.resolve({
      name,
      token,
      renew: (ttl: number) => {
        const lease = this.held.get(name);
        if (lease?.token !== token || lease.expiresAt <= this.clock.now()) {
          return Promise.resolve(false);
        }
        lease.expiresAt = this.clock.now() + ttl;
        return Promise.resolve(true);
      },
      release: () => {
        if (this.held.get(name)?.token === token) this.held.delete(name);
        return Promise.resolve();
      },
    });
  }
}
