/**
 * The notification inbox: the newest notifications, live ones on top, each marked read one by
 * one or all at once. An invitation to a private channel offers to join it.
 */
import { formatDate, h, replaceChildren } from '../dom';
import type { ChatHost, Conversation, Notification } from './chat-host';
import { describeNotification, Inbox } from './chat-model';
import { failureText } from '../failure';

export interface NotificationsContext {
  alert(text: string): void;
  /** The unread count changed. */
  changed(unread: number): void;
  /** A channel joined from an invitation: open it. */
  entered(conversation: Conversation): void;
}

export interface NotificationsPane {
  element: HTMLElement;
  load(): Promise<void>;
  add(notification: Notification): void;
}

export function notificationsPane(
  host: ChatHost,
  context: NotificationsContext,
): NotificationsPane {
  const inbox = new Inbox();
  const list = h('ul', { class: 'chat-list', 'aria-label': 'Your notifications' });
  const empty = h('p', { class: 'help' }, 'No notifications.');
  const readAll = h(
    'button',
    {
      type: 'button',
      onclick: () =>
        void act(async () => {
          await host.rest.post('/api/notifications/read-all');
          inbox.markAllRead(new Date().toISOString());
        }),
    },
    'Mark all as read',
  );

  const act = async (run: () => Promise<void>) => {
    context.alert('');
    try {
      await run();
    } catch (error) {
      context.alert(failureText(error));
    }
    render();
  };

  const markRead = (notification: Notification) =>
    act(async () => {
      await host.rest.post('/api/notifications/{id}/read', { params: { id: notification.id } });
      inbox.markRead(notification.id, new Date().toISOString());
    });

  const joinChannel = (notification: Notification, conversationId: string) =>
    act(async () => {
      const conversation = await host.rest.post('/api/chat/channels/{id}/join', {
        params: { id: conversationId },
        body: {},
      });
      if (notification.readAt === null) {
        await host.rest.post('/api/notifications/{id}/read', { params: { id: notification.id } });
        inbox.markRead(notification.id, new Date().toISOString());
      }
      context.entered(conversation);
    });

  function item(notification: Notification): HTMLElement {
    const unread = notification.readAt === null;
    const channelId = notification.data.conversationId;
    return h(
      'li',
      { class: unread ? 'unread' : null },
      h('p', null, describeNotification(notification)),
      h('span', { class: 'help' }, formatDate(notification.createdAt)),
      notification.kind === 'chat_invite' && typeof channelId === 'string'
        ? h(
            'button',
            { type: 'button', onclick: () => void joinChannel(notification, channelId) },
            `Join ${String(notification.data.name)}`,
          )
        : null,
      unread
        ? h(
            'button',
            { type: 'button', onclick: () => void markRead(notification) },
            'Mark as read',
          )
        : null,
    );
  }

  function render(): void {
    replaceChildren(list, inbox.items.map(item));
    empty.hidden = inbox.items.length > 0;
    readAll.disabled = inbox.unread === 0;
    context.changed(inbox.unread);
  }

  async function load(): Promise<void> {
    try {
      const [recent, unread] = await Promise.all([
        host.rest.get('/api/notifications', { query: { page: 1, limit: 20 } }),
        host.rest.get('/api/notifications', { query: { unread: true, page: 1, limit: 1 } }),
      ]);
      inbox.load(recent.items, unread.total);
      render();
    } catch (error) {
      context.alert(failureText(error));
    }
  }

  const element = h(
    'section',
    { class: 'inbox', 'aria-labelledby': 'chat-inbox-title' },
    h('h3', { id: 'chat-inbox-title' }, 'Notifications'),
    h('div', { class: 'actions' }, readAll),
    list,
    empty,
  );
  render();
  return {
    element,
    load,
    add(notification) {
      if (inbox.add(notification)) render();
    },
  };
}
