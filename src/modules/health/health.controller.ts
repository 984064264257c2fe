import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { getHealthCheckSchema } from '@nestjs/terminus/dist/health-check/health-check.schema';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../../common/decorators/auth.decorators';
import { UnavailableError } from '../../common/errors';
import { ErrorEnvelopeDto } from '../../common/swagger/error-envelope.dto';
import { RedisHealthIndicator } from './redis.health';

/**
 * Terminus's check answers 200 with its report; a failure is Arena's error envelope (a 503 from
 * `ready`), so terminus's own Swagger (its report as the 503 body) is replaced by ours.
 */
const HealthReport = () =>
  ApiOkResponse({ description: 'The check passed', schema: getHealthCheckSchema('ok') });
const NO_SWAGGER = { noCache: true, swaggerDocumentation: false };

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
  @HealthCheck(NO_SWAGGER)
  @HealthReport()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck(NO_SWAGGER)
  @HealthReport()
  @ApiOperation({
    summary: 'Readiness: the database answers (and Redis, when REDIS_URL is set)',
    description:
      'Each dependency must answer within a second. 503 while one is unreachable, 200 again ' +
      'once it is back, without a restart. Served by every node, whatever its ARENA_ROLE.',
  })
  @ApiExtraModels(ErrorEnvelopeDto)
  @ApiServiceUnavailableResponse({
    description:
      'The error envelope naming what is unreachable, e.g. `Not ready: redis unreachable`, with `Retry-After`',
    schema: { $ref: getSchemaPath(ErrorEnvelopeDto) },
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
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
