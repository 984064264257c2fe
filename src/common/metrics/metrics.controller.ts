import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../decorators/auth.decorators';
import { ApiErrors } from '../swagger/error-envelope.dto';
import { MetricsTokenGuard } from './metrics-token.guard';
import { MetricsService } from './metrics.service';

/** Not behind the users' access tokens, but behind METRICS_TOKEN (see MetricsTokenGuard). */
@ApiTags('health')
@Public()
@UseGuards(MetricsTokenGuard)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary:
      'Prometheus metrics: HTTP latency, tick duration and lateness, live matches, queues, sockets',
    description:
      'Needs `Authorization: Bearer <METRICS_TOKEN>`; without METRICS_TOKEN set, open outside production only.',
  })
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format' })
  @ApiErrors(401)
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
