/**
 * Channel administration in the open channel (API.md "Chat and notifications"): a region to
 * moderate one member (roles, kick, ban, mute) opened from their name on a message, and a region
 * to manage the channel (settings for the owner, invitations to a private channel, lifting a
 * ban). Each is a labelled region with a heading that takes focus; Escape or Close closes it.
 * Refusals (the hierarchy is the server's) show in the panel's alert region.
 */
import { field, formValues, h, replaceChildren } from '../dom';
import type { ChatHost, Conversation } from './chat-host';
import { conversationTitle } from './chat-model';
import { failureText } from '../failure';
import { visibilityFields } from './visibility-fields';
import {
  BAN_MINUTES,
  channelTools,
  commandDone,
  memberCommands,
  MUTE_MINUTES,
  parseMinutes,
  settingsChange,
  type MemberCommand,
  type Visibility,
} from './moderation-model';

type Person = { id: string; displayName: string };

export interface ToolsContext {
  /** The panel's alert region ('' clears it). */
  alert(text: string): void;
  /** Something was done: say so in the conversation, and close the region. */
  done(text: string): void;
  /** Closes the region (focus goes back where it came from). */
  close(): void;
  /** The channel as the server now describes it (after its settings changed). */
  updated(conversation: Conversation): void;
}

let regions = 0;

/** A region with a heading that takes focus, and a Close button; Escape closes it too. */
function region(
  title: string,
  context: ToolsContext,
  ...body: (HTMLElement | null)[]
): HTMLElement {
  const id = `chat-tools-${++regions}`;
  const heading = h('h4', { id, tabindex: -1 }, title);
  const element = h(
    'section',
    { class: 'chat-tools', 'aria-labelledby': id },
    heading,
    ...body,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onclick: () => context.close() }, 'Close'),
    ),
  );
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      context.close();
    }
  });
  return element;
}

/** Runs a request, its failure to the alert region; true when it succeeded. */
async function attempt(context: ToolsContext, run: () => Promise<unknown>): Promise<boolean> {
  context.alert('');
  try {
    await run();
    return true;
  } catch (error) {
    context.alert(failureText(error));
    return false;
  }
}

const LABELS: Record<Exclude<MemberCommand, 'ban' | 'mute'>, string> = {
  admin: 'Make admin',
  member: 'Make member',
  kick: 'Kick',
};

/** Moderating one member of a channel the caller owns or administers. */
export function memberTools(
  host: ChatHost,
  channel: Conversation,
  person: Person,
  context: ToolsContext,
): HTMLElement {
  const commands = memberCommands(channel.role, person.id === host.me.id);
  const path = { id: channel.id, userId: person.id };
  const run = async (command: MemberCommand, request: () => Promise<unknown>, minutes?: number) => {
    if (await attempt(context, request)) {
      context.done(commandDone(command, person.displayName, minutes));
    }
  };

  const buttons = (['admin', 'member', 'kick'] as const)
    .filter((command) => commands.includes(command))
    .map((command) =>
      h(
        'button',
        {
          type: 'button',
          onclick: () =>
            void run(command, () =>
              command === 'kick'
                ? host.rest.post('/api/chat/channels/{id}/members/{userId}/kick', {
                    params: path,
                  })
                : host.rest.put('/api/chat/channels/{id}/members/{userId}/role', {
                    params: path,
                    body: { role: command },
                  }),
            ),
        },
        LABELS[command],
      ),
    );

  const minutesInput = (name: string, range: { min: number; max: number }, value?: number) =>
    h('input', { name, type: 'number', min: range.min, max: range.max, step: 1, value });

  const banMinutes = minutesInput('minutes', BAN_MINUTES);
  const ban = h(
    'form',
    { class: 'inline', 'aria-label': `Ban ${person.displayName}` },
    field('Ban for minutes (empty: for good)', banMinutes),
    h('button', { type: 'submit' }, 'Ban'),
  );
  ban.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = banMinutes.value.trim();
    const minutes = text === '' ? undefined : parseMinutes(text, BAN_MINUTES);
    if (minutes === null) return context.alert('Ban for 1 to 525600 minutes, or leave it empty.');
    void run(
      'ban',
      () =>
        host.rest.post('/api/chat/channels/{id}/members/{userId}/ban', {
          params: path,
          body: minutes === undefined ? {} : { minutes },
        }),
      minutes,
    );
  });

  const muteMinutes = minutesInput('minutes', MUTE_MINUTES, 10);
  muteMinutes.required = true;
  const mute = h(
    'form',
    { class: 'inline', 'aria-label': `Mute ${person.displayName}` },
    field('Mute for minutes', muteMinutes),
    h('button', { type: 'submit' }, 'Mute'),
  );
  mute.addEventListener('submit', (event) => {
    event.preventDefault();
    const minutes = parseMinutes(muteMinutes.value, MUTE_MINUTES);
    if (minutes === null) return context.alert('Mute for 1 to 10080 minutes.');
    void run(
      'mute',
      () =>
        host.rest.post('/api/chat/channels/{id}/members/{userId}/mute', {
          params: path,
          body: { minutes },
        }),
      minutes,
    );
  });

  return region(
    `Moderate ${person.displayName}`,
    context,
    h('div', { class: 'actions' }, buttons),
    commands.includes('ban') ? ban : null,
    commands.includes('mute') ? mute : null,
  );
}

