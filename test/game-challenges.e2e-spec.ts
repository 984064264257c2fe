import { ManualClock } from '../src/common/clock/clock';
import { Account, bearer, registerAccount } from './support/accounts';
import { gameDriver } from './support/game-clock';
import { socketPool, nextEvent, request } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

describe('private challenges (e2e)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 12));
  let t: TestApp;
  const game = gameDriver(() => t, clock);
  const pool = socketPool(() => t);
  const open = (account: Account) => pool.open(account);

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { CHALLENGE_TTL_MS: '2000', GAME_COUNTDOWN_MS: '0' } });
  });

  afterAll(async () => {
    pool.closeAll();
    await t.close();
  });

  it('sends, receives, and accepts: a private match starts between the two', async () => {
    const ann = await registerAccount(t, { username: 'ch_ann' });
    const bob = await registerAccount(t, { username: 'ch_bob' });
    const annSocket = await open(ann);
    const bobSocket = await open(bob);
    const received = nextEvent<{ challengeId: string; from: { id: string }; expiresAt: number }>(
      bobSocket,
      'challenge:received',
    );
    const sent = await request<{ ok: boolean; challengeId: string }>(annSocket, 'challenge:send', {
      userId: bob.id,
    });
    expect(sent).toEqual({ ok: true, challengeId: expect.any(String) });
    expect(await received).toEqual({
      challengeId: sent.challengeId,
      from: expect.objectContaining({ id: ann.id, username: 'ch_ann' }),
      expiresAt: clock.now() + 2000,
    });
    expect(await request(annSocket, 'challenge:send', { userId: bob.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(
      await request(annSocket, 'challenge:accept', { challengeId: sent.challengeId }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const annFound = nextEvent<{ matchId: string; mode: string; side: string }>(
      annSocket,
      'match:found',
    );
    const bobFound = nextEvent<{ matchId: string; mode: string; side: string }>(
      bobSocket,
      'match:found',
    );
    expect(
      await request(bobSocket, 'challenge:accept', { challengeId: sent.challengeId }),
    ).toMatchObject({ ok: true });
    const a = await annFound;
    const b = await bobFound;
    expect(a).toMatchObject({ mode: 'private', side: 'left' });
    expect(b).toMatchObject({ matchId: a.matchId, mode: 'private', side: 'right' });
    const record = await t
      .http()
      .get(`/api/matches/${a.matchId}`)
      .set(bearer(ann.accessToken))
      .expect(200);
    expect(record.body).toMatchObject({ mode: 'private', status: 'in_progress' });
    const end = nextEvent(bobSocket, 'match:end');
    await request(annSocket, 'match:leave', { matchId: a.matchId });
    await end;
  });

  it('lets the challenged decline and the challenger withdraw', async () => {
    const cat = await registerAccount(t);
    const dan = await registerAccount(t);
    const catSocket = await open(cat);
    const danSocket = await open(dan);
    const first = await request<{ challengeId: string }>(catSocket, 'challenge:send', {
      userId: dan.id,
    });
    const declined = nextEvent(catSocket, 'challenge:declined');
    expect(
      await request(danSocket, 'challenge:decline', { challengeId: first.challengeId }),
    ).toEqual({ ok: true });
    expect(await declined).toEqual({ challengeId: first.challengeId });
    expect(
      await request(danSocket, 'challenge:accept', { challengeId: first.challengeId }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const second = await request<{ challengeId: string }>(catSocket, 'challenge:send', {
      userId: dan.id,
    });
    const withdrawn = nextEvent(danSocket, 'challenge:declined');
    expect(
      await request(catSocket, 'challenge:decline', { challengeId: second.challengeId }),
    ).toEqual({ ok: true });
    expect(await withdrawn).toEqual({ challengeId: second.challengeId });
  });

  it('expires an unanswered challenge after CHALLENGE_TTL_MS', async () => {
    const eve = await registerAccount(t);
    const fox = await registerAccount(t);
    const eveSocket = await open(eve);
    const foxSocket = await open(fox);
    const sent = await request<{ challengeId: string }>(eveSocket, 'challenge:send', {
      userId: fox.id,
    });
    const expiredForEve = nextEvent(eveSocket, 'challenge:expired');
    const expiredForFox = nextEvent(foxSocket, 'challenge:expired');
    game.play(60); // one second: still pending
    game.play(61);
    expect(await expiredForEve).toEqual({ challengeId: sent.challengeId });
    expect(await expiredForFox).toEqual({ challengeId: sent.challengeId });
    expect(
      await request(foxSocket, 'challenge:accept', { challengeId: sent.challengeId }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('answers BLOCKED across a block, either way', async () => {
    const gus = await registerAccount(t);
    const hal = await registerAccount(t);
    const gusSocket = await open(gus);
    const halSocket = await open(hal);
    await t
      .http()
      .post('/api/blocks')
      .set(bearer(hal.accessToken))
      .send({ userId: gus.id })
      .expect(204);
    expect(await request(gusSocket, 'challenge:send', { userId: hal.id })).toMatchObject({
      ok: false,
      error: { code: 'BLOCKED' },
    });
    expect(await request(halSocket, 'challenge:send', { userId: gus.id })).toMatchObject({
      ok: false,
      error: { code: 'BLOCKED' },
    });
    await t.http().delete(`/api/blocks/${gus.id}`).set(bearer(hal.accessToken)).expect(204);
    expect(await request(gusSocket, 'challenge:send', { userId: hal.id })).toMatchObject({
      ok: true,
    });
  });

  it('refuses yourself, unknown or offline players, and bad payloads', async () => {
    const ivy = await registerAccount(t);
    const offline = await registerAccount(t);
    const socket = await open(ivy);
    expect(await request(socket, 'challenge:send', { userId: ivy.id })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(
      await request(socket, 'challenge:send', { userId: '00000000-0000-4000-8000-000000000000' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await request(socket, 'challenge:send', { userId: offline.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await request(socket, 'challenge:send', {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await request(socket, 'challenge:accept', { challengeId: 42 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});
