/**
 * A socket lives as long as its session (API.md "Conventions"): every way a session ends also
 * ends its sockets within a second, and one user holds at most 32 sockets on /game.
 */
import { Account, bearer, eraseAccount, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import {
  ClientSocket,
  connected,
  connectedGame,
  connectGame,
  nextEvent,
  request,
} from './support/sockets';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';
import { decodePayload, signHs256 } from './support/tokens';
import { SessionsService } from '../src/modules/auth/sessions.service';
import { Transactor } from '../src/database/transactor';

/** The one second API.md allows between a session ending and its sockets closing. */
const WITHIN_MS = 1000;

describe('sockets live as long as their session (e2e)', () => {
  let t: TestApp;
  const sockets: ClientSocket[] = [];
  const open = async (token: string) => {
    const socket = await connectedGame(t, token);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    await t.close();
  });

  const login = async (account: Account) => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ login: account.username, password: account.password })
      .expect(200);
    return res.body as { accessToken: string; refreshToken: string };
  };

  /**
   * The socket was told to go (`io server disconnect`: the client does not retry by itself), and
   * its token opens no new socket: `match:ai` is out of reach.
   */
  async function expectEnded(socket: ClientSocket, ended: Promise<unknown>, token: string) {
    await expect(ended).resolves.toBe('io server disconnect');
    expect(socket.connected).toBe(false);
    socket.connect();
    await expect(connected(socket)).rejects.toThrow('unauthorized');
    const again = connectGame(t, token);
    sockets.push(again);
    await expect(connected(again)).rejects.toThrow('unauthorized');
  }

  /** Proves a socket still works: an acknowledged event round-trips. */
  async function expectAlive(socket: ClientSocket) {
    await expect(request(socket, 'match:ai', { difficulty: 'easy' })).resolves.toEqual({
      ok: true,
      matchId: expect.any(String),
    });
  }

  it('logout disconnects that session’s sockets, not the other logins’', async () => {
    const account = await registerAccount(t);
    const other = await login(account);
    const [first, second, elsewhere] = await Promise.all([
      open(account.accessToken),
      open(account.accessToken),
      open(other.accessToken),
    ]);
    const ends = [first, second].map((s) => nextEvent(s, 'disconnect', () => true, WITHIN_MS));

    await t
      .http()
      .post('/api/auth/logout')
      .send({ refreshToken: account.refreshToken })
      .expect(204);

    await expectEnded(first, ends[0], account.accessToken);
    await expectEnded(second, ends[1], account.accessToken);
    await t.http().get('/api/users/me').set(bearer(account.accessToken)).expect(401);
    await expectAlive(elsewhere);
  });

  it('a spent refresh token presented again disconnects every socket of that login', async () => {
    const account = await registerAccount(t);
    const rotated = await t
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: account.refreshToken })
      .expect(200);
    const before = await open(account.accessToken);
    const after = await open(rotated.body.accessToken as string);
    const ends = [before, after].map((s) => nextEvent(s, 'disconnect', () => true, WITHIN_MS));

    await t
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: account.refreshToken })
      .expect(401);

    await expectEnded(before, ends[0], account.accessToken);
    await expectEnded(after, ends[1], rotated.body.accessToken as string);
  });

  it('erasing the account disconnects every socket of every login', async () => {
    const account = await registerAccount(t);
    const other = await login(account);
    const mine = await open(account.accessToken);
    const theirs = await open(other.accessToken);
    const ends = [mine, theirs].map((s) => nextEvent(s, 'disconnect', () => true, WITHIN_MS));

    await eraseAccount(t, account);

    await expectEnded(mine, ends[0], account.accessToken);
    await expectEnded(theirs, ends[1], other.accessToken);
  });

  // PUT /api/users/me/password is not in this tree yet: this drives the revocation it will make
  // (every session but the caller's, in its transaction) and checks the sockets follow.
  it('revoking every other session (a password change) disconnects their sockets, not the caller’s', async () => {
    const account = await registerAccount(t);
    const other = await login(account);
    const caller = await open(account.accessToken);
    const elsewhere = await open(other.accessToken);
    const ended = nextEvent(elsewhere, 'disconnect', () => true, WITHIN_MS);

    const sessions = t.app.get(SessionsService);
    const callerSid = decodePayload(account.accessToken).sid as string;
    await t.app
      .get(Transactor)
      .run((manager) =>
        sessions.revokeAllOf(manager, account.id, 'password_changed', { except: callerSid }),
      );

    await expectEnded(elsewhere, ended, other.accessToken);
    await expectAlive(caller);
    await t.http().get('/api/users/me').set(bearer(account.accessToken)).expect(200);
  });

  it('refuses a well-signed token without exp, on REST and on sockets', async () => {
    const account = await registerAccount(t);
    const { sub, sid } = decodePayload(account.accessToken);
    const forever = signHs256({ sub, sid, iat: Math.floor(Date.now() / 1000) }, TEST_JWT_SECRET);

    const res = await t.http().get('/api/users/me').set(bearer(forever)).expect(401);
    expectEnvelope(res.body, 401, '/api/users/me');
    const socket = connectGame(t, forever);
    sockets.push(socket);
    await expect(connected(socket)).rejects.toThrow('unauthorized');
    // The same claims with an exp still work: only the missing expiry is refused.
    const bounded = signHs256(
      { sub, sid, exp: Math.floor(Date.now() / 1000) + 60 },
      TEST_JWT_SECRET,
    );
    await t.http().get('/api/users/me').set(bearer(bounded)).expect(200);
  });

  describe('at most 32 sockets per user', () => {
    it('refuses the 33rd with connect_error "too_many_connections", and takes one again once a socket closes', async () => {
      const account = await registerAccount(t);
      const held: ClientSocket[] = [];
      for (let i = 0; i < 32; i++) held.push(await open(account.accessToken));

      const extra = connectGame(t, account.accessToken);
      sockets.push(extra);
      await expect(connected(extra)).rejects.toThrow('too_many_connections');
      // Another user is not affected by this one's sockets.
      const someoneElse = await registerAccount(t);
      await expectAlive(await open(someoneElse.accessToken));

      const closed = held[0];
      closed.disconnect();
      // The seat is given back once the server has handled the disconnect; poll for it by
      // connecting, which is the event under test (bounded: a few tries).
      let replacement: ClientSocket | null = null;
      const refusals: string[] = [];
      for (let attempt = 0; attempt < 20 && !replacement; attempt++) {
        const candidate = connectGame(t, account.accessToken);
        sockets.push(candidate);
        try {
          await connected(candidate);
          replacement = candidate;
        } catch (error) {
          refusals.push((error as Error).message);
        }
      }
      expect(replacement).not.toBeNull();
      expect(refusals.filter((message) => message !== 'too_many_connections')).toEqual([]);
      await expectAlive(replacement as ClientSocket);
    });
  });
});

