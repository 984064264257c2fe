/** Matches being played now, to watch. */
import type { App, View } from '../app';
import type { Match } from '../api.types';
import { h, replaceChildren } from '../dom';
import { playerName } from './names';

export function liveScreen(app: App): View {
  const list = h('ul', { class: 'list', 'aria-label': 'Live matches' });
  const load = async () => {
    const page = await app.api.rest.get('/api/matches', {
      query: { status: 'in_progress', page: 1, limit: 50 },
    });
    replaceChildren(
      list,
      page.items.length === 0
        ? h('li', null, 'No match is being played right now.')
        : page.items.map((match) => {
            const [left, right] = sides(match);
            return h(
              'li',
              null,
              h('span', null, `${left} vs ${right} (${match.mode})`),
              h(
                'button',
                { type: 'button', onclick: () => void spectate(app, match.id) },
                `Watch ${left} vs ${right}`,
              ),
            );
          }),
    );
  };
  void load();
  const element = h(
    'section',
    { 'aria-labelledby': 'live-title' },
    h('h1', { id: 'live-title' }, 'Live matches'),
    h('button', { type: 'button', onclick: () => void load() }, 'Refresh'),
    list,
  );
  return { title: 'Live matches', element };
}

function sides(match: Match): [string, string] {
  const left = match.players.find((p) => p.side === 'left');
  const right = match.players.find((p) => p.side === 'right');
  return [left ? playerName(left) : '?', right ? playerName(right) : '?'];
}

async function spectate(app: App, matchId: string): Promise<void> {
  const result = await app.api.ask('match:spectate', { matchId });
  if (!result.ok) {
    app.notify({ message: result.error.message, seconds: 6 });
    return;
  }
  app.entries.set(matchId, { kind: 'joined', live: result.match, as: 'spectator' });
  app.navigate(`/match/${matchId}`);
}
