import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, AuthUser, CurrentUser } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/decorators/id-param.decorator';
import { ApiErrors } from '../../common/swagger/error-envelope.dto';
import { PublicProfileDto } from '../users/dto/profile.dto';
import {
  FriendRequestDto,
  FriendRequestsDto,
  FriendsNowDto,
  TargetUserDto,
} from './dto/social.dto';
import { FriendsService } from './friends.service';

@ApiTags('friends')
@Authenticated()
@Controller('friends')
export class FriendsController {
  constructor(private readonly friends: FriendsService) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s friends, with their live status' })
  @ApiOkResponse({ type: [PublicProfileDto] })
  list(@CurrentUser() me: AuthUser): Promise<PublicProfileDto[]> {
    return this.friends.list(me.userId);
  }

  @Get('requests')
  @ApiOperation({ summary: 'Pending friend requests, to and from the caller' })
  @ApiOkResponse({ type: FriendRequestsDto })
  requests(@CurrentUser() me: AuthUser): Promise<FriendRequestsDto> {
    return this.friends.pending(me.userId);
  }

  @Post('requests')
  @ApiOperation({
    summary: 'Ask a player to be friends',
    description:
      'If that player already asked the caller, both become friends at once: 200 `{ friends: true }`.',
  })
  @ApiExtraModels(FriendsNowDto)
  @ApiCreatedResponse({ type: FriendRequestDto })
  @ApiOkResponse({
    schema: { $ref: getSchemaPath(FriendsNowDto) },
    description: 'Crossed requests: now friends',
  })
  @ApiErrors(400, 403, 404, 409)
  async send(
    @CurrentUser() me: AuthUser,
    @Body() body: TargetUserDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FriendRequestDto | FriendsNowDto> {
    const outcome = await this.friends.send(me.userId, body.userId);
    if (outcome.kind === 'friends') {
      void reply.status(HttpStatus.OK);
      return { friends: true };
    }
    return outcome.request;
  }

  @Post('requests/:id/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Accept a request (its addressee only)' })
  @ApiOkResponse({ type: FriendsNowDto })
  @ApiErrors(403, 404)
  async accept(@CurrentUser() me: AuthUser, @IdParam() id: string): Promise<FriendsNowDto> {
    await this.friends.accept(me.userId, id);
    return { friends: true };
  }

  @Post('requests/:id/decline')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Decline a request (addressee) or cancel it (sender)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(404)
  decline(@CurrentUser() me: AuthUser, @IdParam() id: string): Promise<void> {
    return this.friends.decline(me.userId, id);
  }

  @Delete(':userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End a friendship' })
  @ApiNoContentResponse({ description: 'No longer friends' })
  @ApiErrors(404)
  remove(@CurrentUser() me: AuthUser, @IdParam('userId') userId: string): Promise<void> {
    return this.friends.remove(me.userId, userId);
  }
}
