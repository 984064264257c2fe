import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../../common/decorators/auth.decorators';
import { UnavailableError } from '../../common/errors';
import { RedisHealthIndicator } from './redis.health';

/** Liveness and readiness for orchestrators and the container's HEALTHCHECK (outside /api). */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: the database answers (and Redis, when REDIS_URL is set)',
    description:
      'Each dependency must answer within a second. 503 while one is unreachable, 200 again ' +
      'once it is back, without a restart. Served by every node, whatever its ARENA_ROLE.',
  })
  @ApiServiceUnavailableResponse({
    description:
      'The error envelope naming what is unreachable, e.g. `Not ready: redis unreachable`, with `Retry-After`',
  })
  async ready() {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 1000 }),
        ...(this.redis.enabled ? [() => this.redis.ping()] : []),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Names the dependencies that failed, never their addresses or errors.
      const { error: down } = error.getResponse() as { error?: Record<string, unknown> };
      const names = Object.keys(down ?? {}).join(' and ') || 'a dependency';
      throw new UnavailableError(`Not ready: ${names} unreachable`);
    }
  }
}
