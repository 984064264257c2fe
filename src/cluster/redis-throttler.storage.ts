/**
 * @nestjs/throttler's counts in Redis (@nest-lab/throttler-storage-redis), so a limit such as
 * the login's 10 a minute counts every node's requests. Keys are Arena's (`arena:throttle:`).
 * While Redis can't be reached the limits still hold, counted on this node alone, rather than
 * failing every limited request.
 */
import { Logger } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type Redis from 'ioredis';
import { KEY_PREFIX } from './redis-clients';

export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RedisThrottlerStorage');
  private readonly shared: ThrottlerStorageRedisService;
  private readonly fallback = new ThrottlerStorageService();
  private degraded = false;

  constructor(redis: Redis) {
    this.shared = new ThrottlerStorageRedisService(redis);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const record = await this.shared.increment(
        `${KEY_PREFIX}throttle:${key}`,
        ttl,
        limit,
        blockDuration,
        throttlerName,
      );
      if (this.degraded) this.logger.log('Rate limits counted in Redis again');
      this.degraded = false;
      return record;
    } catch (error) {
      if (!this.degraded) {
        this.logger.warn(`Rate limits counted on this node only: ${String(error)}`);
      }
      this.degraded = true;
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.fallback.onApplicationShutdown();
  }
}
