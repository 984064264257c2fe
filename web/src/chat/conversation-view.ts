/**
 * One open conversation: its history (newest at the bottom, older pages on demand), live
 * messages, the send box, who is typing, and for a direct conversation a game invitation; in a
 * channel the caller owns or administers, the moderation tools (moderation-tools.ts).
 */
import { emitWithAck } from '@arena/client';
import { field, h, replaceChildren } from '../dom';
import type { ChatHost, Conversation, Message } from './chat-host';
import {
  conversationTitle,
  mergeMessages,
  TypingRoster,
  TypingThrottle,
  typingText,
} from './chat-model';
import { failureText } from '../failure';
import { moderates } from './moderation-model';
import { channelManager, memberTools, type ToolsContext } from './moderation-tools';

const PAGE_SIZE = 30;

/** What the view asks of the panel around it. */
export interface ConversationContext {
  /** Shows a failure in the panel's alert region ('' clears it). */
  alert(text: string): void;
  back(): void;
  leave(conversation: Conversation): void;
  /** The reader has seen the conversation up to this message. */
  read(conversationId: string, messageId: string): void;
  /** The conversation as the server now describes it (its settings were changed here). */
  updated(conversation: Conversation): void;
}

export interface ConversationView {
  readonly conversation: Conversation;
  readonly element: HTMLElement;
  /** A live message of this conversation (or the ack of one sent here). */
  receive(message: Message): void;
  typing(userId: string): void;
  /** Catches up after the socket reconnected: the newest page, merged. */
  refresh(): Promise<void>;
  /** The conversation changed (name, visibility, the caller's role): controls follow. */
  update(conversation: Conversation): void;
  /** The caller was muted here (until a message of theirs goes through again). */
  muted(): void;
  focus(): void;
  dispose(): void;
}

