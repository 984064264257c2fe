/**
 * Channels: the directory of public and protected channels (searchable; joining a protected
 * one asks for its password) and a form to create one.
 */
import { field, formValues, h, replaceChildren } from '../dom';
import type { ChannelSummary, ChatHost, Conversation } from './chat-host';
import { failureText } from '../failure';
import { visibilityFields } from './visibility-fields';

export interface ChannelsContext {
  alert(text: string): void;
  /** The reader's conversation of this channel, when they are in it already. */
  membership(channelId: string): Conversation | undefined;
  /** A channel just created or joined: open it. */
  entered(conversation: Conversation): void;
}

export interface ChannelsPane {
  element: HTMLElement;
  /** Loads the directory again (with the current search). */
  load(): Promise<void>;
}

export function channelsPane(host: ChatHost, context: ChannelsContext): ChannelsPane {
  const directory = h('ul', { class: 'chat-list', 'aria-label': 'Channel directory' });
  const empty = h('p', { class: 'help', hidden: true }, 'No channels found.');
  const searchBox = h('input', { name: 'search', type: 'search', maxlength: 32 });
  const search = h(
    'form',
    { role: 'search', 'aria-label': 'Find channels' },
    field('Search channels', searchBox),
    h('button', { type: 'submit' }, 'Search'),
  );
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });

  const create = h(
    'form',
    { 'aria-label': 'Create a channel' },
    field('Channel name', h('input', { name: 'name', required: true, maxlength: 32 })),
    visibilityFields({ passwordLabel: 'Channel password', passwordRequired: true }),
    h('button', { type: 'submit' }, 'Create channel'),
  );
  create.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = formValues(create);
    context.alert('');
    host.rest
      .post('/api/chat/channels', {
        body: {
          name: values.name.trim(),
          visibility: values.visibility as 'public' | 'private' | 'protected',
          ...(values.visibility === 'protected' ? { password: values.password } : {}),
        },
      })
      .then((conversation) => {
        create.reset();
        create.querySelector('select')?.dispatchEvent(new Event('change'));
        context.entered(conversation);
      })
      .catch((error: unknown) => context.alert(failureText(error)));
  });

  const join = (channel: ChannelSummary, password?: string) => {
    context.alert('');
    host.rest
      .post('/api/chat/channels/{id}/join', {
        params: { id: channel.id },
        body: password === undefined ? {} : { password },
      })
      .then((conversation) => context.entered(conversation))
      .catch((error: unknown) => context.alert(failureText(error)));
  };

  /** A protected channel asks for its password, in place. */
  const askPassword = (item: HTMLElement, channel: ChannelSummary) => {
    if (item.querySelector('form')) return item.querySelector('input')?.focus();
    const input = h('input', { name: 'password', type: 'password', required: true });
    const form = h(
      'form',
      { class: 'inline', 'aria-label': `Join ${channel.name}` },
      field(`Password for ${channel.name}`, input),
      h('button', { type: 'submit' }, 'Join with password'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      join(channel, input.value);
    });
    item.append(form);
    input.focus();
  };

  const channelItem = (channel: ChannelSummary) => {
    const item = h(
      'li',
      null,
      h('span', { class: 'title' }, channel.name),
      h(
        'span',
        { class: 'help' },
        `${channel.visibility === 'protected' ? 'protected · ' : ''}${channel.members} ${
          channel.members === 1 ? 'member' : 'members'
        }`,
      ),
    );
    const member = context.membership(channel.id);
    item.append(
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            if (member) context.entered(member);
            else if (channel.visibility === 'protected') askPassword(item, channel);
            else join(channel);
          },
        },
        member ? `Open ${channel.name}` : `Join ${channel.name}`,
      ),
    );
    return item;
  };

  async function load(): Promise<void> {
    try {
      const text = searchBox.value.trim();
      const page = await host.rest.get('/api/chat/channels', {
        query: { page: 1, limit: 20, ...(text ? { search: text } : {}) },
      });
      replaceChildren(directory, page.items.map(channelItem));
      empty.hidden = page.items.length > 0;
    } catch (error) {
      context.alert(failureText(error));
    }
  }

  const element = h(
    'section',
    { class: 'channels', 'aria-labelledby': 'chat-channels-title' },
    h('h3', { id: 'chat-channels-title' }, 'Channels'),
    search,
    directory,
    empty,
    h('h3', null, 'Create a channel'),
    create,
  );
  return { element, load };
}