/** Players found by name, each with the buttons `actions` gives them. */
function playerSearch(
  host: ChatHost,
  label: string,
  context: ToolsContext,
  actions: (person: Person) => HTMLElement[],
): HTMLElement {
  const input = h('input', { name: 'search', type: 'search', required: true, maxlength: 50 });
  const results = h('ul', { class: 'chat-list', 'aria-label': `${label}: players found` });
  const none = h('p', { class: 'help', hidden: true }, 'No players found.');
  const form = h(
    'form',
    { role: 'search', 'aria-label': label },
    field(label, input),
    h('button', { type: 'submit' }, 'Search'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void attempt(context, async () => {
      const page = await host.rest.get('/api/users', {
        query: { search: input.value.trim(), page: 1, limit: 5 },
      });
      const people = page.items.filter((user) => user.id !== host.me.id);
      replaceChildren(
        results,
        people.map((user) =>
          h('li', null, h('span', null, `${user.displayName} (@${user.username})`), actions(user)),
        ),
      );
      none.hidden = people.length > 0;
    });
  });
  return h('div', null, form, results, none);
}

/** Managing the channel: settings (owner), invitations (private channel), lifting bans. */
export function channelManager(
  host: ChatHost,
  channel: Conversation,
  context: ToolsContext,
): HTMLElement {
  const tools = channelTools(channel);
  const title = conversationTitle(channel);
  const parts: HTMLElement[] = [];
  const statusLine = h('p', { class: 'help', role: 'status' });

  if (tools.settings) {
    const settings = h(
      'form',
      { 'aria-label': 'Channel settings' },
      field('Name', h('input', { name: 'name', required: true, maxlength: 32, value: title })),
      visibilityFields({
        current: channel.visibility ?? 'public',
        passwordLabel: 'New password (empty: keep the current one)',
        passwordRequired: false,
      }),
      h('button', { type: 'submit' }, 'Save settings'),
    );
    settings.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = formValues(settings);
      const change = settingsChange(channel, {
        name: values.name ?? '',
        visibility: values.visibility as Visibility,
        password: values.password ?? '',
      });
      if ('error' in change) return context.alert(change.error);
      if (Object.keys(change.body).length === 0) return context.done('Nothing to change.');
      void attempt(context, async () => {
        const updated = await host.rest.patch('/api/chat/channels/{id}', {
          params: { id: channel.id },
          body: change.body,
        });
        context.updated(updated);
        context.done('The channel settings are saved.');
      });
    });
    parts.push(h('h5', null, 'Settings'), settings);
  }

  const say = (text: string) => {
    statusLine.textContent = text;
  };
  if (tools.invite) {
    parts.push(
      h('h5', null, 'Invite a player'),
      playerSearch(host, 'Find a player to invite', context, (person) => [
        h(
          'button',
          {
            type: 'button',
            onclick: () =>
              void attempt(context, () =>
                host.rest.post('/api/chat/channels/{id}/invite', {
                  params: { id: channel.id },
                  body: { userId: person.id },
                }),
              ).then((ok) => ok && say(`${person.displayName} is invited to ${title}.`)),
          },
          `Invite ${person.displayName}`,
        ),
      ]),
    );
  }
  if (tools.unban) {
    parts.push(
      h('h5', null, 'Lift a ban'),
      playerSearch(host, 'Find a banned player', context, (person) => [
        h(
          'button',
          {
            type: 'button',
            onclick: () =>
              void attempt(context, () =>
                host.rest.delete('/api/chat/channels/{id}/bans/{userId}', {
                  params: { id: channel.id, userId: person.id },
                }),
              ).then((ok) => ok && say(`${person.displayName} may join ${title} again.`)),
          },
          `Lift the ban on ${person.displayName}`,
        ),
      ]),
    );
  }
  return region(`Manage ${title}`, context, ...parts, statusLine);
}
