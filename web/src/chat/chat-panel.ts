/**
 * Arena's chat panel (API.md "Chat and notifications"): the conversation list with unread
 * counts, kept live from `/chat`; one open conversation at a time; the channel directory; the
 * notification inbox. Written against ChatHost only, so it needs nothing else of the page.
 */
import { h, replaceChildren } from '../dom';
import type { ChatHost, Conversation, Message, Notification } from './chat-host';
import {
  applyMessage,
  conversationTitle,
  markRead,
  totalUnread,
  upsertConversation,
} from './chat-model';
import { channelsPane } from './channels-pane';
import { conversationView, type ConversationView } from './conversation-view';
import { failureText } from '../failure';
import { onDirectConversationRequested } from './message-button';
import { applyMemberEvent, type MemberEvent } from './moderation-model';
import { notificationsPane } from './notifications-pane';

type Pane = 'conversations' | 'channels' | 'notifications';

/** The chat in its region of the layout: mounted once signed in, unmounted on sign-out. */
export interface ChatPanel {
  mount(region: HTMLElement): void;
  unmount(): void;
}

export function createChatPanel(host: ChatHost): ChatPanel {
  let root: HTMLElement | null = null;
  let stop: (() => void)[] = [];
  return {
    mount(region) {
      if (root) return;
      const mounted = mountPanel(host);
      root = mounted.element;
      stop = mounted.stop;
      region.append(root);
    },
    unmount() {
      for (const off of stop.splice(0)) off();
      root?.remove();
      root = null;
    },
  };
}

