/**
 * A live match on screen, for a player or a spectator. The canvas is drawn at the display's rate
 * (requestAnimationFrame): everything is interpolated between server states (interpolation.ts),
 * except the paddle(s) this client moves, which follow its own inputs at once (prediction.ts)
 * and are reconciled with every state's `lastSeq` (input-sequencer.ts).
 */
import type { App, MatchEntry, View } from '../app';
import type { LiveMatch, MatchFoundPayload } from '../api.types';
import { h, replaceChildren } from '../dom';
import { InputSequencer } from './input-sequencer';
import { SnapshotBuffer, TickClock, toSnapshot } from './interpolation';
import { Controls, HeldKeys, keyIntent } from './keyboard';
import { predictPaddleY, smoothTowards } from './prediction';
import { drawFrame, prepareCanvas, restingFrame } from './renderer';
import type { Direction, Frame, MatchStatePayload, PublicGameConfig, Side } from './game.types';

interface Setup {
  matchId: string;
  mode: string;
  spectator: boolean;
  controls: Controls | null;
  config: PublicGameConfig;
  names: Record<Side, string>;
  initial: MatchStatePayload | null;
}

const SIDES: readonly Side[] = ['left', 'right'];

function setupOf(app: App, matchId: string, entry: MatchEntry): Setup {
  if (entry.kind === 'found') return setupFromFound(app, entry.found);
  return setupFromLive(app, entry.live, entry.as === 'spectator');
}

function setupFromFound(app: App, found: MatchFoundPayload): Setup {
  const me = app.me?.displayName ?? 'You';
  const opponent =
    found.opponent === null
      ? 'Guest'
      : 'displayName' in found.opponent
        ? found.opponent.displayName
        : found.opponent.alias;
  const names: Record<Side, string> =
    found.side === 'both'
      ? { left: 'Left (W/S)', right: 'Right (arrows)' }
      : found.side === 'left'
        ? { left: me, right: opponent }
        : { left: opponent, right: me };
  return {
    matchId: found.matchId,
    mode: found.mode,
    spectator: false,
    controls: found.side,
    config: found.config,
    names,
    initial: null,
  };
}

function setupFromLive(app: App, live: LiveMatch, spectator: boolean): Setup {
  const names = { left: 'Left', right: 'Right' };
  let controls: Controls | null = null;
  for (const player of live.players) {
    names[player.side] = player.user?.displayName ?? player.alias;
    if (!spectator && player.user && player.user.id === app.me?.id) {
      controls = controls ? 'both' : player.side;
    }
  }
  if (!spectator && live.mode === 'local') controls = 'both';
  return {
    matchId: live.matchId,
    mode: live.mode,
    spectator,
    controls,
    config: live.config,
    names,
    initial: live.state,
  };
}

export function matchScreen(app: App, [matchId]: string[]): View {
  const element = h('section', { class: 'match', 'aria-labelledby': 'match-title' });
  const title = 'Match';
  let disposed = false;
  let dispose: () => void = () => undefined;

  const start = (entry: MatchEntry) => {
    if (disposed) return;
    dispose = runMatch(app, element, setupOf(app, matchId, entry));
  };
  const entry = app.entries.get(matchId);
  app.entries.delete(matchId);
  if (entry) {
    start(entry);
  } else {
    // A reload or a link: rejoin as a player if this is ours, else watch it.
    replaceChildren(element, h('h1', { id: 'match-title' }, 'Match'), h('p', null, 'Joining…'));
    void (async () => {
      const joined = await app.api.ask('match:join', { matchId });
      if (joined.ok) return start({ kind: 'joined', live: joined.match, as: 'player' });
      const watched = await app.api.ask('match:spectate', { matchId });
      if (watched.ok) return start({ kind: 'joined', live: watched.match, as: 'spectator' });
      if (disposed) return;
      replaceChildren(
        element,
        h('h1', { id: 'match-title' }, 'Match'),
        h('p', { role: 'alert' }, `This match can't be joined: ${watched.error.message}`),
        h('a', { href: `#/replay/${matchId}` }, 'Watch its replay'),
      );
    })();
  }
  return {
    title,
    element,
    dispose: () => {
      disposed = true;
      dispose();
    },
  };
}

