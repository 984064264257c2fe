import type { Conversation, Message, Notification } from './chat-host';
import {
  applyMessage,
  byActivity,
  conversationTitle,
  describeNotification,
  Inbox,
  markRead,
  mergeMessages,
  totalUnread,
  TypingRoster,
  TypingThrottle,
  typingText,
  upsertConversation,
} from './chat-model';

const ME = 'me-0000';
const BOB = 'bob-0000';

const profile = (id: string, displayName: string) => ({
  id,
  username: displayName.toLowerCase(),
  displayName,
  avatarUrl: null,
  bio: '',
  status: 'online' as const,
  rating: 1000,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const at = (second: number) => new Date(Date.UTC(2026, 0, 2, 12, 0, second)).toISOString();

function message(
  id: string,
  second: number,
  from: string | null = BOB,
  conversationId = 'c1',
): Message {
  return {
    id,
    conversationId,
    sender: from ? profile(from, from === ME ? 'Me' : 'Bob') : null,
    kind: from ? 'text' : 'system',
    body: `body ${id}`,
    challengeId: null,
    createdAt: at(second),
  };
}

function conversation(id: string, overrides: Partial<Conversation> = {}): Conversation {
  return {
    id,
    kind: 'direct',
    name: null,
    visibility: null,
    peer: profile(BOB, 'Bob'),
    role: 'member',
    members: 2,
    lastMessage: null,
    unread: 0,
    createdAt: at(0),
    ...overrides,
  };
}

const ids = (messages: Message[]) => messages.map((m) => m.id);

describe('mergeMessages', () => {
  it('puts an older page before the live messages, each message once, oldest first', () => {
    const live = [message('m4', 4), message('m5', 5)];
    // A page of history that already holds the first live message (it arrived while loading).
    const page = [message('m2', 2), message('m3', 3), message('m4', 4)];
    expect(ids(mergeMessages(page, live))).toEqual(['m2', 'm3', 'm4', 'm5']);
  });

  it('ignores a live message already in the history (the echo of one sent by ack)', () => {
    const history = [message('m1', 1), message('m2', 2, ME)];
    expect(ids(mergeMessages(history, [message('m2', 2, ME)]))).toEqual(['m1', 'm2']);
  });

  it('places a late message by its time and keeps messages of the same millisecond in order', () => {
    const history = [message('a', 1), message('b', 3), message('c', 3)];
    expect(ids(mergeMessages(history, [message('late', 2), message('d', 3)]))).toEqual([
      'a',
      'late',
      'b',
      'c',
      'd',
    ]);
  });
});

describe('the conversation list', () => {
  const list = () => [
    conversation('c1', { lastMessage: message('m1', 10, BOB, 'c1') }),
    conversation('c2', {
      kind: 'channel',
      name: 'lobby',
      peer: null,
      members: 5,
      createdAt: at(20),
    }),
  ];

  it('orders conversations by their latest activity', () => {
    expect(byActivity(list()).map((c) => c.id)).toEqual(['c2', 'c1']);
  });

  it('moves a conversation with a new message to the top and counts it unread', () => {
    const next = applyMessage(list(), message('m2', 30, BOB, 'c1'), { me: ME, viewing: null });
    expect(next?.map((c) => [c.id, c.unread])).toEqual([
      ['c1', 1],
      ['c2', 0],
    ]);
    expect(next?.[0].lastMessage?.id).toBe('m2');
  });

  it('does not count the reader’s own messages, nor those of the conversation being read', () => {
    const own = applyMessage(list(), message('m2', 30, ME, 'c1'), { me: ME, viewing: null });
    expect(own?.[0]).toMatchObject({ id: 'c1', unread: 0 });
    const read = applyMessage(list(), message('m3', 31, BOB, 'c1'), { me: ME, viewing: 'c1' });
    expect(read?.[0]).toMatchObject({ id: 'c1', unread: 0 });
  });

  it('counts a message once, even when it arrives twice or after the list already had it', () => {
    const once = applyMessage(list(), message('m2', 30, BOB, 'c1'), { me: ME, viewing: null })!;
    const twice = applyMessage(once, message('m2', 30, BOB, 'c1'), { me: ME, viewing: null })!;
    expect(twice[0]).toMatchObject({ id: 'c1', unread: 1 });
    // A message older than the list's last one was counted by the server already.
    const stale = applyMessage(twice, message('m0', 5, BOB, 'c1'), { me: ME, viewing: null })!;
    expect(stale.find((c) => c.id === 'c1')).toMatchObject({
      unread: 1,
      lastMessage: { id: 'm2' },
    });
  });

  it('answers null for a conversation it does not know (the list must be loaded again)', () => {
    expect(
      applyMessage(list(), message('x', 40, BOB, 'new'), { me: ME, viewing: null }),
    ).toBeNull();
  });

  it('clears a conversation’s unread count and totals the others', () => {
    const counted = [
      conversation('c1', { unread: 3 }),
      conversation('c2', { unread: 2 }),
      conversation('c3', { unread: 0 }),
    ];
    expect(totalUnread(counted)).toBe(5);
    expect(totalUnread(counted, 'c1')).toBe(2);
    expect(markRead(counted, 'c1').map((c) => c.unread)).toEqual([0, 2, 0]);
  });

  it('adds or replaces a conversation in its place by activity', () => {
    const joined = conversation('c3', {
      kind: 'channel',
      name: 'new',
      peer: null,
      createdAt: at(50),
    });
    expect(upsertConversation(list(), joined).map((c) => c.id)).toEqual(['c3', 'c2', 'c1']);
    const again = upsertConversation(upsertConversation(list(), joined), { ...joined, members: 9 });
    expect(again.filter((c) => c.id === 'c3')).toEqual([{ ...joined, members: 9 }]);
  });

  it('titles a conversation: its peer, its channel name, or Arena for system messages', () => {
    expect(conversationTitle(conversation('c1', { unread: 2 }))).toBe('Bob');
    expect(
      conversationTitle(conversation('c2', { kind: 'channel', name: 'lobby', peer: null })),
    ).toBe('lobby');
    expect(conversationTitle(conversation('c3', { peer: null }))).toBe('Arena');
  });
});

describe('typing', () => {
  it('lets chat:typing out at most once per interval, and again at once after a send', () => {
    const throttle = new TypingThrottle(2000);
    expect([0, 500, 1999, 2000, 3000].map((t) => throttle.shouldSend(t))).toEqual([
      true,
      false,
      false,
      true,
      false,
    ]);
    throttle.reset();
    expect(throttle.shouldSend(3001)).toBe(true);
  });

  it('shows who typed recently, until their message arrives or the time runs out', () => {
    const roster = new TypingRoster(3000);
    roster.typed('bob', 0);
    roster.typed('cy', 1000);
    expect(roster.typing(1500)).toEqual(['bob', 'cy']);
    expect(roster.nextExpiry()).toBe(3000);
    expect(roster.typing(3000)).toEqual(['cy']);
    roster.stopped('cy');
    expect(roster.typing(3001)).toEqual([]);
    expect(roster.nextExpiry()).toBeNull();
  });

  it('says it in a sentence', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['Bob'])).toBe('Bob is typing…');
    expect(typingText(['Bob', 'Cy'])).toBe('Bob and Cy are typing…');
    expect(typingText(['Bob', 'Cy', 'Di'])).toBe('Several people are typing…');
  });
});

