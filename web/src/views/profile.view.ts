/** A player's profile, career statistics and match history (each with its replay). */
import type { App, View } from '../app';
import { failureText } from '../failure';
import { messageButton } from '../chat/message-button';
import { formatDate, h, replaceChildren } from '../dom';
import { playerName, STATUS_LABEL } from './names';

export function profileScreen(app: App, [id]: string[]): View {
  const userId = id === 'me' ? (app.me?.id ?? '') : id;
  const heading = h('h1', { id: 'profile-title' }, 'Profile');
  const about = h('div', { class: 'card' });
  const stats = h('dl', { class: 'stats', 'aria-label': 'Statistics' });
  const history = h('table', { class: 'table', 'aria-label': 'Match history' });
  const pager = h('div', { class: 'actions' });

  const loadHistory = async (page: number) => {
    const matches = await app.api.rest.get('/api/users/{id}/matches', {
      params: { id: userId },
      query: { page, limit: 10 },
    });
    replaceChildren(
      history,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Date', 'Mode', 'Players', 'Score', 'Result'].map((c) => h('th', { scope: 'col' }, c)),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Replay')),
        ),
      ),
      h(
        'tbody',
        null,
        matches.items.map((match) => {
          const left = match.players.find((p) => p.side === 'left');
          const right = match.players.find((p) => p.side === 'right');
          const mine = match.players.find((p) => p.user?.id === userId);
          const result =
            match.status !== 'finished'
              ? match.status.replace('_', ' ')
              : mine && match.winnerSide === mine.side
                ? 'won'
                : 'lost';
          return h(
            'tr',
            null,
            h('td', null, formatDate(match.endedAt ?? match.createdAt)),
            h('td', null, match.mode),
            h('td', null, `${left ? playerName(left) : '?'} vs ${right ? playerName(right) : '?'}`),
            h('td', null, `${left?.score ?? 0} – ${right?.score ?? 0}`),
            h('td', null, result),
            h(
              'td',
              null,
              match.status === 'finished' || match.status === 'interrupted'
                ? h('a', { href: `#/replay/${match.id}` }, 'Replay')
                : null,
            ),
          );
        }),
      ),
    );
    const pages = Math.max(1, Math.ceil(matches.total / matches.limit));
    replaceChildren(
      pager,
      h(
        'button',
        { type: 'button', disabled: page <= 1, onclick: () => void loadHistory(page - 1) },
        'Newer matches',
      ),
      h('span', null, `Page ${page} of ${pages}`),
      h(
        'button',
        { type: 'button', disabled: page >= pages, onclick: () => void loadHistory(page + 1) },
        'Older matches',
      ),
    );
  };

  void (async () => {
    const [profile, career] = await Promise.all([
      app.api.rest.get('/api/users/{id}', { params: { id: userId } }),
      app.api.rest.get('/api/users/{id}/stats', { params: { id: userId } }),
    ]);
    heading.textContent = profile.displayName;
    replaceChildren(
      about,
      profile.avatarUrl
        ? h('img', {
            src: profile.avatarUrl,
            alt: `${profile.displayName}'s avatar`,
            width: 64,
            height: 64,
          })
        : null,
      h(
        'p',
        null,
        `@${profile.username} · ${STATUS_LABEL[profile.status]} · rating ${profile.rating}`,
      ),
      profile.bio ? h('p', null, profile.bio) : null,
      profile.id !== app.me?.id
        ? h(
            'button',
            {
              type: 'button',
              onclick: () =>
                void app.api.rest
                  .post('/api/friends/requests', { body: { userId: profile.id } })
                  .then(
                    () => app.notify({ message: 'Friend request sent.', seconds: 4 }),
                    (error: unknown) => app.notify({ message: failureText(error), seconds: 6 }),
                  ),
            },
            'Add as a friend',
          )
        : null,
      profile.id !== app.me?.id ? messageButton(profile) : null,
    );
    const rows: [string, string | number][] = [
      ['Played', career.played],
      ['Wins', career.wins],
      ['Losses', career.losses],
      ['Win rate', `${Math.round(career.winRate * 100)}%`],
      ['Rating', career.rating],
      ['Peak rating', career.peakRating],
      ['Current streak', career.currentStreak],
      ['Best streak', career.bestStreak],
      ['Points scored', career.pointsScored],
      ['Points conceded', career.pointsConceded],
    ];
    replaceChildren(
      stats,
      rows.flatMap(([term, value]) => [h('dt', null, term), h('dd', null, String(value))]),
    );
    await loadHistory(1);
  })();

  const element = h(
    'section',
    { 'aria-labelledby': 'profile-title' },
    heading,
    about,
    h('h2', null, 'Statistics'),
    stats,
    h('h2', null, 'History'),
    history,
    pager,
  );
  return { title: 'Profile', element };
}
