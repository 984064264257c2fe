/**
 * Readiness of the shared live state: a PING to Redis answered within a second. Not part of the
 * check on a node without REDIS_URL. A node whose Redis is down answers 503 on /health/ready
 * and 200 again once its connection is back (ioredis reconnects by itself).
 */
import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { RedisClients } from '../../cluster/redis-clients';

export const REDIS_PING_TIMEOUT_MS = 1000;

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    @Optional() @Inject(RedisClients) private readonly redis: RedisClients | null,
  ) {}

  get enabled(): boolean {
    return this.redis !== null && this.redis !== undefined;
  }

  async ping() {
    const check = this.indicator.check('redis');
    if (!this.redis) return check.up();
    try {
      await this.redis.ping(REDIS_PING_TIMEOUT_MS);
      return check.up();
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
