import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/decorators/id-param.decorator';
import { ApiErrors } from '../../common/swagger/error-envelope.dto';
import { PublicProfileDto } from '../users/dto/profile.dto';
import { BlocksService } from './blocks.service';
import { TargetUserDto } from './dto/social.dto';

@ApiTags('blocks')
@Authenticated()
@Controller('blocks')
export class BlocksController {
  constructor(private readonly blocks: BlocksService) {}

  @Get()
  @ApiOperation({ summary: 'Players the caller blocked' })
  @ApiOkResponse({ type: [PublicProfileDto] })
  list(@CurrentUser() me: AuthUser): Promise<PublicProfileDto[]> {
    return this.blocks.list(me.userId);
  }

  @Post()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Block a player: also ends any friendship and pending requests between the two',
  })
  @ApiNoContentResponse({ description: 'Blocked (blocking twice is harmless)' })
  @ApiErrors(400, 404)
  block(@CurrentUser() me: AuthUser, @Body() body: TargetUserDto): Promise<void> {
    return this.blocks.block(me.userId, body.userId);
  }

  @Delete(':userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Unblock a player' })
  @ApiNoContentResponse({ description: 'Unblocked' })
  @ApiErrors(404)
  unblock(@CurrentUser() me: AuthUser, @IdParam('userId') userId: string): Promise<void> {
    return this.blocks.unblock(me.userId, userId);
  }
}
