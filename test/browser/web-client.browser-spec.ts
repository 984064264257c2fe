/**
 * The web client in a real browser, against a real Arena: signing up, a match against the AI,
 * two people playing each other while a third watches, and a replay re-simulated in the page.
 * The server's game clock is a manual one, stepped by the test (as in the e2e specs), so matches
 * are fast and deterministic: first to 1 point, no countdown. People find every control by its
 * role and name, as a screen reader would.
 */
import { gzipSync } from 'node:zlib';
import { authenticator } from 'otplib';
import type { Page, Response } from 'playwright-core';
import { ManualClock } from '../../src/common/clock/clock';
import { bearer, registerAccount } from '../support/accounts';
import { browserSuite, checkScreen, SCREENSHOT_DIR } from '../support/browser';
import { gameDriver } from '../support/game-clock';
import { connectedGame, nextEvent, request } from '../support/sockets';

describe('web client in Chromium (browser)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 29, 12));
  const suite = browserSuite({
    app: { clock, env: { GAME_WINNING_SCORE: '1', GAME_COUNTDOWN_MS: '0' } },
  });
  const game = gameDriver(() => suite.app, clock);
  const { open, signIn } = suite;

  /** Steps the server's game in slices of `ticks` until `done` holds in the browser. */
  async function playUntil(done: () => Promise<boolean>, maxSeconds = 120): Promise<void> {
    for (let slice = 0; slice < maxSeconds * 4; slice++) {
      if (await done()) return;
      game.play(15);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`not done after ${maxSeconds} s of game time`);
  }

  const scoreOf = (page: Page) => page.getByTestId('score').textContent();

  it('signs up, plays the AI until a point is scored, and measures bytes and first frames', async () => {
    const { page, problems } = await open();
    // What the first visit downloads: the page, its script and its stylesheet.
    const downloads: Promise<{ bytes: number; gzip: number }>[] = [];
    const countDownload = (response: Response) => {
      const url = response.url();
      if (url === `${suite.app.url}/` || url.includes('/assets/')) {
        downloads.push(
          response.body().then((body) => ({
            bytes: body.length,
            gzip: gzipSync(body, { level: 9 }).length,
          })),
        );
      }
    };
    page.on('response', countDownload);
    const timings = () =>
      page.evaluate(() => {
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        const ready = performance.getEntriesByName('arena:ready')[0];
        return { firstPaint: paint?.startTime ?? NaN, ready: ready?.startTime ?? NaN };
      });
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const load = await timings();
    page.off('response', countDownload);
    const shipped = await Promise.all(downloads);
    // Again with the assets cached (they are immutable): what the client itself costs.
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.waitForFunction(
      () => performance.getEntriesByName('first-contentful-paint').length > 0,
    );
    const reload = await timings();
    await checkScreen(page, 'sign-in');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Username').fill('ada');
    await page.getByLabel('Display name (optional)').fill('Ada');
    await page.getByLabel('Password').fill('correct horse battery');
    await checkScreen(page, 'sign-up');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Play', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Ada' }).waitFor();
    await checkScreen(page, 'play');

    await page.getByLabel('Difficulty').selectOption('hard');
    await page.getByRole('button', { name: 'Play the AI' }).click();
    await page.getByRole('heading', { name: 'Ada vs AI (hard)' }).waitFor();
    expect(await page.getByRole('img', { name: /Pong field/ }).isVisible()).toBe(true);

    // The player holds "up" for a while: the paddle moves at once (prediction) and on the server.
    await page.keyboard.down('ArrowUp');
    game.play(30);
    await page.keyboard.up('ArrowUp');
    await playUntil(async () => (await scoreOf(page)) !== '0 – 0');
    await page.getByText(/You (won|lost) /).waitFor();
    const firstFrame = await page.evaluate(() => {
      const [frame] = performance.getEntriesByName('arena:first-frame');
      const [state] = performance.getEntriesByName('arena:first-state');
      return frame && state ? frame.startTime - state.startTime : NaN;
    });
    await checkScreen(page, 'match-ai');
    expect(await scoreOf(page)).toMatch(/^[01] – [01]$/);

    expect(shipped).toHaveLength(3);
    const bytes = shipped.reduce((sum, file) => sum + file.bytes, 0);
    const gzip = shipped.reduce((sum, file) => sum + file.gzip, 0);
    expect([load.firstPaint, reload.firstPaint, firstFrame].every(Number.isFinite)).toBe(true);
    process.stdout.write(
      `web client: ${shipped.length} files, ${bytes} bytes (${gzip} gzipped); ` +
        `first contentful paint ${load.firstPaint.toFixed(0)} ms, app ready ${load.ready.toFixed(0)} ms ` +
        `after navigation (reloaded, assets cached: ${reload.firstPaint.toFixed(0)} ms and ` +
        `${reload.ready.toFixed(0)} ms); the match's first frame drawn ${firstFrame.toFixed(1)} ms after its first state; ` +
        `screenshots in ${SCREENSHOT_DIR}\n`,
    );
    expect(problems).toEqual([]);
  });

  it('signs in with a password, then the two-factor code it asks for', async () => {
    const kai = await registerAccount(suite.app, { username: 'kai', displayName: 'Kai' });
    const setup = await suite.app
      .http()
      .post('/api/auth/2fa/setup')
      .set(bearer(kai.accessToken))
      .expect(200);
    const code = () => authenticator.clone({ epoch: clock.now() }).generate(setup.body.secret);
    await suite.app
      .http()
      .post('/api/auth/2fa/enable')
      .set(bearer(kai.accessToken))
      .send({ code: code() })
      .expect(204);
    // The next 30-second step: a code is good once.
    clock.advance(30_000);

    const { page, problems } = await open();
    await page.goto('/');
    await page.getByLabel('Username or email').fill('kai');
    await page.getByLabel('Password').fill(kai.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
    await checkScreen(page, 'two-factor');
    await page.getByLabel('Authentication code').fill(code());
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Play', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Kai' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('keeps two tabs on one session: signing out in one signs the other out too', async () => {
    const lee = await registerAccount(suite.app, { username: 'lee', displayName: 'Lee' });
    const { context, page, problems } = await open();
    await signIn(page, lee);
    const second = await context.newPage();
    await second.goto('/');
    await second.getByRole('link', { name: 'Lee' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The other tab hears it from the shared storage, with no request of its own.
    await second.getByRole('heading', { name: 'Sign in' }).waitFor();
    await second.getByRole('link', { name: 'Sign up' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('lets two people play each other from two browsers while a third watches', async () => {
    const [ann, ben, cy] = await Promise.all([
      registerAccount(suite.app, { username: 'ann', displayName: 'Ann' }),
      registerAccount(suite.app, { username: 'ben', displayName: 'Ben' }),
      registerAccount(suite.app, { username: 'cyd', displayName: 'Cy' }),
    ]);
    const a = await open();
    const b = await open();
    const c = await open();
    await Promise.all([signIn(a.page, ann), signIn(b.page, ben), signIn(c.page, cy)]);

    await a.page.getByRole('button', { name: 'Queue casual' }).click();
    await a.page.getByText('Looking for a casual opponent…').waitFor();
    await b.page.getByRole('button', { name: 'Queue casual' }).click();
    for (const page of [a.page, b.page]) {
      await page.getByRole('heading', { name: /^(Ann vs Ben|Ben vs Ann)$/ }).waitFor();
    }
    const matchId = new URL(a.page.url()).hash.replace('#/match/', '');
    expect(new URL(b.page.url()).hash).toBe(`#/match/${matchId}`);

    await c.page.getByRole('link', { name: 'Live' }).click();
    const watch = c.page.getByRole('button', { name: /^Watch (Ann vs Ben|Ben vs Ann)$/ });
    await watch.waitFor();
    await checkScreen(c.page, 'live');
    await watch.click();
    await c.page.getByText('You are watching this match.').waitFor();

    // Ann moves her paddle up with the keyboard: the server applies it (see the replay below).
    await a.page.keyboard.down('w');
    game.play(20);
    await a.page.keyboard.up('w');
    await playUntil(async () => (await c.page.getByText(/ won 0 – 1| won 1 – 0/).count()) > 0);
    await checkScreen(c.page, 'spectating');
    for (const page of [a.page, b.page]) await page.getByText(/You (won|lost) /).waitFor();
    const final = await scoreOf(c.page);
    expect(await scoreOf(a.page)).toBe(final);
    expect(await scoreOf(b.page)).toBe(final);

    const match = await suite.app
      .http()
      .get(`/api/matches/${matchId}`)
      .set(bearer(ann.accessToken))
      .expect(200);
    expect(match.body).toMatchObject({ mode: 'casual', status: 'finished' });
    const annSide = match.body.players.find(
      (p: { user: { id: string } | null }) => p.user?.id === ann.id,
    ).side;
    const replay = await suite.app
      .http()
      .get(`/api/matches/${matchId}/replay`)
      .set(bearer(ann.accessToken))
      .expect(200);
    expect(replay.body.inputs).toContainEqual([expect.any(Number), annSide, 'up']);
    for (const watched of [a, b, c]) expect(watched.problems).toEqual([]);
  });

  it('challenges a friend, who accepts from a notice', async () => {
    const [dee, eli] = await Promise.all([
      registerAccount(suite.app, { username: 'dee', displayName: 'Dee' }),
      registerAccount(suite.app, { username: 'eli', displayName: 'Eli' }),
    ]);
    const asked = await suite.app
      .http()
      .post('/api/friends/requests')
      .set(bearer(dee.accessToken))
      .send({ userId: eli.id })
      .expect(201);
    await suite.app
      .http()
      .post(`/api/friends/requests/${asked.body.id}/accept`)
      .set(bearer(eli.accessToken))
      .expect(200);
    const d = await open();
    const e = await open();
    await Promise.all([signIn(d.page, dee), signIn(e.page, eli)]);

    await d.page.getByRole('link', { name: 'Friends' }).click();
    await d.page.getByRole('listitem').filter({ hasText: 'Eli' }).getByText('online').waitFor();
    await checkScreen(d.page, 'friends');
    await d.page.getByRole('button', { name: 'Challenge Eli' }).click();
    await d.page.getByText('Challenge sent to Eli').waitFor();
    await e.page.getByText('Dee challenges you to a match.').waitFor();
    await e.page.getByRole('button', { name: 'Accept the challenge' }).click();
    for (const page of [d.page, e.page]) {
      await page.getByRole('heading', { name: /^(Dee vs Eli|Eli vs Dee)$/ }).waitFor();
    }
    await playUntil(async () => (await e.page.getByText(/You (won|lost) /).count()) > 0);
    await d.page.getByText(/You (won|lost) /).waitFor();
    for (const watched of [d, e]) expect(watched.problems).toEqual([]);
  });

  it('plays on one keyboard: W/S move the left paddle, the arrows the right one', async () => {
    const player = await registerAccount(suite.app, { username: 'gus', displayName: 'Gus' });
    const { page, problems } = await open();
    await signIn(page, player);
    await page.getByLabel('Left player (W/S)').fill('Gus');
    await page.getByLabel('Right player (arrows)').fill('Kim');
    await page.getByRole('button', { name: 'Play locally' }).click();
    await page.getByRole('heading', { name: 'Gus vs Kim' }).waitFor();
    const matchId = new URL(page.url()).hash.replace('#/match/', '');

    await page.keyboard.down('s');
    await page.keyboard.down('ArrowUp');
    game.play(20);
    await page.keyboard.up('s');
    await page.keyboard.up('ArrowUp');
    await playUntil(async () => (await page.getByText(/(Gus|Kim) won /).count()) > 0);
    await checkScreen(page, 'match-local-ended');
    const replay = await suite.app
      .http()
      .get(`/api/matches/${matchId}/replay`)
      .set(bearer(player.accessToken))
      .expect(200);
    expect(replay.body.inputs).toEqual(
      expect.arrayContaining([
        [expect.any(Number), 'left', 'down'],
        [expect.any(Number), 'right', 'up'],
      ]),
    );
    expect(problems).toEqual([]);
  });

  it('runs a tournament: created and joined in two browsers, its match played, its bracket followed', async () => {
    const [ivy, jon] = await Promise.all([
      registerAccount(suite.app, { username: 'ivy', displayName: 'Ivy' }),
      registerAccount(suite.app, { username: 'jon', displayName: 'Jon' }),
    ]);
    const i = await open();
    const j = await open();
    await Promise.all([signIn(i.page, ivy), signIn(j.page, jon)]);

    await i.page.getByRole('link', { name: 'Tournaments' }).click();
    await i.page.getByLabel('Tournament name').fill('Winter Cup');
    await i.page.getByLabel('Players').selectOption('4');
    await i.page.getByRole('button', { name: 'Create' }).click();
    await i.page.getByRole('heading', { name: 'Winter Cup' }).waitFor();

    await j.page.getByRole('link', { name: 'Tournaments' }).click();
    await j.page.getByRole('link', { name: 'Winter Cup' }).click();
    await j.page.getByLabel('Alias (optional)').fill('Jonny');
    await j.page.getByRole('button', { name: 'Join the tournament' }).click();
    await j.page.getByRole('list', { name: 'Participants' }).getByText('Jon').waitFor();

    await i.page.getByRole('button', { name: 'Start now' }).click();
    await i.page.getByRole('region', { name: 'Final' }).waitFor();
    await j.page.getByRole('region', { name: 'Final' }).waitFor();
    await checkScreen(i.page, 'tournament');
    for (const page of [i.page, j.page]) {
      await page.getByRole('button', { name: 'Play the tournament match' }).click();
      await page.getByRole('heading', { name: /^(Ivy vs Jon|Jon vs Ivy)$/ }).waitFor();
    }
    await playUntil(async () => (await i.page.getByText(/You (won|lost) /).count()) > 0);
    await j.page.getByText(/You (won|lost) /).waitFor();

    await j.page.getByRole('link', { name: 'Tournaments' }).click();
    await j.page.getByRole('link', { name: 'Winter Cup' }).click();
    await j.page.getByText(/finished · winner: (Ivy|Jon)/).waitFor();
    await j.page
      .getByRole('region', { name: 'Final' })
      .getByRole('link', { name: 'replay' })
      .waitFor();
    for (const watched of [i, j]) expect(watched.problems).toEqual([]);
  });

  it('replays a stored match, re-simulated in the browser from its seed and inputs', async () => {
    const player = await registerAccount(suite.app, { username: 'fay', displayName: 'Fay' });
    const socket = await connectedGame(suite.app, player.accessToken);
    let matchId: string;
    try {
      const ended = nextEvent<{ score: { left: number; right: number } }>(socket, 'match:end');
      const ack = await request<{ ok: boolean; matchId: string }>(socket, 'match:ai', {
        difficulty: 'normal',
      });
      matchId = ack.matchId;
      socket.emit('game:input', { matchId, direction: 'down', seq: 1 });
      let done = false;
      void ended.then(() => (done = true));
      await game.playUntil(() => done);
      await ended;
    } finally {
      socket.disconnect();
    }
    const stored = await suite.app
      .http()
      .get(`/api/matches/${matchId}/replay`)
      .set(bearer(player.accessToken))
      .expect(200);
    const final = `${stored.body.final.score.left} – ${stored.body.final.score.right}`;

    const { page, problems } = await open();
    await signIn(page, player);
    await page.getByRole('link', { name: 'Fay' }).click();
    await page
      .getByRole('table', { name: 'Match history' })
      .getByRole('link', { name: 'Replay' })
      .click();
    await page.getByRole('heading', { name: 'Replay: Fay vs AI (normal)' }).waitFor();
    await page.getByText(`Re-simulated in your browser: ${final}, as stored`).waitFor();
    await page.getByText('Replay hash verified').waitFor();
    expect(await scoreOf(page)).toBe('0 – 0');

    await page.getByLabel('Speed').selectOption('8');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 30_000 });
    expect(await scoreOf(page)).toBe(final);
    const position = page.getByLabel('Position');
    await position.fill(String(Math.floor(stored.body.final.tick / 2)));
    await checkScreen(page, 'replay');
    expect(problems).toEqual([]);
  });
});
