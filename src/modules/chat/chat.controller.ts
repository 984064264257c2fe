import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, AuthUser, CurrentUser } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/decorators/id-param.decorator';
import { ApiErrors } from '../../common/swagger/error-envelope.dto';
import { bodyAfterId } from './body-after-id';
import { ChatService, MAX_CONVERSATIONS } from './chat.service';
import {
  ConversationDto,
  DirectDto,
  HistoryQueryDto,
  MessageDto,
  MessagePageDto,
  ReadDto,
  SendMessageDto,
} from './dto/chat.dto';
import { MessagesService } from './messages.service';

@ApiTags('chat')
@Authenticated()
@Controller('chat')
export class ChatController {
  constructor(
    private readonly chat: ChatService,
    private readonly messages: MessagesService,
  ) {}

  @Get('conversations')
  @ApiOperation({
    summary: `The caller’s conversations, most recent activity first (the ${MAX_CONVERSATIONS} most recent)`,
  })
  @ApiOkResponse({ type: [ConversationDto] })
  list(@CurrentUser() me: AuthUser): Promise<ConversationDto[]> {
    return this.chat.list(me.userId);
  }

  @Post('direct')
  @ApiOperation({ summary: 'Open (or find) the direct conversation with a player' })
  @ApiCreatedResponse({ type: ConversationDto, description: 'Created' })
  @ApiOkResponse({ type: ConversationDto, description: 'It already existed' })
  @ApiErrors(400, 403, 404)
  async direct(
    @CurrentUser() me: AuthUser,
    @Body() body: DirectDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConversationDto> {
    const { created, conversation } = await this.chat.openDirect(me.userId, body.userId);
    reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return conversation;
  }

  @Get('conversations/:id/messages')
  @ApiOperation({ summary: 'History, newest first, keyset by message (`before`); members only' })
  @ApiOkResponse({ type: MessagePageDto })
  @ApiErrors(400, 403, 404)
  history(
    @CurrentUser() me: AuthUser,
    @IdParam('id') id: string,
    @Query() query: HistoryQueryDto,
  ): Promise<MessagePageDto> {
    return this.messages.history(me.userId, id, query.before, query.limit);
  }

  @Post('conversations/:id/messages')
  @ApiOperation({ summary: 'Send a message (plain text, 1..2000 characters after trimming)' })
  @ApiBody({ type: SendMessageDto })
  @ApiCreatedResponse({ type: MessageDto })
  @ApiErrors(400, 403, 404, 429)
  send(
    @CurrentUser() me: AuthUser,
    @IdParam('id') id: string,
    @Body() raw: unknown,
  ): Promise<MessageDto> {
    return this.messages.send(me.userId, id, bodyAfterId(SendMessageDto, raw).body);
  }

  @Post('conversations/:id/read')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Move the caller’s read position; the other members get `chat:read`' })
  @ApiNoContentResponse({ description: 'Read' })
  @ApiErrors(400, 403, 404)
  @ApiBody({ type: ReadDto })
  read(
    @CurrentUser() me: AuthUser,
    @IdParam('id') id: string,
    @Body() raw: unknown,
  ): Promise<void> {
    return this.messages.read(me.userId, id, bodyAfterId(ReadDto, raw).messageId);
  }
}
