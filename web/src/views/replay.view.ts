/**
 * A stored match played back in the browser: the replay's seed and inputs re-simulated by the
 * shared engine (no video, no states from the server), its hash checked with Web Crypto, and its
 * end compared with the stored result.
 */
import type { Replay } from '@arena/engine';
import { failureStatus, failureText } from '../failure';
import type { App, View } from '../app';
import { field, h, replaceChildren } from '../dom';
import { drawFrame, prepareCanvas } from '../game/renderer';
import { replayHashHex } from '../replay/replay-hash.browser';
import { ReplayPlayer } from '../replay/replay-player';
import { playerName } from './names';

export function replayScreen(app: App, [matchId]: string[]): View {
  const heading = h('h1', { id: 'replay-title' }, 'Replay');
  const body = h('div', null, h('p', null, 'Loading the replay…'));
  let frameId = 0;

  void (async () => {
    try {
      const [stored, match] = await Promise.all([
        app.api.rest.get('/api/matches/{id}/replay', { params: { id: matchId } }),
        app.api.rest.get('/api/matches/{id}', { params: { id: matchId } }),
      ]);
      // OpenAPI 3.0 has no tuples: the document types an input as a list of its three kinds,
      // and describes the `[tick, side, direction]` the server sends (ReplayDto).
      const replay = stored as Replay;
      const left = match.players.find((p) => p.side === 'left');
      const right = match.players.find((p) => p.side === 'right');
      const names = {
        left: left ? playerName(left) : 'Left',
        right: right ? playerName(right) : 'Right',
      };
      heading.textContent = `Replay: ${names.left} vs ${names.right}`;
      const player = new ReplayPlayer(replay);
      const canvas = h('canvas', {
        class: 'field',
        role: 'img',
        'aria-label': `Replay of ${names.left} (left) against ${names.right} (right)`,
      });
      prepareCanvas(canvas, replay.config);
      const context = canvas.getContext('2d');
      const score = h('p', { class: 'score', 'aria-live': 'off', 'data-testid': 'score' }, '0 – 0');
      const checks = h('ul', { class: 'checks', 'aria-label': 'Checks' });
      const position = h('input', {
        type: 'range',
        name: 'position',
        min: 0,
        max: player.lastTick,
        step: 1,
        value: 0,
      });
      const speed = h(
        'select',
        { name: 'speed' },
        ['0.5', '1', '2', '4', '8'].map((s) =>
          h('option', { value: s, selected: s === '1' }, `${s}×`),
        ),
      );
      const playButton = h('button', { type: 'button' }, 'Play');
      const restart = h('button', { type: 'button' }, 'Restart');
      let playing = false;
      let tick = 0;
      let last = performance.now();

      const show = () => {
        player.seek(tick);
        const frame = player.frame();
        if (context) drawFrame(context, replay.config, frame, { own: null });
        score.textContent = `${frame.score.left} – ${frame.score.right}`;
        position.value = String(Math.floor(tick));
        position.setAttribute('aria-valuetext', `${(tick / replay.config.tickRate).toFixed(1)} s`);
      };
      const loop = () => {
        const now = performance.now();
        if (playing) {
          tick += ((now - last) / 1000) * replay.config.tickRate * Number(speed.value);
          if (tick >= player.lastTick) {
            tick = player.lastTick;
            playing = false;
            playButton.textContent = 'Play';
          }
          show();
        }
        last = now;
        frameId = requestAnimationFrame(loop);
      };
      playButton.addEventListener('click', () => {
        if (tick >= player.lastTick) tick = 0;
        playing = !playing;
        playButton.textContent = playing ? 'Pause' : 'Play';
      });
      restart.addEventListener('click', () => {
        tick = 0;
        show();
      });
      position.addEventListener('input', () => {
        tick = Number(position.value);
        show();
      });

      const reproduced = player.reproducesFinal();
      const hash = await replayHashHex(replay);
      const final = `${replay.final.score.left} – ${replay.final.score.right}`;
      replaceChildren(
        checks,
        h(
          'li',
          null,
          reproduced
            ? `Re-simulated in your browser: ${final}, as stored`
            : `Re-simulation does not reach the stored ${final}`,
        ),
        h('li', null, hash === replay.hash ? 'Replay hash verified' : 'Replay hash does not match'),
        h(
          'li',
          null,
          `Rules ${replay.engine}, ${player.lastTick} steps at ${replay.config.tickRate}/s`,
        ),
      );
      tick = 0;
      show();
      performance.mark('arena:replay-frame');
      canvas.dataset.firstFrame = 'drawn';
      replaceChildren(
        body,
        score,
        canvas,
        h(
          'div',
          { class: 'actions' },
          playButton,
          restart,
          field('Speed', speed),
          field('Position', position),
        ),
        checks,
      );
      frameId = requestAnimationFrame(loop);
    } catch (error) {
      replaceChildren(
        body,
        h(
          'p',
          { role: 'alert' },
          failureStatus(error) === 409
            ? 'This match is still being played: its replay is ready when it ends.'
            : `No replay: ${failureText(error)}`,
        ),
      );
    }
  })();

  const element = h(
    'section',
    { 'aria-labelledby': 'replay-title', class: 'match' },
    heading,
    body,
  );
  return { title: 'Replay', element, dispose: () => cancelAnimationFrame(frameId) };
}