describe('the notification inbox', () => {
  const notification = (id: string, readAt: string | null = null): Notification => ({
    id,
    kind: 'friend_request',
    data: { requestId: 'r1', from: profile(BOB, 'Bob') },
    createdAt: at(1),
    readAt,
  });

  it('keeps the unread count through live notifications and marking them read', () => {
    const inbox = new Inbox(3);
    inbox.load([notification('n2'), notification('n1', at(2))], 1);
    expect(inbox.add(notification('n3'))).toBe(true);
    expect(inbox.add(notification('n3'))).toBe(false);
    expect(inbox.unread).toBe(2);
    inbox.markRead('n3', at(5));
    inbox.markRead('n3', at(6));
    inbox.markRead('n1', at(6));
    expect(inbox.unread).toBe(1);
    inbox.add(notification('n4'));
    expect(inbox.items.map((n) => n.id)).toEqual(['n4', 'n3', 'n2']);
    inbox.markAllRead(at(9));
    expect(inbox.unread).toBe(0);
    expect(inbox.items.every((n) => n.readAt !== null)).toBe(true);
  });

  it('describes each kind of notification', () => {
    const of = (kind: Notification['kind'], data: Notification['data']) =>
      describeNotification({ ...notification('n'), kind, data });
    const bob = profile(BOB, 'Bob');
    expect(of('friend_request', { from: bob })).toBe('Bob sent you a friend request.');
    expect(of('friend_accepted', { user: bob })).toBe('Bob accepted your friend request.');
    expect(of('challenge', { from: bob, challengeId: 'x' })).toBe('Bob challenged you to a match.');
    expect(of('tournament_match', { round: 2 })).toBe('Your tournament match (round 2) is ready.');
    expect(of('tournament_finished', { name: 'Cup', winner: 'Ann' })).toBe(
      'The tournament Cup is over: Ann won.',
    );
    expect(of('tournament_finished', { name: 'Cup', winner: null })).toBe(
      'The tournament Cup is over.',
    );
    expect(of('chat_invite', { from: bob, name: 'lobby' })).toBe(
      'Bob invited you to the channel lobby.',
    );
  });
});
