import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/decorators/id-param.decorator';
import { ApiPageResponse, PaginationQueryDto } from '../../common/pagination/pagination';
import { ApiErrors } from '../../common/swagger/error-envelope.dto';
import { LeaderboardEntryDto, ListMatchesQueryDto, MatchDto, UserStatsDto } from './dto/match.dto';
import { ReplayDto, ReplayVerdictDto } from './dto/replay.dto';
import { MatchesService } from './matches.service';
import { ReplaysService } from './replays.service';

@ApiTags('matches')
@Authenticated()
@Controller()
export class MatchesController {
  constructor(
    private readonly matches: MatchesService,
    private readonly replays: ReplaysService,
  ) {}

  @Get('matches')
  @ApiOperation({
    summary: 'Matches, newest first; `?status=in_progress` lists live ones for spectators',
  })
  @ApiPageResponse(MatchDto)
  @ApiErrors(400)
  list(@Query() query: ListMatchesQueryDto) {
    return this.matches.list(query);
  }

  @Get('matches/:id')
  @ApiOperation({ summary: 'One match with its players, scores and rating changes' })
  @ApiOkResponse({ type: MatchDto })
  @ApiErrors(404)
  get(@IdParam() id: string): Promise<MatchDto> {
    return this.matches.get(id);
  }

  @Get('matches/:id/replay')
  @ApiOperation({
    summary: 'The replay of a finished or interrupted match: seed, config, rules and every input',
    description:
      'Re-simulating `seed` + `inputs` under `config` with the engine named by `engine` reproduces `final`. ' +
      '404 for an unknown match, or one without a replay (interrupted by a crash, or older than replays); 409 while it is live.',
  })
  @ApiOkResponse({ type: ReplayDto })
  @ApiErrors(404, 409)
  replay(@IdParam() id: string): Promise<ReplayDto> {
    return this.replays.get(id);
  }

  @Get('matches/:id/replay/verify')
  @ApiOperation({
    summary:
      'Re-simulate the stored replay from its seed and inputs alone and compare with the stored result',
  })
  @ApiOkResponse({ type: ReplayVerdictDto })
  @ApiErrors(404, 409, 503)
  verifyReplay(@IdParam() id: string): Promise<ReplayVerdictDto> {
    return this.replays.verifyStored(id);
  }

  @Get('users/:id/stats')
  @ApiOperation({ summary: 'A player’s career statistics' })
  @ApiOkResponse({ type: UserStatsDto })
  @ApiErrors(404)
  stats(@IdParam() id: string): Promise<UserStatsDto> {
    return this.matches.stats(id);
  }

  @Get('users/:id/matches')
  @ApiOperation({ summary: 'A player’s match history, newest first' })
  @ApiPageResponse(MatchDto)
  @ApiErrors(400, 404)
  history(@IdParam() id: string, @Query() query: PaginationQueryDto) {
    return this.matches.history(id, query);
  }

  @Get('leaderboard')
  @ApiOperation({ summary: 'Players by rating' })
  @ApiPageResponse(LeaderboardEntryDto)
  @ApiErrors(400)
  leaderboard(@Query() query: PaginationQueryDto) {
    return this.matches.leaderboard(query);
  }
}