function runMatch(app: App, root: HTMLElement, setup: Setup): () => void {
  const { matchId, config } = setup;
  const socket = app.api.game();
  const stepMs = 1000 / config.tickRate;
  const buffer = new SnapshotBuffer();
  const clock = new TickClock(stepMs);
  const controlled: Side[] =
    setup.controls === 'both' ? [...SIDES] : setup.controls ? [setup.controls] : [];
  const sequencers = new Map(controlled.map((side) => [side, new InputSequencer()]));
  const held = new Map(controlled.map((side) => [side, new HeldKeys()]));
  const server = new Map<Side, { y: number; at: number }>();
  const shown: Record<Side, number> = { left: config.height / 2, right: config.height / 2 };
  let frameId = 0;
  let lastFrameAt = performance.now();
  let drewState = false;
  let over = false;

  const heading = h('h1', { id: 'match-title' }, `${setup.names.left} vs ${setup.names.right}`);
  const canvas = h('canvas', {
    class: 'field',
    role: 'img',
    'aria-label': `Pong field: ${setup.names.left} (left) against ${setup.names.right} (right)`,
  });
  prepareCanvas(canvas, config);
  const context = canvas.getContext('2d');
  const score = h('p', { class: 'score', 'aria-live': 'polite', 'data-testid': 'score' }, '0 – 0');
  const status = h('p', { role: 'status', class: 'match-status' }, 'Get ready…');
  const actions = h('div', { class: 'actions' });
  const controlsHelp = controlled.length
    ? h(
        'p',
        { class: 'help' },
        setup.controls === 'both'
          ? 'Left paddle: W and S. Right paddle: arrow up and arrow down.'
          : 'Move your paddle with W and S, or the arrow keys.',
      )
    : h('p', { class: 'help' }, 'You are watching this match.');
  const touch = h('div', { class: 'touch-controls' });
  for (const side of controlled) {
    for (const move of ['up', 'down'] as const) {
      const label = `Move ${controlled.length > 1 ? `${side} paddle` : 'paddle'} ${move}`;
      const button = h('button', { type: 'button', class: 'hold' }, label);
      const pressed = () => press(side, move, true);
      const released = () => press(side, move, false);
      button.addEventListener('pointerdown', pressed);
      button.addEventListener('pointerup', released);
      button.addEventListener('pointerleave', released);
      button.addEventListener('keydown', (event) => {
        if ((event.key === ' ' || event.key === 'Enter') && !event.repeat) pressed();
      });
      button.addEventListener('keyup', (event) => {
        if (event.key === ' ' || event.key === 'Enter') released();
      });
      touch.append(button);
    }
  }
  replaceChildren(root, heading, score, canvas, status, controlsHelp, touch, actions);
  if (setup.controls === 'both') {
    // On one keyboard the players are aliases, which only the match record holds.
    void app.api.rest.get('/api/matches/{id}', { params: { id: matchId } }).then((record) => {
      for (const player of record.players) setup.names[player.side] = player.alias;
      heading.textContent = `${setup.names.left} vs ${setup.names.right}`;
      canvas.setAttribute(
        'aria-label',
        `Pong field: ${setup.names.left} (left, W and S) against ${setup.names.right} (right, arrows)`,
      );
    });
  }

  const leave = h(
    'button',
    { type: 'button' },
    setup.spectator ? 'Stop watching' : 'Forfeit and leave',
  );
  let confirmLeave = setup.spectator;
  leave.addEventListener('click', () => {
    if (!confirmLeave) {
      confirmLeave = true;
      leave.textContent = 'Confirm: forfeit this match';
      return;
    }
    void app.api.ask('match:leave', { matchId }).then(() => app.navigate('/play'));
  });
  actions.append(leave);

  function press(side: Side, move: 'up' | 'down', down: boolean): void {
    const keys = held.get(side);
    const sequencer = sequencers.get(side);
    if (!keys || !sequencer || over) return;
    const direction: Direction = down ? keys.press(move) : keys.release(move);
    send(side, sequencer, direction);
  }

  function send(side: Side, sequencer: InputSequencer, direction: Direction): void {
    const input = sequencer.press(direction, performance.now());
    if (!input) return;
    app.api.input({
      matchId,
      direction,
      seq: input.seq,
      ...(setup.controls === 'both' ? { side } : {}),
    });
  }

  const onKey = (event: KeyboardEvent) => {
    if (!setup.controls || event.repeat || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement | null;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    const intent = keyIntent(event.key, setup.controls);
    if (!intent) return;
    event.preventDefault();
    press(intent.side, intent.move, event.type === 'keydown');
  };
  const releaseAll = () => {
    for (const side of controlled) {
      held.get(side)?.clear();
      const sequencer = sequencers.get(side);
      if (sequencer) send(side, sequencer, 'stop');
    }
  };
  window.addEventListener('keydown', onKey);
  window.addEventListener('keyup', onKey);
  window.addEventListener('blur', releaseAll);

  const onState = (state: MatchStatePayload) => {
    if (state.matchId !== matchId) return;
    const now = performance.now();
    if (!buffer.latest) performance.mark('arena:first-state');
    clock.observe(state.tick, now);
    buffer.push(toSnapshot(state));
    for (const side of controlled) {
      sequencers.get(side)?.acknowledge(state.lastSeq[side]);
      server.set(side, { y: state.paddles[side].y, at: clock.timeOf(state.tick) });
    }
    // Only a change is written: the score is a live region, announced when it changes.
    const text = `${state.score.left} – ${state.score.right}`;
    if (score.textContent !== text) score.textContent = text;
    if (!over && status.textContent !== 'Playing') status.textContent = 'Playing';
  };
  if (setup.initial) onState(setup.initial);

  const name = (side: Side) => setup.names[side];
  const handlers = {
    'match:state': onState,
    'match:countdown': (event: { matchId: string; startsAt: number }) => {
      if (event.matchId !== matchId) return;
      const seconds = Math.max(0, Math.round((event.startsAt - Date.now()) / 1000));
      status.textContent = seconds > 0 && seconds < 60 ? `Starting in ${seconds} s…` : 'Starting…';
    },
    'match:point': (event: {
      matchId: string;
      scorer: Side;
      score: { left: number; right: number };
    }) => {
      if (event.matchId !== matchId) return;
      score.textContent = `${event.score.left} – ${event.score.right}`;
      status.textContent = `Point for ${name(event.scorer)}`;
    },
    'match:paused': (event: { matchId: string; side: Side | null; reason: string }) => {
      if (event.matchId !== matchId) return;
      for (const sequencer of sequencers.values()) sequencer.reset();
      clock.reset();
      status.textContent =
        event.side === null
          ? 'Paused: the match is moving to another server…'
          : `Paused: ${name(event.side)} lost the connection`;
    },
    'match:resumed': (event: { matchId: string }) => {
      if (event.matchId !== matchId) return;
      status.textContent = 'Resuming…';
    },
    'match:end': (event: {
      matchId: string;
      winnerSide: Side;
      score: { left: number; right: number };
      reason: string;
      ratingChange: { left: number; right: number } | null;
    }) => {
      if (event.matchId !== matchId) return;
      over = true;
      score.textContent = `${event.score.left} – ${event.score.right}`;
      const mine = setup.controls === event.winnerSide;
      const lost = setup.controls !== null && setup.controls !== 'both' && !mine;
      const result = mine ? 'You won' : lost ? 'You lost' : `${name(event.winnerSide)} won`;
      const why = event.reason === 'score' ? '' : ` (${event.reason})`;
      const rating =
        event.ratingChange && setup.controls && setup.controls !== 'both'
          ? `, rating ${signed(event.ratingChange[setup.controls])}`
          : '';
      status.textContent = `${result} ${event.score.left} – ${event.score.right}${why}${rating}`;
      replaceChildren(
        actions,
        h('a', { href: `#/replay/${matchId}`, class: 'button' }, 'Watch the replay'),
        h('a', { href: '#/play', class: 'button' }, 'Play again'),
      );
    },
    'match:interrupted': (event: { matchId: string }) => {
      if (event.matchId !== matchId) return;
      over = true;
      status.textContent = 'The match was interrupted: it ended without a result.';
      replaceChildren(actions, h('a', { href: '#/play', class: 'button' }, 'Back to play'));
    },
  };
  // `match:interrupted` is in API.md but not (yet) in the server's typed event map.
  const untyped = socket as unknown as {
    on(event: string, handler: (payload: never) => void): void;
    off(event: string, handler: (payload: never) => void): void;
  };
  for (const [event, handler] of Object.entries(handlers)) untyped.on(event, handler);

  const draw = () => {
    const now = performance.now();
    const frameMs = now - lastFrameAt;
    lastFrameAt = now;
    const frame: Frame = buffer.sample(clock.renderTick(now)) ?? restingFrame(config);
    for (const side of controlled) {
      const truth = server.get(side);
      const sequencer = sequencers.get(side);
      if (!truth || !sequencer) continue;
      const predicted = over
        ? truth.y
        : predictPaddleY({
            serverY: truth.y,
            serverAt: truth.at,
            appliedDirection: sequencer.appliedDirection,
            pending: sequencer.pending,
            now,
            config,
          });
      shown[side] = smoothTowards(shown[side], predicted, frameMs);
      frame.paddles[side] = shown[side];
    }
    if (context) drawFrame(context, config, frame, { own: setup.controls });
    if (!drewState && buffer.latest) {
      drewState = true;
      performance.mark('arena:first-frame');
      canvas.dataset.firstFrame = 'drawn';
    }
    frameId = requestAnimationFrame(draw);
  };
  frameId = requestAnimationFrame(draw);
  canvas.focus();

  return () => {
    cancelAnimationFrame(frameId);
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('keyup', onKey);
    window.removeEventListener('blur', releaseAll);
    for (const [event, handler] of Object.entries(handlers)) untyped.off(event, handler);
    if (setup.spectator && !over) void app.api.ask('match:leave', { matchId });
  };
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}
