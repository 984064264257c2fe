/** Tournaments: the list, creating one, and one tournament's bracket followed live. */
import { failureText } from '../failure';
import type { App, View } from '../app';
import type { BracketMatch } from '../api.types';
import { field, formValues, h, replaceChildren } from '../dom';
import { playerLink } from './names';

export function tournamentsScreen(app: App): View {
  const status = h('p', { role: 'status' });
  const list = h('ul', { class: 'list', 'aria-label': 'Tournaments' });
  const load = async () => {
    const page = await app.api.rest.get('/api/tournaments', { query: { page: 1, limit: 50 } });
    replaceChildren(
      list,
      page.items.length === 0
        ? h('li', null, 'No tournament yet: create one.')
        : page.items.map((t) =>
            h(
              'li',
              null,
              h('a', { href: `#/tournaments/${t.id}` }, t.name),
              h('span', null, `${t.participants.length}/${t.size} · ${t.status.replace('_', ' ')}`),
            ),
          ),
    );
  };
  const create = h(
    'form',
    { 'aria-labelledby': 'create-title', class: 'card' },
    h('h2', { id: 'create-title' }, 'Create a tournament'),
    field('Tournament name', h('input', { name: 'name', required: true, maxlength: 64 })),
    field(
      'Players',
      h(
        'select',
        { name: 'size' },
        h('option', { value: '4' }, '4'),
        h('option', { value: '8' }, '8'),
        h('option', { value: '16' }, '16'),
      ),
    ),
    h('button', { type: 'submit' }, 'Create'),
  );
  create.addEventListener('submit', (event) => {
    event.preventDefault();
    const { name, size } = formValues(create);
    app.api.rest
      .post('/api/tournaments', { body: { name, size: Number(size) as 4 | 8 | 16 } })
      .then((t) => app.navigate(`/tournaments/${t.id}`))
      .catch((error: unknown) => (status.textContent = failureText(error)));
  });
  void load();
  const element = h(
    'section',
    { 'aria-labelledby': 'tournaments-title' },
    h('h1', { id: 'tournaments-title' }, 'Tournaments'),
    status,
    list,
    create,
  );
  return { title: 'Tournaments', element };
}

export function tournamentScreen(app: App, [id]: string[]): View {
  const heading = h('h1', { id: 'tournament-title' }, 'Tournament');
  const status = h('p', { role: 'status' });
  const summary = h('p');
  const actions = h('div', { class: 'actions' });
  const participants = h('ul', { class: 'list', 'aria-label': 'Participants' });
  const bracket = h('div', { class: 'bracket' });

  const act = (run: () => Promise<unknown>) =>
    run()
      .then(() => load())
      .catch((error: unknown) => (status.textContent = failureText(error)));

  const load = async () => {
    const t = await app.api.rest.get('/api/tournaments/{id}', { params: { id } });
    heading.textContent = t.name;
    const winner = t.winner ? ` · winner: ${t.winner.user?.displayName ?? t.winner.alias}` : '';
    summary.textContent = `${t.kind} · ${t.participants.length}/${t.size} players · ${t.status.replace('_', ' ')}${winner}`;
    const mine = t.participants.some((p) => p.user?.id === app.me?.id);
    const creator = t.creator.id === app.me?.id;
    const buttons: HTMLElement[] = [];
    if (t.status === 'registering') {
      if (!mine) {
        const join = h(
          'form',
          { class: 'inline', 'aria-label': 'Join' },
          field('Alias (optional)', h('input', { name: 'alias', maxlength: 32 })),
          h('button', { type: 'submit' }, 'Join the tournament'),
        );
        join.addEventListener('submit', (event) => {
          event.preventDefault();
          const { alias } = formValues(join);
          void act(() =>
            app.api.rest.post('/api/tournaments/{id}/join', {
              params: { id },
              body: alias ? { alias } : {},
            }),
          );
        });
        buttons.push(join);
      } else {
        buttons.push(
          h(
            'button',
            {
              type: 'button',
              onclick: () =>
                void act(() =>
                  app.api.rest.post('/api/tournaments/{id}/leave', { params: { id } }),
                ),
            },
            'Leave the tournament',
          ),
        );
      }
      if (creator) {
        buttons.push(
          h(
            'button',
            {
              type: 'button',
              onclick: () =>
                void act(() =>
                  app.api.rest.post('/api/tournaments/{id}/start', { params: { id } }),
                ),
            },
            'Start now',
          ),
          h(
            'button',
            {
              type: 'button',
              onclick: () =>
                void act(() => app.api.rest.delete('/api/tournaments/{id}', { params: { id } })),
            },
            'Cancel the tournament',
          ),
        );
      }
    }
    replaceChildren(actions, buttons);
    replaceChildren(
      participants,
      t.participants.map((p) =>
        h('li', null, playerLink(p), p.seed !== null ? h('span', null, `seed ${p.seed}`) : null),
      ),
    );
    replaceChildren(
      bracket,
      t.rounds.map((round, index) =>
        h(
          'section',
          { 'aria-label': roundName(index, t.rounds.length), class: 'round' },
          h('h3', null, roundName(index, t.rounds.length)),
          h(
            'ol',
            null,
            round.map((match) => bracketMatch(match)),
          ),
        ),
      ),
    );
  };

  const socket = app.api.game();
  const onUpdate = (update: { tournamentId: string }) => {
    if (update.tournamentId === id) void load();
  };
  socket.on('tournament:update', onUpdate);
  void load().catch((error: unknown) => (status.textContent = failureText(error)));

  const element = h(
    'section',
    { 'aria-labelledby': 'tournament-title' },
    heading,
    summary,
    status,
    actions,
    h('h2', null, 'Players'),
    participants,
    h('h2', null, 'Bracket'),
    bracket,
  );
  return {
    title: 'Tournament',
    element,
    dispose: () => socket.off('tournament:update', onUpdate),
  };
}

function roundName(index: number, rounds: number): string {
  const left = rounds - index;
  return left === 1 ? 'Final' : left === 2 ? 'Semi-finals' : `Round ${index + 1}`;
}

function bracketMatch(match: BracketMatch): HTMLElement {
  const side = (which: 'left' | 'right') => {
    const entry = match[which];
    const won = match.winnerSide === which;
    return h(
      'span',
      { class: won ? 'winner' : '' },
      entry ? entry.alias : 'to be decided',
      match.score ? ` ${match.score[which]}` : '',
    );
  };
  return h(
    'li',
    { class: 'bracket-match' },
    side('left'),
    h('span', { class: 'versus' }, ' vs '),
    side('right'),
    match.matchId && match.winnerSide
      ? h('a', { href: `#/replay/${match.matchId}` }, 'replay')
      : match.matchId
        ? h('a', { href: `#/match/${match.matchId}` }, 'watch')
        : null,
  );
}
