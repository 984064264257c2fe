/** Friends with their live presence, friend requests, finding players, and challenges. */
import { failureText } from '../failure';
import type { App, View } from '../app';
import type { PublicProfile } from '../api.types';
import { messageButton } from '../chat/message-button';
import { field, formValues, h, replaceChildren } from '../dom';
import { STATUS_LABEL } from './names';

export function friendsScreen(app: App): View {
  const status = h('p', { role: 'status' });
  const friends = h('ul', { class: 'list', 'aria-label': 'Friends' });
  const incoming = h('ul', { class: 'list', 'aria-label': 'Requests to you' });
  const outgoing = h('ul', { class: 'list', 'aria-label': 'Your requests' });
  const results = h('ul', { class: 'list', 'aria-label': 'Players found' });
  const noRequests = h('p', { class: 'help' });
  const presence = new Map<string, HTMLElement>();

  const act = (run: () => Promise<unknown>, done: string) =>
    run()
      .then(() => {
        status.textContent = done;
        return load();
      })
      .catch((error: unknown) => {
        status.textContent = failureText(error);
      });

  /** A button that runs a request, then says `done` and reloads the lists. */
  const actButton = (label: string, run: () => Promise<unknown>, done: string) =>
    h('button', { type: 'button', onclick: () => void act(run, done) }, label);
  const answerRequest = (id: string, answer: 'accept' | 'decline') =>
    answer === 'accept'
      ? app.api.rest.post('/api/friends/requests/{id}/accept', { params: { id } })
      : app.api.rest.post('/api/friends/requests/{id}/decline', { params: { id } });

  const challenge = async (friend: PublicProfile) => {
    const result = await app.api.ask('challenge:send', { userId: friend.id });
    status.textContent = result.ok
      ? `Challenge sent to ${friend.displayName}: the match starts when they accept.`
      : result.error.message;
  };

  const load = async () => {
    const [list, requests] = await Promise.all([
      app.api.rest.get('/api/friends'),
      app.api.rest.get('/api/friends/requests'),
    ]);
    presence.clear();
    replaceChildren(
      friends,
      list.length === 0
        ? h('li', null, 'No friends yet: find players below.')
        : list.map((friend) => {
            const badge = h(
              'span',
              { class: `presence ${friend.status}` },
              STATUS_LABEL[friend.status],
            );
            presence.set(friend.id, badge);
            return h(
              'li',
              null,
              h('a', { href: `#/users/${friend.id}` }, friend.displayName),
              badge,
              h(
                'button',
                { type: 'button', onclick: () => void challenge(friend) },
                `Challenge ${friend.displayName}`,
              ),
              messageButton(friend),
              actButton(
                `Remove ${friend.displayName}`,
                () =>
                  app.api.rest.delete('/api/friends/{userId}', { params: { userId: friend.id } }),
                'Removed.',
              ),
            );
          }),
    );
    noRequests.textContent =
      requests.incoming.length + requests.outgoing.length === 0 ? 'No pending requests.' : '';
    replaceChildren(
      incoming,
      requests.incoming.map((request) =>
        h(
          'li',
          null,
          h('span', null, request.from.displayName),
          actButton(
            `Accept ${request.from.displayName}`,
            () => answerRequest(request.id, 'accept'),
            'You are friends now.',
          ),
          actButton(
            `Decline ${request.from.displayName}`,
            () => answerRequest(request.id, 'decline'),
            'Declined.',
          ),
        ),
      ),
    );
    replaceChildren(
      outgoing,
      requests.outgoing.map((request) =>
        h(
          'li',
          null,
          h('span', null, `To ${request.to.displayName}`),
          actButton(
            `Cancel request to ${request.to.displayName}`,
            () => answerRequest(request.id, 'decline'),
            'Cancelled.',
          ),
        ),
      ),
    );
  };

  const search = h(
    'form',
    { role: 'search', 'aria-label': 'Find players' },
    field(
      'Find players',
      h('input', { name: 'search', type: 'search', required: true, maxlength: 50 }),
    ),
    h('button', { type: 'submit' }, 'Search'),
  );
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = { search: formValues(search).search, page: 1, limit: 10 };
    void app.api.rest.get('/api/users', { query }).then((page) => {
      replaceChildren(
        results,
        page.items
          .filter((user) => user.id !== app.me?.id)
          .map((user) =>
            h(
              'li',
              null,
              h('a', { href: `#/users/${user.id}` }, `${user.displayName} (@${user.username})`),
              actButton(
                `Add ${user.displayName} as a friend`,
                () => app.api.rest.post('/api/friends/requests', { body: { userId: user.id } }),
                'Request sent.',
              ),
            ),
          ),
      );
    });
  });

  const socket = app.api.game();
  const onPresence = (update: { userId: string; status: PublicProfile['status'] }) => {
    const badge = presence.get(update.userId);
    if (!badge) return;
    badge.className = `presence ${update.status}`;
    badge.textContent = STATUS_LABEL[update.status];
  };
  socket.on('presence:update', onPresence);
  void load();

  const element = h(
    'section',
    { 'aria-labelledby': 'friends-title' },
    h('h1', { id: 'friends-title' }, 'Friends'),
    status,
    friends,
    h('h2', null, 'Friend requests'),
    noRequests,
    incoming,
    outgoing,
    h('h2', null, 'Find players'),
    search,
    results,
  );
  return { title: 'Friends', element, dispose: () => socket.off('presence:update', onPresence) };
}
