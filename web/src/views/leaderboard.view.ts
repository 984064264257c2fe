/** Players by rating. */
import type { App, View } from '../app';
import { h, replaceChildren } from '../dom';

export function leaderboardScreen(app: App): View {
  const table = h('table', { class: 'table', 'aria-label': 'Leaderboard' });
  const pager = h('div', { class: 'actions' });
  const load = async (page: number) => {
    const entries = await app.api.rest.get('/api/leaderboard', { query: { page, limit: 20 } });
    replaceChildren(
      table,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Rank', 'Player', 'Rating', 'Wins', 'Losses'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        entries.items.map((entry) =>
          h(
            'tr',
            null,
            h('td', null, String(entry.rank)),
            h('td', null, h('a', { href: `#/users/${entry.user.id}` }, entry.user.displayName)),
            h('td', null, String(entry.rating)),
            h('td', null, String(entry.wins)),
            h('td', null, String(entry.losses)),
          ),
        ),
      ),
    );
    const pages = Math.max(1, Math.ceil(entries.total / entries.limit));
    replaceChildren(
      pager,
      h(
        'button',
        { type: 'button', disabled: page <= 1, onclick: () => void load(page - 1) },
        'Previous page',
      ),
      h('span', null, `Page ${page} of ${pages}`),
      h(
        'button',
        { type: 'button', disabled: page >= pages, onclick: () => void load(page + 1) },
        'Next page',
      ),
    );
  };
  void load(1);
  const element = h(
    'section',
    { 'aria-labelledby': 'leaderboard-title' },
    h('h1', { id: 'leaderboard-title' }, 'Leaderboard'),
    table,
    pager,
  );
  return { title: 'Leaderboard', element };
}
