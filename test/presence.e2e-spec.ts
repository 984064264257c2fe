import { Account, bearer, registerAccount } from './support/accounts';
import {
  ClientSocket,
  collect,
  connected,
  connectedGame,
  connectGame,
  nextEvent,
} from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';
import { signHs256 } from './support/tokens';
import { TEST_JWT_SECRET } from './support/test-app';

describe('game namespace authentication and presence (e2e)', () => {
  let t: TestApp;
  const sockets: ClientSocket[] = [];
  const track = (socket: ClientSocket) => {
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

  async function befriend(a: Account, b: Account): Promise<void> {
    const req = await t
      .http()
      .post('/api/friends/requests')
      .set(bearer(a.accessToken))
      .send({ userId: b.id })
      .expect(201);
    await t
      .http()
      .post(`/api/friends/requests/${req.body.id}/accept`)
      .set(bearer(b.accessToken))
      .expect(200);
  }

  describe('handshake', () => {
    it('accepts a valid access token', async () => {
      const account = await registerAccount(t);
      const socket = track(connectGame(t, account.accessToken));
      await expect(connected(socket)).resolves.toBeUndefined();
    });

    it.each([
      ['no token', undefined],
      ['an empty token', ''],
      ['a garbage token', 'not-a-jwt'],
      [
        'a token signed with another secret',
        signHs256({ sub: 'x', sid: 'y', exp: 4102444800 }, 'another-secret-another-secret-0123'),
      ],
    ])('refuses %s with connect_error "unauthorized"', async (_case, token) => {
      const socket = track(connectGame(t, token));
      await expect(connected(socket)).rejects.toThrow('unauthorized');
    });

    it('refuses the access token of a logged-out session', async () => {
      const account = await registerAccount(t);
      await t
        .http()
        .post('/api/auth/logout')
        .send({ refreshToken: account.refreshToken })
        .expect(204);
      await expect(connected(track(connectGame(t, account.accessToken)))).rejects.toThrow(
        'unauthorized',
      );
    });

    it('refuses an expired token', async () => {
      const account = await registerAccount(t);
      const [, payload] = account.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
        sub: string;
        sid: string;
      };
      const expired = signHs256(
        { sub: claims.sub, sid: claims.sid, exp: Math.floor(Date.now() / 1000) - 10 },
        TEST_JWT_SECRET,
      );
      await expect(connected(track(connectGame(t, expired)))).rejects.toThrow('unauthorized');
    });
  });

  describe('presence', () => {
    it('tells friends when a player comes online and goes offline, counting tabs once', async () => {
      const ada = await registerAccount(t);
      const bea = await registerAccount(t);
      const stranger = await registerAccount(t);
      await befriend(ada, bea);
      const adaSocket = track(await connectedGame(t, ada.accessToken));
      const strangerSocket = track(await connectedGame(t, stranger.accessToken));
      const strangerSaw = collect(strangerSocket, 'presence:update');

      const online = nextEvent(
        adaSocket,
        'presence:update',
        (p: { userId: string }) => p.userId === bea.id,
      );
      const tab1 = track(await connectedGame(t, bea.accessToken));
      await expect(online).resolves.toEqual({ userId: bea.id, status: 'online' });

      const friends = await t.http().get('/api/friends').set(bearer(ada.accessToken)).expect(200);
      expect(friends.body).toEqual([expect.objectContaining({ id: bea.id, status: 'online' })]);
      const profile = await t
        .http()
        .get(`/api/users/${bea.id}`)
        .set(bearer(stranger.accessToken))
        .expect(200);
      expect(profile.body.status).toBe('online');

      const adaSaw = collect(adaSocket, 'presence:update');
      const tab2 = track(await connectedGame(t, bea.accessToken));
      tab1.disconnect();
      // Still one tab open: no change, so nothing is sent.
      const offline = nextEvent(
        adaSocket,
        'presence:update',
        (p: { status: string }) => p.status === 'offline',
      );
      tab2.disconnect();
      await expect(offline).resolves.toEqual({ userId: bea.id, status: 'offline' });
      expect(adaSaw).toEqual([{ userId: bea.id, status: 'offline' }]);
      expect(strangerSaw).toEqual([]);
      const after = await t
        .http()
        .get(`/api/users/${bea.id}`)
        .set(bearer(ada.accessToken))
        .expect(200);
      expect(after.body.status).toBe('offline');
    });
  });
});
