import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, Authenticated, CurrentUser } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/decorators/id-param.decorator';
import { ApiPageResponse } from '../../common/pagination/pagination';
import { ApiErrors } from '../../common/swagger/error-envelope.dto';
import { PER_MINUTE } from '../auth/auth.controller';
import { ThrottlerGuard } from '@nestjs/throttler';
import {
  BracketMatchDto,
  CreateTournamentDto,
  JoinTournamentDto,
  ListTournamentsQueryDto,
  TournamentDto,
} from './dto/tournament.dto';
import { TournamentsService } from './tournaments.service';

@ApiTags('tournaments')
@ApiExtraModels(BracketMatchDto)
@Authenticated()
@Controller('tournaments')
export class TournamentsController {
  constructor(private readonly tournaments: TournamentsService) {}

  @Post()
  @UseGuards(ThrottlerGuard)
  @PER_MINUTE(20)
  @ApiOperation({
    summary:
      'Create a tournament: online `{ name, size }` (the creator joins it), or local `{ name, kind: "local", aliases }` (already in progress)',
  })
  @ApiCreatedResponse({ type: TournamentDto })
  @ApiErrors(400, 429)
  create(@CurrentUser() me: AuthUser, @Body() body: CreateTournamentDto): Promise<TournamentDto> {
    return this.tournaments.create(me.userId, body);
  }

  @Get()
  @ApiOperation({ summary: 'Tournaments, newest first, optionally by status' })
  @ApiPageResponse(TournamentDto)
  @ApiErrors(400)
  list(@Query() query: ListTournamentsQueryDto) {
    return this.tournaments.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A tournament with its participants and whole bracket' })
  @ApiOkResponse({ type: TournamentDto })
  @ApiErrors(404)
  get(@IdParam() id: string): Promise<TournamentDto> {
    return this.tournaments.get(id);
  }

  @Post(':id/join')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Take a seat, under an alias (your username by default); the last seat starts it',
  })
  @ApiOkResponse({ type: TournamentDto })
  @ApiErrors(400, 404, 409)
  join(
    @CurrentUser() me: AuthUser,
    @IdParam() id: string,
    @Body() body: JoinTournamentDto,
  ): Promise<TournamentDto> {
    return this.tournaments.join(me.userId, id, body);
  }

  @Post(':id/leave')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Give your seat back while it is registering' })
  @ApiNoContentResponse({ description: 'Left' })
  @ApiErrors(404, 409)
  leave(@CurrentUser() me: AuthUser, @IdParam() id: string): Promise<void> {
    return this.tournaments.leave(me.userId, id);
  }

  @Post(':id/start')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Start it now (creator only, at least 2 participants; byes fill the bracket)',
  })
  @ApiOkResponse({ type: TournamentDto })
  @ApiErrors(403, 404, 409)
  start(@CurrentUser() me: AuthUser, @IdParam() id: string): Promise<TournamentDto> {
    return this.tournaments.start(me.userId, id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Cancel it (creator only, while registering)' })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiErrors(403, 404, 409)
  cancel(@CurrentUser() me: AuthUser, @IdParam() id: string): Promise<void> {
    return this.tournaments.cancel(me.userId, id);
  }
}