export function conversationView(
  host: ChatHost,
  conversation: Conversation,
  context: ConversationContext,
): ConversationView {
  let current = conversation;
  let messages: Message[] = [];
  let nextBefore: string | null = null;
  let disposed = false;
  const nodes = new Map<string, HTMLElement>();
  const names = new Map<string, string>();
  if (conversation.peer) names.set(conversation.peer.id, conversation.peer.displayName);

  const log = h('ol', { class: 'messages', tabindex: 0 });
  const older = h(
    'button',
    { type: 'button', hidden: true, onclick: () => void loadOlder() },
    'Load older messages',
  );
  const typingLine = h('p', { class: 'typing', role: 'status' });
  const roster = new TypingRoster();
  const throttle = new TypingThrottle();
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  const box = h('textarea', {
    name: 'body',
    rows: 2,
    maxlength: 2000,
    required: true,
    autocomplete: 'off',
  });
  const mutedNote = h(
    'p',
    { id: `muted-${conversation.id}`, class: 'help', hidden: true },
    'You are muted here: your messages are refused until the mute ends.',
  );
  const form = h(
    'form',
    { class: 'send' },
    field('Message', box),
    mutedNote,
    h('button', { type: 'submit' }, 'Send'),
  );
  const setMuted = (muted: boolean) => {
    mutedNote.hidden = !muted;
    if (muted) box.setAttribute('aria-describedby', mutedNote.id);
    else box.removeAttribute('aria-describedby');
  };

  const socket = host.chat();
  box.addEventListener('keydown', (event) => {
    // Enter sends; Shift+Enter starts a new line; an input method composing keeps its Enter.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  box.addEventListener('input', () => {
    if (box.value.trim() && throttle.shouldSend(Date.now())) {
      socket.emit('chat:typing', { conversationId: conversation.id });
    }
  });
  let sending = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = box.value.trim();
    if (!body || sending) return;
    sending = true;
    context.alert('');
    emitWithAck(socket, 'chat:send', { conversationId: conversation.id, body })
      .then(
        ({ message }) => {
          if (box.value.trim() === body) box.value = '';
          throttle.reset();
          setMuted(false);
          receive(message);
        },
        (error: unknown) => context.alert(failureText(error)),
      )
      .finally(() => {
        sending = false;
      });
  });
  // The Arena system's notices (a direct conversation without a peer) take no replies.
  const systemNotices = conversation.kind === 'direct' && !conversation.peer;

  const invite = async () => {
    context.alert('');
    try {
      await emitWithAck(socket, 'chat:invite', { conversationId: conversation.id });
    } catch (error) {
      context.alert(failureText(error));
    }
  };

  const heading = h('h3');
  // ---- moderation: one tools region at a time, under the heading ----
  const notice = h('p', { class: 'help', role: 'status' });
  const tools = h('div');
  let toolsFrom: HTMLElement | null = null;
  const closeTools = () => {
    if (!tools.firstChild) return;
    tools.replaceChildren();
    (toolsFrom?.isConnected ? toolsFrom : log).focus();
    toolsFrom = null;
  };
  const toolsContext: ToolsContext = {
    alert: (text) => context.alert(text),
    done(text) {
      notice.textContent = text;
      closeTools();
    },
    close: closeTools,
    updated: (updated) => context.updated(updated),
  };
  const openTools = (region: HTMLElement, from: HTMLElement) => {
    context.alert('');
    notice.textContent = '';
    toolsFrom = from;
    replaceChildren(tools, region);
    region.querySelector<HTMLElement>('h4')?.focus();
  };
  const manage = h(
    'button',
    {
      type: 'button',
      onclick: () => openTools(channelManager(host, current, toolsContext), manage),
    },
    'Manage the channel',
  );

  const actions = h(
    'div',
    { class: 'actions' },
    h('button', { type: 'button', onclick: () => context.back() }, 'Back to conversations'),
    conversation.kind === 'direct' && conversation.peer
      ? h('button', { type: 'button', onclick: () => void invite() }, 'Invite to a game')
      : null,
    conversation.kind === 'channel'
      ? h('button', { type: 'button', onclick: () => context.leave(current) }, 'Leave the channel')
      : null,
    manage,
  );
  const element = h(
    'section',
    { class: 'conversation' },
    actions,
    heading,
    notice,
    tools,
    older,
    log,
    typingLine,
    systemNotices ? h('p', { class: 'help' }, 'Notices from Arena: replies are not read.') : form,
  );

  function messageItem(message: Message): HTMLElement {
    const me = host.me.id;
    const when = h(
      'time',
      { datetime: message.createdAt },
      new Date(message.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
    );
    if (message.kind === 'system' || !message.sender) {
      return h(
        'li',
        { class: 'message system' },
        h('span', { class: 'who' }, 'Arena'),
        when,
        h('p', null, message.body),
      );
    }
    const sender = message.sender;
    names.set(sender.id, sender.displayName);
    const mine = sender.id === me;
    const who: HTMLElement =
      !mine && moderates(current)
        ? h(
            'button',
            {
              type: 'button',
              class: 'who',
              'aria-label': `Moderate ${sender.displayName}`,
            },
            sender.displayName,
          )
        : h('span', { class: 'who' }, mine ? 'You' : sender.displayName);
    if (who instanceof HTMLButtonElement) {
      who.addEventListener('click', () =>
        openTools(memberTools(host, current, sender, toolsContext), who),
      );
    }
    if (message.kind === 'invite') {
      const challengeId = message.challengeId;
      const accept =
        !mine && challengeId ? h('button', { type: 'button' }, 'Accept the invitation') : null;
      accept?.addEventListener('click', () => {
        context.alert('');
        accept.disabled = true;
        host.acceptChallenge(challengeId as string).catch((error: unknown) => {
          accept.disabled = false;
          context.alert(error instanceof Error ? error.message : failureText(error));
        });
      });
      return h(
        'li',
        { class: 'message invite' },
        who,
        when,
        h(
          'p',
          null,
          mine
            ? `You invited ${conversation.peer?.displayName ?? 'them'} to a match.`
            : `${sender.displayName} invites you to a match.`,
        ),
        accept,
      );
    }
    return h(
      'li',
      { class: mine ? 'message mine' : 'message' },
      who,
      when,
      h('p', null, message.body),
    );
  }

  const nearBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight < 48;
  const toBottom = () => {
    log.scrollTop = log.scrollHeight;
  };

  /** Draws the whole history again, reusing the items already drawn. */
  function renderAll(): void {
    replaceChildren(
      log,
      messages.map((message) => {
        let node = nodes.get(message.id);
        if (!node) nodes.set(message.id, (node = messageItem(message)));
        return node;
      }),
    );
  }

  function receive(message: Message): void {
    if (disposed || message.conversationId !== conversation.id) return;
    if (nodes.has(message.id)) return;
    const follow = nearBottom() || message.sender?.id === host.me.id;
    messages = mergeMessages(messages, [message]);
    if (messages[messages.length - 1].id === message.id) {
      const node = messageItem(message);
      nodes.set(message.id, node);
      log.append(node);
    } else {
      renderAll();
    }
    if (message.sender) roster.stopped(message.sender.id);
    renderTyping();
    if (follow) toBottom();
    if (message.sender?.id !== host.me.id) context.read(conversation.id, message.id);
  }

  async function loadPage(before?: string): Promise<Message[]> {
    const page = await host.rest.get('/api/chat/conversations/{id}/messages', {
      params: { id: conversation.id },
      query: { limit: PAGE_SIZE, ...(before ? { before } : {}) },
    });
    if (!before || nextBefore === before) nextBefore = page.nextBefore;
    older.hidden = nextBefore === null;
    return page.items.reverse();
  }

  async function loadOlder(): Promise<void> {
    if (!nextBefore) return;
    older.disabled = true;
    try {
      const page = await loadPage(nextBefore);
      if (disposed) return;
      const height = log.scrollHeight;
      messages = mergeMessages(page, messages);
      renderAll();
      // Keep the messages being read where they were.
      log.scrollTop += log.scrollHeight - height;
    } catch (error) {
      context.alert(failureText(error));
    } finally {
      older.disabled = false;
    }
  }

  async function refresh(): Promise<void> {
    try {
      const page = await loadPage();
      if (disposed) return;
      const follow = nearBottom();
      const before = messages.length;
      messages = mergeMessages(page, messages);
      renderAll();
      if (follow || before === 0) toBottom();
      const newest = messages[messages.length - 1];
      if (newest) context.read(conversation.id, newest.id);
    } catch (error) {
      context.alert(failureText(error));
    }
  }

  function renderTyping(): void {
    clearTimeout(typingTimer);
    const now = Date.now();
    typingLine.textContent = typingText(roster.typing(now).map((id) => names.get(id) ?? 'Someone'));
    const expiry = roster.nextExpiry();
    if (expiry !== null) typingTimer = setTimeout(renderTyping, Math.max(0, expiry - now));
  }

  /** Names and controls as the conversation now is. */
  function describe(): void {
    const title = conversationTitle(current);
    replaceChildren(
      heading,
      current.peer
        ? h('a', { href: `#/users/${current.peer.id}` }, title)
        : current.kind === 'channel'
          ? `Channel ${title}`
          : title,
    );
    element.setAttribute('aria-label', `Conversation: ${title}`);
    log.setAttribute('aria-label', `Messages in ${title}`);
    form.setAttribute('aria-label', `Send a message to ${title}`);
    manage.hidden = !moderates(current);
  }
  describe();

  return {
    get conversation() {
      return current;
    },
    element,
    receive,
    typing(userId) {
      if (disposed || userId === host.me.id) return;
      roster.typed(userId, Date.now());
      renderTyping();
    },
    refresh,
    update(next) {
      if (disposed || next.id !== current.id) return;
      const was = current;
      current = next;
      if (next.name === was.name && next.role === was.role && next.visibility === was.visibility) {
        return;
      }
      describe();
      if (next.role !== was.role) {
        // The moderation controls on senders' names, and any tools open, follow the new role.
        if (tools.firstChild) closeTools();
        nodes.clear();
        renderAll();
      }
    },
    muted: () => setMuted(true),
    focus: () => box.focus(),
    dispose() {
      disposed = true;
      clearTimeout(typingTimer);
    },
  };
}
