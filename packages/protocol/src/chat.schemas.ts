/**
 * The `/chat` namespace (API.md "Chat and notifications"): every client → server payload and its
 * ack, every server → client payload. The event maps in chat.events.ts are derived from these.
 */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { Ack, PublicProfileSchema } from './common.schemas';
import { Closed, Id, IsoTime, Nullable } from './schema-kit';

export const MessageSchema = Closed(
  {
    id: Id(),
    conversationId: Id(),
    sender: Nullable(PublicProfileSchema),
    kind: Type.Union([Type.Literal('text'), Type.Literal('invite'), Type.Literal('system')]),
    body: Type.String(),
    challengeId: Nullable(Id('the challenge an `invite` message carries')),
    createdAt: IsoTime(),
  },
  { $id: 'Message', description: 'A chat message (`sender` is null for `system` messages)' },
);
export type ChatMessage = Static<typeof MessageSchema>;

export const NotificationKindSchema = Type.Union([
  Type.Literal('friend_request'),
  Type.Literal('friend_accepted'),
  Type.Literal('challenge'),
  Type.Literal('tournament_match'),
  Type.Literal('tournament_finished'),
  Type.Literal('chat_invite'),
]);

export const NotificationSchema = Closed(
  {
    id: Id(),
    kind: NotificationKindSchema,
    data: Type.Record(Type.String(), Type.Unknown(), { description: 'what the event is about' }),
    createdAt: IsoTime(),
    readAt: Nullable(IsoTime()),
  },
  { $id: 'Notification', description: 'An inbox entry, stored and pushed live' },
);
export type ChatNotification = Static<typeof NotificationSchema>;

const Body = Type.String({ minLength: 1, maxLength: 2000, description: 'trimmed by the server' });

export const ChatSendSchema = Closed({ conversationId: Id(), body: Body });
export const ChatReadSchema = Closed({ conversationId: Id(), messageId: Id() });
export const ConversationIdSchema = Closed({ conversationId: Id() });
export type ChatSendPayload = Static<typeof ChatSendSchema>;
export type ChatReadPayload = Static<typeof ChatReadSchema>;
export type ConversationIdPayload = Static<typeof ConversationIdSchema>;

export const ChatMemberSchema = Closed({
  conversationId: Id(),
  userId: Id(),
  action: Type.Union([
    Type.Literal('joined'),
    Type.Literal('left'),
    Type.Literal('kicked'),
    Type.Literal('banned'),
    Type.Literal('muted'),
    Type.Literal('role'),
  ]),
});
export type ChatMemberPayload = Static<typeof ChatMemberSchema>;

/** Client → server events of `/chat`: payload and ack (null: fire-and-forget). */
export const CHAT_CLIENT_EVENTS = {
  'chat:send': { payload: ChatSendSchema, ack: Ack({ message: MessageSchema }) },
  'chat:read': { payload: ChatReadSchema, ack: Ack({}) },
  'chat:typing': { payload: ConversationIdSchema, ack: null },
  'chat:invite': {
    payload: ConversationIdSchema,
    ack: Ack({ challengeId: Id('a private challenge, as challenge:send on /game') }),
  },
} as const;

/** Server → client events of `/chat` and their payloads. */
export const CHAT_SERVER_EVENTS = {
  'chat:message': MessageSchema,
  'chat:typing': Closed({ conversationId: Id(), userId: Id() }),
  'chat:read': Closed({ conversationId: Id(), userId: Id(), messageId: Id() }),
  'chat:member': ChatMemberSchema,
  notification: NotificationSchema,
} as const;
