/**
 * The Socket.IO contract of the `/chat` namespace, typed both ways (API.md "Chat and
 * notifications"), in the style of the `/game` one (common/realtime/realtime.events.ts).
 */
import type { AckResult } from '../../common/realtime/realtime.events';
import type { NotificationDto } from '../notifications/dto/notification.dto';
import type { MessageDto } from './dto/chat.dto';

export type MemberAction = 'joined' | 'left' | 'kicked' | 'banned' | 'muted' | 'role';

export interface ChatMemberPayload {
  conversationId: string;
  userId: string;
  action: MemberAction;
}

export interface ChatServerEvents {
  'chat:message': (payload: MessageDto) => void;
  'chat:typing': (payload: { conversationId: string; userId: string }) => void;
  'chat:read': (payload: { conversationId: string; userId: string; messageId: string }) => void;
  'chat:member': (payload: ChatMemberPayload) => void;
  notification: (payload: NotificationDto) => void;
}

type Acked<P, T extends object = object> = (
  payload: P,
  ack: (result: AckResult<T>) => void,
) => void;

export interface ChatClientEvents {
  'chat:send': Acked<{ conversationId: string; body: string }, { message: MessageDto }>;
  'chat:read': Acked<{ conversationId: string; messageId: string }>;
  'chat:typing': (payload: { conversationId: string }) => void;
  'chat:invite': Acked<{ conversationId: string }, { challengeId: string }>;
}

export type ChatEvent = keyof ChatServerEvents;
export type ChatPayload<E extends ChatEvent> = Parameters<ChatServerEvents[E]>[0];
