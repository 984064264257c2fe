/**
 * The cluster lock in Redis: `SET arena:lock:<name> <token> NX PX <ttl>` takes it; renewing and
 * releasing are scripts that act only if the key still holds the caller's token, so a holder
 * whose lease ran out can never release or extend someone else's.
 */
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { ClusterLock, Lease } from './cluster-lock';
import { KEY_PREFIX } from './redis-clients';

const lockKey = (name: string) => `${KEY_PREFIX}lock:${name}`;

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

interface Scripted {
  arenaLockRelease(key: string, token: string): Promise<number>;
  arenaLockRenew(key: string, token: string, ttlMs: number): Promise<number>;
}

export class RedisClusterLock extends ClusterLock {
  private readonly redis: Redis & Scripted;

  constructor(redis: Redis) {
    super();
    redis.defineCommand('arenaLockRelease', { numberOfKeys: 1, lua: RELEASE });
    redis.defineCommand('arenaLockRenew', { numberOfKeys: 1, lua: RENEW });
    this.redis = redis as Redis & Scripted;
  }

  async acquire(name: string, ttlMs: number): Promise<Lease | null> {
    const key = lockKey(name);
    const token = randomUUID();
    const taken = await this.redis.set(key, token, 'PX', ttlMs, 'NX');
    if (taken !== 'OK') return null;
    return {
      name,
      token,
      renew: async (ttl: number) => (await this.redis.arenaLockRenew(key, token, ttl)) === 1,
      release: async () => {
        await this.redis.arenaLockRelease(key, token);
      },
    };
  }
}
