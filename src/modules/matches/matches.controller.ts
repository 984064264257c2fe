import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/decorators/id-param.decorator';
import { ApiPageResponse, PaginationQueryDto } from '../../common/pagination/pagination';
import { ApiErrors } from '../../common/swagger/error-envelope.dto';
import { LeaderboardEntryDto, ListMatchesQueryDto, MatchDto, UserStatsDto } from './dto/match.dto';
import { MatchesService } from './matches.service';

@ApiTags('matches')
@Authenticated()
@Controller()
export class MatchesController {
  constructor(private readonly matches: MatchesService) {}

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
