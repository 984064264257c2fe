/**
 * The `/chat` namespace: the realtime layer authenticates (tokens, or API keys with `play`),
 * seats and tracks its sockets and holds each to 20 events a second (see RealtimeSockets); this
 * gateway (thin) validates each event and hands it to a service. Events reach users through
 * their user rooms (ChatNotifier), on whichever node they are connected.
 */
import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import type { AckResult } from '../../common/realtime/realtime.events';
import { ChatNotifier } from '../../realtime/chat-notifier';
import {
  NamespaceSockets,
  RealtimeSocketData,
  RealtimeSockets,
} from '../../realtime/realtime-sockets';
import { parsePayload } from '../../common/validation/parse-payload';
import type { ChatClientEvents, ChatServerEvents } from './chat.events';
import { ChatReadPayload, ChatSendPayload, ConversationPayload, MessageDto } from './dto/chat.dto';
import { MessagesService } from './messages.service';

type ChatSocket = Socket<
  ChatClientEvents,
  ChatServerEvents,
  Record<string, never>,
  RealtimeSocketData
>;
type Ack<T extends object = object> = AckResult<T>;

@WebSocketGateway({ namespace: '/chat' })
export class ChatGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(ChatGateway.name);
  private sockets!: NamespaceSockets;

  constructor(
    private readonly realtime: RealtimeSockets,
    private readonly notifier: ChatNotifier,
    private readonly messages: MessagesService,
  ) {}

  afterInit(namespace: Namespace<Record<string, never>, ChatServerEvents>): void {
    this.sockets = this.realtime.attach(namespace);
    this.notifier.bind(namespace);
  }

  async handleConnection(socket: ChatSocket): Promise<void> {
    socket.on('chat:typing', (body: unknown) => this.typing(socket, body));
    await this.sockets.connected(socket);
  }

  async handleDisconnect(socket: ChatSocket): Promise<void> {
    const user = socket.data.user as RealtimeSocketData['user'] | undefined;
    if (!user) return;
    await this.sockets.disconnected(socket);
  }

  @SubscribeMessage('chat:send')
  send(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ message: MessageDto }>> {
    return this.sockets.acked(socket, ChatSendPayload, body, async (payload) => ({
      message: await this.messages.send(
        socket.data.user.userId,
        payload.conversationId,
        payload.body,
      ),
    }));
  }

  @SubscribeMessage('chat:read')
  read(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack> {
    return this.sockets.acked(socket, ChatReadPayload, body, async (payload) => {
      await this.messages.read(socket.data.user.userId, payload.conversationId, payload.messageId);
      return {};
    });
  }

  @SubscribeMessage('chat:invite')
  invite(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ challengeId: string }>> {
    return this.sockets.acked(socket, ConversationPayload, body, async (payload) => ({
      challengeId: await this.messages.invite(socket.data.user.userId, payload.conversationId),
    }));
  }

  /** Fire-and-forget: counted against the socket's budget, dropped when invalid or over it. */
  private typing(socket: ChatSocket, body: unknown): void {
    if (!this.sockets.allowEvent(socket)) return;
    let payload: ConversationPayload;
    try {
      payload = parsePayload(ConversationPayload, body);
    } catch {
      return;
    }
    this.messages
      .typing(socket.data.user.userId, payload.conversationId)
      .catch((error: unknown) => {
        this.logger.error(`Typing not relayed: ${String(error)}`);
      });
  }
}
