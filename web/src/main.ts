/**
 * Arena's web client: the layout, a hash router over the screens, and what the `/game` socket
 * says whatever the screen (a match found, a challenge, a tournament match ready).
 */
import { ArenaApi } from './api';
import type { App, MatchEntry, Notice, Screen, View } from './app';
import type { ChatHost } from './chat/chat-host';
import { createChatPanel } from './chat/chat-panel';
import { h, replaceChildren } from './dom';
import { matchScreen } from './game/match-screen';
import { completeProviderSignIn, signInScreen, signUpScreen } from './views/auth.view';
import { friendsScreen } from './views/friends.view';
import { leaderboardScreen } from './views/leaderboard.view';
import { liveScreen } from './views/live.view';
import { playScreen } from './views/play.view';
import { profileScreen } from './views/profile.view';
import { replayScreen } from './views/replay.view';
import { tournamentScreen, tournamentsScreen } from './views/tournaments.view';

const ROUTES: [RegExp, Screen, { public?: boolean }][] = [
  [/^\/signin$/, signInScreen, { public: true }],
  [/^\/signup$/, signUpScreen, { public: true }],
  [/^\/(?:play)?$/, playScreen, {}],
  [/^\/match\/([\w-]+)$/, matchScreen, {}],
  [/^\/live$/, liveScreen, {}],
  [/^\/friends$/, friendsScreen, {}],
  [/^\/tournaments$/, tournamentsScreen, {}],
  [/^\/tournaments\/([\w-]+)$/, tournamentScreen, {}],
  [/^\/users\/([\w-]+)$/, profileScreen, {}],
  [/^\/leaderboard$/, leaderboardScreen, {}],
  [/^\/replay\/([\w-]+)$/, replayScreen, {}],
];

const api = new ArenaApi();
const main = h('main', { id: 'main', tabindex: -1 });
const nav = h('nav', { 'aria-label': 'Main' });
const notices = h('div', {
  class: 'notices',
  role: 'region',
  'aria-label': 'Notifications',
  'aria-live': 'polite',
});
const chat = h('aside', { id: 'chat', 'aria-label': 'Chat', hidden: true });
let current: View | null = null;
let currentPath = '';

const app: App = {
  api,
  me: null,
  entries: new Map<string, MatchEntry>(),
  dismiss,
  navigate(path: string) {
    if (location.hash !== `#${path}`) history.pushState(null, '', `#${path}`);
    render();
  },
  notify,
  async refreshMe() {
    app.me = api.signedIn ? await api.me() : null;
    renderNav();
    if (app.me) {
      listen();
      chatPanel.mount(chat);
    }
  },
};

/** `challenge:accept` on `/game`; the match then starts with `match:found`. */
async function acceptChallenge(challengeId: string): Promise<void> {
  const result = await api.ask('challenge:accept', { challengeId });
  if (!result.ok) throw new Error(result.error.message);
  // Accepted from the chat's invite or from the notice: the notice has no more to offer.
  dismiss(challengeKey(challengeId));
}

const challengeKey = (challengeId: string) => `challenge:${challengeId}`;

const chatHost: ChatHost = {
  get rest() {
    return api.rest;
  },
  chat: () => api.chat(),
  get me() {
    if (!app.me) throw new Error('The chat is for signed-in players');
    return app.me;
  },
  acceptChallenge,
};
/** Shown beside every screen while signed in (mounting twice is nothing). */
const chatPanel = createChatPanel(chatHost);

function notify(notice: Notice): void {
  if (notice.key) dismiss(notice.key);
  const item = h(
    'div',
    { class: 'notice', role: 'alert', 'data-key': notice.key ?? null },
    h('p', null, notice.message),
  );
  const close = () => item.remove();
  for (const action of notice.actions ?? []) {
    item.append(
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            close();
            void action.run();
          },
        },
        action.label,
      ),
    );
  }
  item.append(h('button', { type: 'button', 'aria-label': 'Dismiss', onclick: close }, '×'));
  notices.append(item);
  if (notice.seconds) setTimeout(close, notice.seconds * 1000);
}

