/**
 * argon2id password hashing with OWASP's minimum cost (19 MiB, 2 passes, 1 lane).
 *
 * Each hash or verification keeps a core busy for tens of milliseconds on libuv's thread pool
 * (four threads): four at once would take both cores of a small machine from the 60 Hz game
 * loop. So every one of them (hash, verify, burn) passes one gate that lets at most
 * `argon2Permits()` run at once, one core short of the machine, the rest waiting first come,
 * first served. Past `MAX_WAITING` waiting, more are refused at once with a 503 and Retry-After:
 * a burst of logins then costs its senders a retry, not everyone else seconds of latency.
 */
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as argon2 from 'argon2';
import { availableParallelism } from 'node:os';
import { Semaphore } from '../../common/concurrency/semaphore';
import { UnavailableError } from '../../common/errors';
import type { ArenaConfig } from '../../config';

/** argon2 operations allowed at once: every core but one, and at least one. */
export function argon2Permits(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

/** Operations that may wait for a permit: about 2 s of work at 1 permit, then 503. */
export const MAX_WAITING = 64;

@Injectable()
export class PasswordHasher {
  private readonly options: argon2.HashOptions & { raw?: false };
  private readonly gate = new Semaphore(argon2Permits());
  private dummyHash?: Promise<string>;

  constructor(config: ConfigService<ArenaConfig, true>) {
    const auth = config.get('auth', { infer: true });
    this.options = {
      type: argon2.argon2id,
      memoryCost: auth.argon2MemoryKiB,
      timeCost: auth.argon2TimeCost,
      parallelism: 1,
    };
  }

  hash(password: string): Promise<string> {
    return this.limited(() => argon2.hash(password, this.options));
  }

  verify(hash: string, password: string): Promise<boolean> {
    // Only argon2's own failure (a malformed stored hash) means "no": a full gate stays a 503.
    return this.limited(async () => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    });
  }

  /** True when the hash was made with weaker settings than today's and should be redone. */
  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, this.options);
    } catch {
      return true;
    }
  }

  /**
   * Spends the time of a real verification, so a login for an unknown user takes as long as a
   * wrong password and response times don't reveal which accounts exist.
   */
  async burn(password: string): Promise<void> {
    this.dummyHash ??= this.hash('arena-timing-equaliser').catch((error: unknown) => {
      this.dummyHash = undefined; // refused while busy: the next burn makes it again
      throw error;
    });
    await this.verify(await this.dummyHash, password);
  }

  private limited<T>(task: () => Promise<T>): Promise<T> {
    if (this.gate.waiting >= MAX_WAITING) {
      return Promise.reject(
        new UnavailableError('Too many password checks are waiting; try again in a moment'),
      );
    }
    return this.gate.run(task);
  }
}
