/**
 * The chat panel's bookkeeping, apart from the DOM: histories merged from pages and live
 * messages, the conversation list with its unread counts, typing, and the notification inbox.
 */
import type { Conversation, Message, Notification } from './chat-host';

/** Sending `chat:typing` more often is wasted: the server relays it once per 2 s. */
export const TYPING_INTERVAL_MS = 2000;
/** Someone is shown typing until this long after their last `chat:typing`. */
export const TYPING_SHOWN_MS = 3500;

const time = (iso: string) => Date.parse(iso);

/**
 * One history, oldest first, each message once: `older` holds the earlier ones (a page of
 * history, oldest first), `newer` the later ones (live messages). Messages of the same
 * millisecond keep that order.
 */
export function mergeMessages(older: readonly Message[], newer: readonly Message[]): Message[] {
  const seen = new Set<string>();
  const merged: Message[] = [];
  for (const message of [...older, ...newer]) {
    if (seen.has(message.id)) continue;
    seen.add(message.id);
    merged.push(message);
  }
  // Array.prototype.sort is stable: equal times keep the order above.
  return merged.sort((a, b) => time(a.createdAt) - time(b.createdAt));
}

/** When a conversation last saw activity: its last message, else its creation. */
export function lastActivity(conversation: Conversation): number {
  return time(conversation.lastMessage?.createdAt ?? conversation.createdAt);
}

/** Most recent activity first (as GET /api/chat/conversations answers). */
export function byActivity(list: readonly Conversation[]): Conversation[] {
  return [...list].sort((a, b) => lastActivity(b) - lastActivity(a));
}

/**
 * The list after a live message: its conversation moves to the top with the message as its
 * last, one more unread unless the message is the reader's own or the conversation is being
 * read. Null when the conversation is not in the list (a new one: load the list again).
 */
export function applyMessage(
  list: readonly Conversation[],
  message: Message,
  reader: { me: string; viewing: string | null },
): Conversation[] | null {
  const conversation = list.find((c) => c.id === message.conversationId);
  if (!conversation) return null;
  if (conversation.lastMessage?.id === message.id) return [...list];
  if (conversation.lastMessage && lastActivity(conversation) > time(message.createdAt)) {
    return [...list];
  }
  const counts = message.sender?.id !== reader.me && reader.viewing !== conversation.id;
  const updated: Conversation = {
    ...conversation,
    lastMessage: message,
    unread: conversation.unread + (counts ? 1 : 0),
  };
  return [updated, ...list.filter((c) => c.id !== conversation.id)];
}

/** The list with one conversation read up to its last message. */
export function markRead(list: readonly Conversation[], id: string): Conversation[] {
  return list.map((c) => (c.id === id && c.unread !== 0 ? { ...c, unread: 0 } : c));
}

/** The list with a conversation added or replaced (as the server now describes it). */
export function upsertConversation(
  list: readonly Conversation[],
  conversation: Conversation,
): Conversation[] {
  return byActivity([conversation, ...list.filter((c) => c.id !== conversation.id)]);
}

/** Unread messages across the list, but for the conversation being read. */
export function totalUnread(list: readonly Conversation[], viewing: string | null = null): number {
  return list.reduce((sum, c) => sum + (c.id === viewing ? 0 : c.unread), 0);
}

/** How a conversation is named: the other person, or the channel. */
export function conversationTitle(conversation: Conversation): string {
  if (conversation.kind === 'channel') return conversation.name ?? 'Channel';
  return conversation.peer?.displayName ?? 'Arena';
}

/** Lets `chat:typing` out at most once per interval. */
export class TypingThrottle {
  private last = -Infinity;

  constructor(private readonly intervalMs = TYPING_INTERVAL_MS) {}

  /** True (and counted) when a typing event may go out at `now`. */
  shouldSend(now: number): boolean {
    if (now - this.last < this.intervalMs) return false;
    this.last = now;
    return true;
  }

  /** After a message is sent, the next keystroke says "typing" again at once. */
  reset(): void {
    this.last = -Infinity;
  }
}

/** Who is typing in one conversation, from the `chat:typing` events heard. */
export class TypingRoster {
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly shownMs = TYPING_SHOWN_MS) {}

  typed(userId: string, now: number): void {
    this.lastSeen.set(userId, now);
  }

  /** Someone whose message arrived has stopped typing it. */
  stopped(userId: string): void {
    this.lastSeen.delete(userId);
  }

  /** The people typing at `now`, in the order they started. */
  typing(now: number): string[] {
    for (const [userId, at] of this.lastSeen) {
      if (now - at >= this.shownMs) this.lastSeen.delete(userId);
    }
    return [...this.lastSeen.keys()];
  }

  /** When the earliest of them stops being shown (null: nobody is typing). */
  nextExpiry(): number | null {
    const times = [...this.lastSeen.values()];
    return times.length === 0 ? null : Math.min(...times) + this.shownMs;
  }
}

export function typingText(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}

/** The notification inbox: newest first, each once, and how many are unread. */
export class Inbox {
  items: Notification[] = [];
  unread = 0;

  constructor(private readonly keep = 20) {}

  /** The first page and the unread total, as GET /api/notifications answered them. */
  load(items: readonly Notification[], unread: number): void {
    this.items = items.slice(0, this.keep);
    this.unread = unread;
  }

  /** A live `notification`; false when it was already there. */
  add(notification: Notification): boolean {
    if (this.items.some((n) => n.id === notification.id)) return false;
    this.items = [notification, ...this.items].slice(0, this.keep);
    if (notification.readAt === null) this.unread += 1;
    return true;
  }

  markRead(id: string, at: string): void {
    const item = this.items.find((n) => n.id === id);
    if (!item || item.readAt !== null) return;
    this.items = this.items.map((n) => (n.id === id ? { ...n, readAt: at } : n));
    this.unread = Math.max(0, this.unread - 1);
  }

  markAllRead(at: string): void {
    this.items = this.items.map((n) => (n.readAt === null ? { ...n, readAt: at } : n));
    this.unread = 0;
  }
}

/** What a notification says, in a sentence. */
export function describeNotification(notification: Notification): string {
  const data = notification.data;
  const name = (value: unknown) =>
    value && typeof value === 'object' && 'displayName' in value
      ? String(value.displayName)
      : 'Someone';
  switch (notification.kind) {
    case 'friend_request':
      return `${name(data.from)} sent you a friend request.`;
    case 'friend_accepted':
      return `${name(data.user)} accepted your friend request.`;
    case 'challenge':
      return `${name(data.from)} challenged you to a match.`;
    case 'tournament_match':
      return `Your tournament match (round ${String(data.round)}) is ready.`;
    case 'tournament_finished':
      return typeof data.winner === 'string'
        ? `The tournament ${String(data.name)} is over: ${data.winner} won.`
        : `The tournament ${String(data.name)} is over.`;
    case 'chat_invite':
      return `${name(data.from)} invited you to the channel ${String(data.name)}.`;
  }
}
