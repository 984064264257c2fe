/** Start a match: against the AI, on one keyboard, or from the ranked or casual queue. */
import type { App, View } from '../app';
import { field, formValues, h } from '../dom';

export function playScreen(app: App): View {
  const status = h('p', { role: 'status', class: 'match-status' });
  const report = (result: { ok: boolean; error?: { message: string } }) => {
    if (!result.ok) status.textContent = result.error?.message ?? 'Refused';
  };

  const ai = h(
    'form',
    { 'aria-labelledby': 'ai-title', class: 'card' },
    h('h2', { id: 'ai-title' }, 'Against the AI'),
    field(
      'Difficulty',
      h(
        'select',
        { name: 'difficulty' },
        h('option', { value: 'easy' }, 'Easy'),
        h('option', { value: 'normal', selected: true }, 'Normal'),
        h('option', { value: 'hard' }, 'Hard'),
      ),
    ),
    h('button', { type: 'submit' }, 'Play the AI'),
  );
  ai.addEventListener('submit', (event) => {
    event.preventDefault();
    const difficulty = formValues(ai).difficulty as 'easy' | 'normal' | 'hard';
    status.textContent = 'Starting a match against the AI…';
    void app.api.ask('match:ai', { difficulty }).then(report);
  });

  const local = h(
    'form',
    { 'aria-labelledby': 'local-title', class: 'card' },
    h('h2', { id: 'local-title' }, 'Two players, one keyboard'),
    field(
      'Left player (W/S)',
      h('input', { name: 'left', value: 'Left', maxlength: 32, required: true }),
    ),
    field(
      'Right player (arrows)',
      h('input', { name: 'right', value: 'Right', maxlength: 32, required: true }),
    ),
    h('button', { type: 'submit' }, 'Play locally'),
  );
  local.addEventListener('submit', (event) => {
    event.preventDefault();
    const { left, right } = formValues(local);
    void app.api.ask('match:local', { aliases: [left, right] }).then(report);
  });

  const leave = h('button', { type: 'button', disabled: true }, 'Leave the queue');
  const queue = (mode: 'ranked' | 'casual') => {
    status.textContent = `Looking for a ${mode} opponent…`;
    void app.api.ask('queue:join', { mode }).then((result) => {
      report(result);
      if (result.ok) leave.disabled = false;
    });
  };
  leave.addEventListener('click', () => {
    void app.api.ask('queue:leave').then((result) => {
      report(result);
      if (result.ok) {
        leave.disabled = true;
        status.textContent = 'You left the queue.';
      }
    });
  });
  const online = h(
    'section',
    { 'aria-labelledby': 'queue-title', class: 'card' },
    h('h2', { id: 'queue-title' }, 'Online'),
    h('p', null, 'Ranked matches change your rating; casual ones do not.'),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onclick: () => queue('ranked') }, 'Queue ranked'),
      h('button', { type: 'button', onclick: () => queue('casual') }, 'Queue casual'),
      leave,
    ),
    h('p', null, 'Or ', h('a', { href: '#/friends' }, 'challenge a friend'), '.'),
  );

  const element = h(
    'section',
    { 'aria-labelledby': 'play-title' },
    h('h1', { id: 'play-title' }, 'Play'),
    status,
    h('div', { class: 'cards' }, ai, local, online),
  );
  return { title: 'Play', element };
}
