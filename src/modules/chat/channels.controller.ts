import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/decorators/id-param.decorator';
import { ApiPageResponse, Page } from '../../common/pagination/pagination';
import { ApiErrors } from '../../common/swagger/error-envelope.dto';
import { bodyAfterId, MemberParam, uuidAfterId } from './body-after-id';
import { ChatService } from './chat.service';
import {
  BanDto,
  ChannelsQueryDto,
  ChannelSummaryDto,
  ConversationDto,
  CreateChannelDto,
  DirectDto,
  JoinChannelDto,
  MuteDto,
  RoleDto,
  UpdateChannelDto,
} from './dto/chat.dto';

const HIERARCHY = 'owner or admin; nobody acts on the owner, admins don’t act on admins';

@ApiTags('chat')
@Authenticated()
@Controller('chat/channels')
export class ChannelsController {
  constructor(private readonly chat: ChatService) {}

  @Post()
  @ApiOperation({ summary: 'Create a channel (the caller is its owner)' })
  @ApiCreatedResponse({ type: ConversationDto })
  @ApiErrors(400, 409)
  create(@CurrentUser() me: AuthUser, @Body() body: CreateChannelDto): Promise<ConversationDto> {
    return this.chat.createChannel(me.userId, body);
  }

  @Get()
  @ApiOperation({ summary: 'Public and protected channels by name' })
  @ApiPageResponse(ChannelSummaryDto)
  @ApiErrors(400)
  list(@Query() query: ChannelsQueryDto): Promise<Page<ChannelSummaryDto>> {
    return this.chat.directory(query);
  }

  @Post(':id/join')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Join a channel (its password if protected, an invitation if private)' })
  @ApiOkResponse({ type: ConversationDto })
  @ApiErrors(400, 403, 404, 409)
  join(
    @CurrentUser() me: AuthUser,
    @IdParam('id') id: string,
    @Body() body: JoinChannelDto,
  ): Promise<ConversationDto> {
    return this.chat.join(me.userId, id, body.password);
  }

  @Post(':id/leave')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary:
      'Leave a channel: a leaving owner hands it to the oldest admin, else the oldest member; the last member leaving deletes it',
  })
  @ApiNoContentResponse({ description: 'Left' })
  @ApiErrors(400, 403, 404)
  leave(@CurrentUser() me: AuthUser, @IdParam('id') id: string): Promise<void> {
    return this.chat.leave(me.userId, id);
  }

  @Post(':id/invite')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Invite a player (owner or admin): they may join a private channel' })
  @ApiBody({ type: DirectDto })
  @ApiNoContentResponse({ description: 'Invited (a `chat_invite` notification)' })
  @ApiErrors(400, 403, 404, 409)
  invite(
    @CurrentUser() me: AuthUser,
    @IdParam('id') id: string,
    @Body() raw: unknown,
  ): Promise<void> {
    return this.chat.invite(me.userId, id, bodyAfterId(DirectDto, raw).userId);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the channel’s name, visibility or password (owner only)' })
  @ApiOkResponse({ type: ConversationDto })
  @ApiErrors(400, 403, 404, 409)
  update(
    @CurrentUser() me: AuthUser,
    @IdParam('id') id: string,
    @Body() body: UpdateChannelDto,
  ): Promise<ConversationDto> {
    return this.chat.update(me.userId, id, body);
  }

  @Put(':id/members/:userId/role')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Make a member an admin, or a member again (owner only)' })
  @ApiBody({ type: RoleDto })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrors(400, 403, 404)
  @MemberParam()
  role(
    @CurrentUser() me: AuthUser,
    @IdParam('id') id: string,
    @Param('userId') rawUserId: string,
    @Body() raw: unknown,
  ): Promise<void> {
    return this.chat.setRole(
      me.userId,
      id,
      uuidAfterId('userId', rawUserId),
      bodyAfterId(RoleDto, raw).role,
    );
  }

  @Post(':id/members/:userId/kick')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: `Remove a member (${HIERARCHY})` })
  @ApiNoContentResponse({ description: 'Kicked' })
  @ApiErrors(400, 403, 404)
  @MemberParam()
  kick(
    @CurrentUser() me: AuthUser,
    @IdParam('id') id: string,
    @Param('userId') rawUserId: string,
  ): Promise<void> {
    return this.chat.kick(me.userId, id, uuidAfterId('userId', rawUserId));
  }

  @Post(':id/members/:userId/ban')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: `Ban: removed, and can’t join again for \`minutes\` (forever without) (${HIERARCHY})`,
  })
  @ApiNoContentResponse({ description: 'Banned' })
  @ApiErrors(400, 403, 404)
  @MemberParam()
  ban(
    @CurrentUser() me: AuthUser,
    @IdParam('id') id: string,
    @Param('userId') rawUserId: string,
    @Body() body: BanDto,
  ): Promise<void> {
    return this.chat.ban(me.userId, id, uuidAfterId('userId', rawUserId), body);
  }

  @Delete(':id/bans/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Lift a ban (owner or admin)' })
  @ApiNoContentResponse({ description: 'Unbanned' })
  @ApiErrors(400, 403, 404)
  @MemberParam()
  unban(
    @CurrentUser() me: AuthUser,
    @IdParam('id') id: string,
    @Param('userId') rawUserId: string,
  ): Promise<void> {
    return this.chat.unban(me.userId, id, uuidAfterId('userId', rawUserId));
  }

  @Post(':id/members/:userId/mute')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: `Mute: can’t send for \`minutes\` (1..10080) (${HIERARCHY})` })
  @ApiBody({ type: MuteDto })
  @ApiNoContentResponse({ description: 'Muted' })
  @ApiErrors(400, 403, 404)
  @MemberParam()
  mute(
    @CurrentUser() me: AuthUser,
    @IdParam('id') id: string,
    @Param('userId') rawUserId: string,
    @Body() raw: unknown,
  ): Promise<void> {
    return this.chat.mute(
      me.userId,
      id,
      uuidAfterId('userId', rawUserId),
      bodyAfterId(MuteDto, raw).minutes,
    );
  }
}
