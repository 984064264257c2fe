/**
 * Who may open `/chat` and how fast anyone may send: an API key needs the `play` scope, one user
 * sends at most 20 messages every 10 s whatever the socket or route (`429` with Retry-After,
 * `RATE_LIMITED` acks), and one socket at most 20 events a second.
 */
import { Account, bearer, registerAccount } from './support/accounts';
import { openDirect } from './support/chat';
import { connected, connectedChat, request } from './support/sockets';
import { io } from 'socket.io-client';
import { startTestApp, TestApp } from './support/test-app';

describe('chat limits (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT: 'on' } });
  });

  afterAll(async () => {
    await t.close();
  });

  const key = async (who: Account, scopes: string[]) =>
    (
      await t
        .http()
        .post('/api/users/me/api-keys')
        .set(bearer(who.accessToken))
        .send({ name: `bot ${scopes.join(' ')}`, scopes })
        .expect(201)
    ).body.key as string;

  it('opens /chat with an access token or a `play` key, and refuses a `read` key or no token', async () => {
    const ann = await registerAccount(t);
    const open = (token?: string) =>
      io(`${t.url}/chat`, {
        auth: token === undefined ? {} : { token },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
    const tokens = [await key(ann, ['play']), await key(ann, ['read']), undefined];
    const sockets = tokens.map(open);
    // Listening from the start: a refusal may come before the first socket is in.
    const outcomes = sockets.map((socket) =>
      connected(socket).then(
        () => 'connected',
        (error: Error) => error.message,
      ),
    );
    try {
      expect(await Promise.all(outcomes)).toEqual(['connected', 'forbidden', 'unauthorized']);
    } finally {
      for (const socket of sockets) socket.disconnect();
    }
  });

  it('lets one user send 20 messages every 10 s, over REST and sockets together', async () => {
    const [ann, bob] = [await registerAccount(t), await registerAccount(t)];
    const { id } = await openDirect(t, ann, bob);
    const socket = await connectedChat(t, ann.accessToken);
    try {
      for (let i = 0; i < 10; i++) {
        await t
          .http()
          .post(`/api/chat/conversations/${id}/messages`)
          .set(bearer(ann.accessToken))
          .send({ body: `rest ${i}` })
          .expect(201);
        expect(
          await request(socket, 'chat:send', { conversationId: id, body: `socket ${i}` }),
        ).toMatchObject({ ok: true });
      }
      const refused = await t
        .http()
        .post(`/api/chat/conversations/${id}/messages`)
        .set(bearer(ann.accessToken))
        .send({ body: 'one too many' })
        .expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(
        await request(socket, 'chat:send', { conversationId: id, body: 'again' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'RATE_LIMITED' },
      });
      const history = await t
        .http()
        .get(`/api/chat/conversations/${id}/messages?limit=100`)
        .set(bearer(bob.accessToken))
        .expect(200);
      expect(history.body.items).toHaveLength(20);
      // Another user is not held back.
      await t
        .http()
        .post(`/api/chat/conversations/${id}/messages`)
        .set(bearer(bob.accessToken))
        .send({ body: 'my turn' })
        .expect(201);
    } finally {
      socket.disconnect();
    }
  });

  it('answers RATE_LIMITED past 20 events a second on one socket', async () => {
    const ann = await registerAccount(t);
    const socket = await connectedChat(t, ann.accessToken);
    try {
      const acks = await Promise.all(
        Array.from({ length: 25 }, () =>
          request<{ ok: boolean; error?: { code: string } }>(socket, 'chat:read', {}),
        ),
      );
      const codes = acks.map((ack) => ack.error?.code);
      expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBeGreaterThan(0);
      expect(codes.filter((code) => code === 'VALIDATION').length).toBeLessThanOrEqual(20);
    } finally {
      socket.disconnect();
    }
  });
});
