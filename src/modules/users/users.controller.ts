import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/decorators/id-param.decorator';
import { ApiPageResponse } from '../../common/pagination/pagination';
import { ApiErrors } from '../../common/swagger/error-envelope.dto';
import { MeProfileDto, PublicProfileDto } from './dto/profile.dto';
import { SearchUsersQueryDto, UpdateMeDto } from './dto/users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Authenticated()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOperation({ summary: 'The caller’s own profile' })
  @ApiOkResponse({ type: MeProfileDto })
  me(@CurrentUser() caller: AuthUser): Promise<MeProfileDto> {
    return this.users.getMe(caller.userId);
  }

  @Patch('me')
  @ApiOperation({ summary: 'Change the caller’s display name or bio' })
  @ApiOkResponse({ type: MeProfileDto })
  @ApiErrors(400)
  updateMe(@CurrentUser() caller: AuthUser, @Body() changes: UpdateMeDto): Promise<MeProfileDto> {
    return this.users.updateMe(caller.userId, changes);
  }

  @Get()
  @ApiOperation({ summary: 'Find players by username or display name' })
  @ApiPageResponse(PublicProfileDto)
  @ApiErrors(400)
  search(@Query() query: SearchUsersQueryDto) {
    return this.users.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A player’s public profile' })
  @ApiOkResponse({ type: PublicProfileDto })
  @ApiErrors(404)
  profile(@IdParam() id: string): Promise<PublicProfileDto> {
    return this.users.getPublic(id);
  }
}
