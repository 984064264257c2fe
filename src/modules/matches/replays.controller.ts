import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../../common/decorators/auth.decorators';
import { ApiErrors } from '../../common/swagger/error-envelope.dto';
import { JsonBodyBounds } from '../../common/validation/http-input';
import { PER_MINUTE } from '../auth/auth.controller';
import { ReplayDto, ReplayVerdictDto } from './dto/replay.dto';
import { ReplaysService } from './replays.service';

/**
 * Anyone may check a replay they hold, without an account. The body is bounded by its 1 MiB and
 * by the replay schema (the engine's, shared with the CLI) instead of the 1,000-keys rule: an
 * 11-point match has thousands of inputs. Re-simulation costs CPU, so it is rate-limited per
 * address.
 */
@ApiTags('matches')
@Public()
@Controller('replays')
export class ReplaysController {
  constructor(private readonly replays: ReplaysService) {}

  @Post('verify')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @PER_MINUTE(30)
  @JsonBodyBounds(null)
  @ApiOperation({
    summary: 'Verify any replay: re-simulate it and compare with the result it claims',
    description:
      '`valid` is true only if re-simulating `seed` + `inputs` under `config` and `engine` reproduces `final` and `hash` matches. ' +
      'Another rules version, a stale hash or a replay out of bounds (more than 2 hours of ticks, unsorted inputs, an absurd config) ' +
      'answer `valid: false` with a reason before anything is simulated; a body that is not a Replay is a 400. Body up to 1 MiB; 30 a minute per address.',
  })
  @ApiBody({ type: ReplayDto })
  @ApiOkResponse({ type: ReplayVerdictDto })
  @ApiErrors(400, 413, 429, 503)
  verify(@Body() replay: unknown): Promise<ReplayVerdictDto> {
    return this.replays.verify(replay);
  }
}