describe('sockets end when their session expires (e2e)', () => {
  let t: TestApp;
  const sockets: ClientSocket[] = [];
  const TTL_MS = 2000;

  beforeAll(async () => {
    t = await startTestApp({ env: { JWT_REFRESH_TTL: `${TTL_MS}ms` } });
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    await t.close();
  });

  it('disconnects a socket within a second of its session’s expiry; REST refuses the token too', async () => {
    const openedBefore = Date.now();
    const account = await registerAccount(t);
    const openedAfter = Date.now();
    const socket = await connectedGame(t, account.accessToken);
    sockets.push(socket);

    await nextEvent(socket, 'disconnect', () => true, TTL_MS + WITHIN_MS + 500);
    const endedAt = Date.now();
    expect(endedAt).toBeGreaterThanOrEqual(openedBefore + TTL_MS);
    expect(endedAt).toBeLessThanOrEqual(openedAfter + TTL_MS + WITHIN_MS);

    await t.http().get('/api/users/me').set(bearer(account.accessToken)).expect(401);
    socket.connect();
    await expect(connected(socket)).rejects.toThrow('unauthorized');
  });

  it('keeps the socket while the session is refreshed, and ends it at the new expiry', async () => {
    const account = await registerAccount(t);
    const socket = await connectedGame(t, account.accessToken);
    sockets.push(socket);
    const ended = nextEvent(socket, 'disconnect', () => true, 2 * TTL_MS + WITHIN_MS);

    // Halfway through the session, a rotation pushes its expiry a whole TTL further.
    await new Promise((resolve) => setTimeout(resolve, TTL_MS / 2));
    const refreshedAt = Date.now();
    const rotated = await t
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: account.refreshToken })
      .expect(200);
    const refreshedBy = Date.now();

    await ended;
    const endedAt = Date.now();
    expect(endedAt).toBeGreaterThanOrEqual(refreshedAt + TTL_MS);
    expect(endedAt).toBeLessThanOrEqual(refreshedBy + TTL_MS + WITHIN_MS);
    await t
      .http()
      .get('/api/users/me')
      .set(bearer(rotated.body.accessToken as string))
      .expect(401);
  });
});