function mountPanel(host: ChatHost): { element: HTMLElement; stop: (() => void)[] } {
  let conversations: Conversation[] = [];
  /** The message each conversation is known read up to (no read request for it again). */
  const readUpTo = new Map<string, string>();
  let open: ConversationView | null = null;
  let pane: Pane = 'conversations';
  let unreadNotifications = 0;
  /** Channels the reader was muted in, this session (until a message of theirs goes through). */
  const mutedIn = new Set<string>();

  const alertLine = h('p', { class: 'error', role: 'alert' });
  const alert = (text: string) => {
    alertLine.textContent = text;
  };

  // ---- the tabs ----
  // Seen as a name and a count badge; read as "name, N unread" (the hidden text is the name).
  const counted = (name: string, count: number, nameClass: string | null = null) =>
    count > 0
      ? [
          h('span', { class: 'visually-hidden' }, `${name}, ${count} unread`),
          h('span', { class: nameClass, 'aria-hidden': 'true' }, name),
          h('span', { class: 'badge', 'aria-hidden': 'true' }, String(count)),
        ]
      : [h('span', { class: nameClass }, name)];
  // A tab shows its pane from the top: an open conversation closes (it is no longer read).
  const tab = (id: Pane, label: string) =>
    h(
      'button',
      {
        type: 'button',
        'aria-pressed': 'false',
        onclick: () => {
          closeConversation();
          show(id);
        },
      },
      label,
    );
  const tabs: Record<Pane, HTMLButtonElement> = {
    conversations: tab('conversations', 'Conversations'),
    channels: tab('channels', 'Channels'),
    notifications: tab('notifications', 'Notifications'),
  };
  const renderTabs = () => {
    const unread = totalUnread(conversations, open?.conversation.id ?? null);
    replaceChildren(tabs.conversations, counted('Conversations', unread));
    replaceChildren(tabs.notifications, counted('Notifications', unreadNotifications));
    for (const [id, button] of Object.entries(tabs)) {
      button.setAttribute('aria-pressed', String(id === pane));
    }
  };

  // ---- the conversation list ----
  const list = h('ul', { class: 'chat-list conversations', 'aria-label': 'Conversations' });
  const connecting = h('p', { class: 'help', role: 'status' }, 'Connecting to the chat…');
  const noConversations = h(
    'p',
    { class: 'help' },
    'No conversations yet: message a player from their profile, or join a channel.',
  );
  const listPane = h('div', null, connecting, list, noConversations);
  const conversationPane = h('div', { hidden: true });

  const preview = (c: Conversation) => {
    const last = c.lastMessage;
    if (!last) return c.kind === 'channel' ? `Channel · ${c.members} members` : 'No messages yet';
    const who = !last.sender
      ? 'Arena'
      : last.sender.id === host.me.id
        ? 'You'
        : last.sender.displayName;
    const text = last.kind === 'invite' ? 'a game invitation' : last.body;
    return `${who}: ${text}`;
  };

  function renderList(): void {
    replaceChildren(
      list,
      conversations.map((c) =>
        h(
          'li',
          { class: c.unread > 0 ? 'unread' : null },
          h(
            'button',
            {
              type: 'button',
              class: 'conversation-link',
              'data-conversation': c.id,
              onclick: () => openConversation(c),
            },
            counted(conversationTitle(c), c.unread, 'title'),
          ),
          h('p', { class: 'preview' }, preview(c)),
        ),
      ),
    );
    noConversations.hidden = conversations.length > 0 || !connecting.hidden;
    renderTabs();
  }

  function setConversations(next: Conversation[]): void {
    conversations = next;
    renderList();
    // The open conversation follows what the list now says of it (a new name or role).
    const current = open && conversations.find((c) => c.id === open?.conversation.id);
    if (current) open?.update(current);
  }

  /** Live messages heard while the list loads, applied to it once loaded. */
  let heardWhileLoading: Message[] | null = null;
  async function loadConversations(): Promise<void> {
    const heard: Message[] = [];
    heardWhileLoading = heard;
    try {
      let loaded = await host.rest.get('/api/chat/conversations');
      for (const c of loaded) {
        if (c.unread === 0 && c.lastMessage) readUpTo.set(c.id, c.lastMessage.id);
      }
      const viewing = open?.conversation.id ?? null;
      for (const message of heard) {
        loaded = applyMessage(loaded, message, { me: host.me.id, viewing }) ?? loaded;
      }
      connecting.hidden = true;
      setConversations(viewing ? markRead(loaded, viewing) : loaded);
    } catch (error) {
      alert(failureText(error));
    } finally {
      if (heardWhileLoading === heard) heardWhileLoading = null;
    }
  }

  /** Tells the server the reader has seen a conversation up to a message. */
  function read(conversationId: string, messageId: string): void {
    if (readUpTo.get(conversationId) === messageId) return;
    readUpTo.set(conversationId, messageId);
    setConversations(markRead(conversations, conversationId));
    host.rest
      .post('/api/chat/conversations/{id}/read', {
        params: { id: conversationId },
        body: { messageId },
      })
      .catch((error: unknown) => alert(failureText(error)));
  }

  // ---- one open conversation ----
  function openConversation(conversation: Conversation): void {
    closeConversation();
    alert('');
    const view = conversationView(host, conversation, {
      alert,
      back: () => {
        const id = conversation.id;
        closeConversation();
        show('conversations');
        list.querySelector<HTMLElement>(`[data-conversation="${id}"]`)?.focus();
      },
      leave: (channel) => void leave(channel),
      read,
      updated: (changed) => setConversations(upsertConversation(conversations, changed)),
    });
    open = view;
    if (mutedIn.has(conversation.id)) view.muted();
    replaceChildren(conversationPane, view.element);
    show('conversations');
    void view.refresh();
    view.focus();
  }

  function closeConversation(): void {
    open?.dispose();
    open = null;
    conversationPane.replaceChildren();
  }

  async function leave(channel: Conversation): Promise<void> {
    try {
      await host.rest.post('/api/chat/channels/{id}/leave', { params: { id: channel.id } });
      closeConversation();
      setConversations(conversations.filter((c) => c.id !== channel.id));
      show('conversations');
      tabs.conversations.focus();
    } catch (error) {
      alert(failureText(error));
    }
  }

  /** A conversation created or joined here (or by a "Message" button): list it, open it. */
  function entered(conversation: Conversation): void {
    setConversations(upsertConversation(conversations, conversation));
    openConversation(conversation);
  }

  async function openDirect(userId: string): Promise<void> {
    alert('');
    try {
      entered(await host.rest.post('/api/chat/direct', { body: { userId } }));
    } catch (error) {
      alert(failureText(error));
    }
  }

  // ---- channels and notifications ----
  const channels = channelsPane(host, {
    alert,
    membership: (id) => conversations.find((c) => c.id === id),
    entered,
  });
  const notifications = notificationsPane(host, {
    alert,
    changed: (unread) => {
      unreadNotifications = unread;
      renderTabs();
    },
    entered,
  });

  function show(next: Pane): void {
    if (next !== pane) alert('');
    pane = next;
    listPane.hidden = next !== 'conversations' || open !== null;
    conversationPane.hidden = next !== 'conversations' || open === null;
    channels.element.hidden = next !== 'channels';
    notifications.element.hidden = next !== 'notifications';
    if (next === 'channels') void channels.load();
    renderTabs();
  }

  // ---- live ----
  const socket = host.chat();
  // Loaded once connected, and again after each reconnection: nothing heard live is missed.
  const onConnect = () => {
    void loadConversations();
    void open?.refresh();
    void notifications.load();
  };
  const onConnectError = (error: Error) => {
    // An expired token is refreshed by the page; anything else is worth saying.
    if (error.message === 'too_many_connections') {
      alert('The chat is open in too many tabs: close one to chat here.');
    } else if (error.message !== 'unauthorized') {
      alert(`The chat could not connect (${error.message}).`);
    }
  };
  const onMessage = (message: Message) => {
    heardWhileLoading?.push(message);
    const viewing = open?.conversation.id ?? null;
    const next = applyMessage(conversations, message, { me: host.me.id, viewing });
    if (next) setConversations(next);
    else void loadConversations();
    // One's own message leaves nothing unread: no read request for it.
    if (message.sender?.id === host.me.id) {
      mutedIn.delete(message.conversationId);
      const c = conversations.find((x) => x.id === message.conversationId);
      if (c?.unread === 0) readUpTo.set(message.conversationId, message.id);
    }
    open?.receive(message);
  };
  const onTyping = ({ conversationId, userId }: { conversationId: string; userId: string }) => {
    if (open?.conversation.id === conversationId) open.typing(userId);
  };
  const onMember = (event: MemberEvent) => {
    const outcome = applyMemberEvent(conversations, event, host.me.id);
    if (outcome.removed && open?.conversation.id === event.conversationId) {
      const focused = open.element.contains(document.activeElement);
      closeConversation();
      show('conversations');
      if (focused) tabs.conversations.focus();
    }
    if (outcome.removed) mutedIn.delete(event.conversationId);
    if (outcome.muted) {
      mutedIn.add(event.conversationId);
      if (open?.conversation.id === event.conversationId) open.muted();
    }
    setConversations(outcome.list);
    if (outcome.notice) alert(outcome.notice);
    if (outcome.refetch) void loadConversations();
  };
  const onNotification = (notification: Notification) => notifications.add(notification);

  socket.on('connect', onConnect);
  socket.on('connect_error', onConnectError);
  socket.on('chat:message', onMessage);
  socket.on('chat:typing', onTyping);
  socket.on('chat:member', onMember);
  socket.on('notification', onNotification);
  const stopRequests = onDirectConversationRequested((userId) => void openDirect(userId));

  const element = h(
    'section',
    { class: 'chat-panel', 'aria-labelledby': 'chat-title' },
    h('h2', { id: 'chat-title' }, 'Chat'),
    h('div', { class: 'actions tabs', role: 'group', 'aria-label': 'Chat sections' }, [
      tabs.conversations,
      tabs.channels,
      tabs.notifications,
    ]),
    alertLine,
    listPane,
    conversationPane,
    channels.element,
    notifications.element,
  );
  show('conversations');
  if (socket.connected) onConnect();

  return {
    element,
    stop: [
      () => {
        socket.off('connect', onConnect);
        socket.off('connect_error', onConnectError);
        socket.off('chat:message', onMessage);
        socket.off('chat:typing', onTyping);
        socket.off('chat:member', onMember);
        socket.off('notification', onNotification);
        stopRequests();
        closeConversation();
      },
    ],
  };
}