function dismiss(key: string): void {
  for (const item of notices.querySelectorAll<HTMLElement>('.notice')) {
    if (item.dataset.key === key) item.remove();
  }
}

function renderNav(): void {
  const link = (path: string, label: string) => h('a', { href: `#${path}` }, label);
  replaceChildren(
    nav,
    app.me
      ? [
          link('/play', 'Play'),
          link('/live', 'Live'),
          link('/tournaments', 'Tournaments'),
          link('/friends', 'Friends'),
          link('/leaderboard', 'Leaderboard'),
          link(`/users/${app.me.id}`, app.me.displayName),
          h('button', { type: 'button', onclick: () => void api.logout() }, 'Sign out'),
        ]
      : [link('/signin', 'Sign in'), link('/signup', 'Sign up')],
  );
  chat.hidden = !app.me;
}

function render(): void {
  const path = location.hash.replace(/^#/, '') || '/';
  if (path === currentPath && current) return;
  let match: RegExpExecArray | null = null;
  const route = ROUTES.find(([pattern]) => (match = pattern.exec(path)) !== null);
  if (!route || !match) return app.navigate(app.me ? '/play' : '/signin');
  const [, screen, options] = route;
  if (!options.public && !app.me) return app.navigate('/signin');
  if (options.public && app.me) return app.navigate('/play');
  current?.dispose?.();
  currentPath = path;
  current = screen(app, (match as RegExpExecArray).slice(1));
  document.title = `${current.title} · Arena`;
  replaceChildren(main, current.element);
  main.focus({ preventScroll: true });
  performance.mark('arena:screen');
}

let listening = false;
/** What the server says on /game whatever the screen. */
function listen(): void {
  if (listening) return;
  listening = true;
  const socket = api.game();
  socket.on('match:found', (found) => {
    app.entries.set(found.matchId, { kind: 'found', found });
    app.navigate(`/match/${found.matchId}`);
  });
  socket.on('challenge:received', (challenge) => {
    notify({
      key: challengeKey(challenge.challengeId),
      message: `${challenge.from.displayName} challenges you to a match.`,
      actions: [
        {
          label: 'Accept the challenge',
          run: () =>
            acceptChallenge(challenge.challengeId).catch((error: Error) =>
              notify({ message: error.message, seconds: 6 }),
            ),
        },
        {
          label: 'Decline the challenge',
          run: () => void api.ask('challenge:decline', { challengeId: challenge.challengeId }),
        },
      ],
    });
  });
  socket.on('challenge:declined', () =>
    notify({ message: 'Your challenge was declined.', seconds: 6 }),
  );
  socket.on('challenge:expired', ({ challengeId }) =>
    notify({ key: challengeKey(challengeId), message: 'A challenge expired.', seconds: 6 }),
  );
  socket.on('tournament:match-ready', (ready) => {
    notify({
      message: `Your tournament match (round ${ready.round}) is ready.`,
      actions: [
        {
          label: 'Play the tournament match',
          run: async () => {
            const result = await api.ask('match:join', { matchId: ready.matchId });
            if (!result.ok) return notify({ message: result.error.message, seconds: 6 });
            app.entries.set(ready.matchId, { kind: 'joined', live: result.match, as: 'player' });
            app.navigate(`/match/${ready.matchId}`);
          },
        },
      ],
    });
  });
}

api.addEventListener('signed-out', () => {
  app.me = null;
  listening = false;
  chatPanel.unmount();
  renderNav();
  currentPath = '';
  app.navigate('/signin');
});

async function start(): Promise<void> {
  document.body.replaceChildren(
    h('button', { type: 'button', class: 'skip', onclick: () => main.focus() }, 'Skip to content'),
    h('header', null, h('a', { href: '#/play', class: 'brand' }, 'Arena'), nav),
    notices,
    h('div', { class: 'layout' }, main, chat),
  );
  window.addEventListener('popstate', render);
  window.addEventListener('hashchange', render);
  const providerResult = completeProviderSignIn(app, location.hash);
  if (!providerResult) {
    await app.refreshMe().catch(() => undefined);
    render();
  }
  performance.mark('arena:ready');
}

void start();
