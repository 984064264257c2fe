/**
 * Three nodes on one PostgreSQL and one Redis: `all`, `game` (sockets, no REST) and `api` (REST,
 * no sockets). Clients pick their node. What one node does reaches sockets on the others.
 */
import { io, Socket } from 'socket.io-client';
import {
  api,
  befriend,
  Cluster,
  connectGame,
  disconnection,
  eventually,
  nextEvent,
  register,
  startCluster,
  statusOf,
} from './support/cluster';

describe('several nodes: realtime (cluster)', () => {
  let cluster: Cluster;
  const sockets: Socket[] = [];
  const all = () => cluster.node('all-1');
  const game = () => cluster.node('game-1');
  const apiNode = () => cluster.node('api-1');
  const open = async (node: ReturnType<typeof all>, token: string) => {
    const socket = await connectGame(node, token);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    cluster = await startCluster([
      { nodeId: 'all-1', role: 'all' },
      { nodeId: 'game-1', role: 'game' },
      { nodeId: 'api-1', role: 'api' },
    ]);
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('serves by role: api has no sockets, game no REST, every node health and metrics', async () => {
    await expect(connectGame(apiNode(), 'any').then((socket) => socket.close())).rejects.toThrow();
    const refused = await api<{ statusCode: number; message: string }>(
      game(),
      'GET',
      '/api/leaderboard',
    );
    expect(refused.status).toBe(404);
    expect(refused.body.message).toContain('ARENA_ROLE=game');
    for (const node of cluster.nodes) {
      expect((await api(node, 'GET', '/health/ready')).status).toBe(200);
      const metrics = await fetch(`${node.url}/metrics`, {
        headers: { authorization: 'Bearer arena-cluster-metrics-0123456789' },
      });
      const text = await metrics.text();
      expect(text).toContain(
        `arena_node_info{role="${node.nodeId.split('-')[0]}",node="${node.nodeId}"} 1`,
      );
      expect(text).toContain(`arena_cluster_live_nodes{node="${node.nodeId}"} 3`);
    }
  });

  it('shows presence across nodes and tells friends on every node', async () => {
    const ada = await register(all());
    const bob = await register(apiNode());
    await befriend(ada, bob, all(), apiNode());
    const bobSocket = await open(game(), bob.accessToken);

    const online = nextEvent<{ userId: string; status: string }>(
      bobSocket,
      'presence:update',
      (update) => update.userId === ada.id,
    );
    const adaSocket = await open(all(), ada.accessToken);
    await expect(online).resolves.toEqual({ userId: ada.id, status: 'online' });
    // Read on nodes that hold none of ada's sockets.
    await eventually(async () => (await statusOf(apiNode(), bob, ada.id)) === 'online', 2000);
    const friends = await api<{ id: string; status: string }[]>(apiNode(), 'GET', '/api/friends', {
      token: ada.accessToken,
    });
    expect(friends.body).toEqual([expect.objectContaining({ id: bob.id, status: 'online' })]);

    // A second tab on another node changes nothing; closing the last one is `offline` at once.
    const secondTab = await open(game(), ada.accessToken);
    adaSocket.close();
    const offline = nextEvent<{ userId: string; status: string }>(
      bobSocket,
      'presence:update',
      (update) => update.userId === ada.id,
    );
    await new Promise((done) => setTimeout(done, 300));
    expect(await statusOf(apiNode(), bob, ada.id)).toBe('online');
    const closedAt = Date.now();
    secondTab.close();
    await expect(offline).resolves.toEqual({ userId: ada.id, status: 'offline' });
    expect(Date.now() - closedAt).toBeLessThan(3000);
    await eventually(async () => (await statusOf(all(), bob, ada.id)) === 'offline', 2000);
  });

  it('ends a socket on one node when its session is revoked on another, within a second', async () => {
    const ada = await register(all());
    const socket = await open(game(), ada.accessToken);
    const gone = disconnection(socket, 1000);
    const started = Date.now();
    const logout = await api(apiNode(), 'POST', '/api/auth/logout', {
      body: { refreshToken: ada.refreshToken },
    });
    expect(logout.status).toBe(204);
    await expect(gone).resolves.toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('holds a user to 32 sockets on /game across every node', async () => {
    const ada = await register(all());
    const opened = await Promise.all(
      Array.from({ length: 32 }, (_, i) => open(i % 2 === 0 ? all() : game(), ada.accessToken)),
    );
    expect(opened.every((socket) => socket.connected)).toBe(true);
    for (const node of [all(), game()]) {
      await expect(connectGame(node, ada.accessToken)).rejects.toThrow('too_many_connections');
    }
    opened[0].close();
    await eventually(async () => {
      const socket = await connectGame(game(), ada.accessToken).catch(() => null);
      if (socket) sockets.push(socket);
      return socket !== null;
    }, 3000);
  });

  it('delivers chat messages and notifications to members connected to other nodes', async () => {
    const openChat = (node: ReturnType<typeof all>, token: string) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = io(`${node.url}/chat`, {
          auth: { token },
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
        });
        sockets.push(socket);
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    const [ann, bob] = [await register(all()), await register(apiNode())];
    const annChat = await openChat(all(), ann.accessToken);
    const bobChat = await openChat(game(), bob.accessToken);
    const asked = nextEvent<{ kind: string }>(bobChat, 'notification');
    const request = await api(apiNode(), 'POST', '/api/friends/requests', {
      token: ann.accessToken,
      body: { userId: bob.id },
    });
    expect(request.status).toBe(201);
    await expect(asked).resolves.toMatchObject({ kind: 'friend_request' });

    const direct = await api<{ id: string }>(apiNode(), 'POST', '/api/chat/direct', {
      token: bob.accessToken,
      body: { userId: ann.id },
    });
    expect(direct.status).toBe(201);
    // From REST on the api node to both nodes' sockets, then from a socket on one to the other.
    const atAnn = nextEvent<{ body: string }>(annChat, 'chat:message');
    const atBob = nextEvent<{ body: string }>(bobChat, 'chat:message');
    const sent = await api(
      apiNode(),
      'POST',
      `/api/chat/conversations/${direct.body.id}/messages`,
      {
        token: bob.accessToken,
        body: { body: 'from the api node' },
      },
    );
    expect(sent.status).toBe(201);
    await expect(atAnn).resolves.toMatchObject({ body: 'from the api node' });
    await expect(atBob).resolves.toMatchObject({ body: 'from the api node' });
    const reply = nextEvent<{ body: string }>(bobChat, 'chat:message');
    const ack = (await annChat
      .timeout(3000)
      .emitWithAck('chat:send', { conversationId: direct.body.id, body: 'from all-1' })) as {
      ok: boolean;
    };
    expect(ack.ok).toBe(true);
    await expect(reply).resolves.toMatchObject({ body: 'from all-1' });
  });

  it('pushes tournament:update from a REST call on the api node to sockets on the others', async () => {
    const creator = await register(apiNode());
    const joiner = await register(all());
    const creatorSocket = await open(game(), creator.accessToken);
    const created = await api<{ id: string }>(apiNode(), 'POST', '/api/tournaments', {
      token: creator.accessToken,
      body: { name: 'Cluster cup', size: 4 },
    });
    expect(created.status).toBe(201);
    const update = nextEvent<{ tournamentId: string; status: string }>(
      creatorSocket,
      'tournament:update',
      (payload) => payload.tournamentId === created.body.id,
    );
    const joined = await api(apiNode(), 'POST', `/api/tournaments/${created.body.id}/join`, {
      token: joiner.accessToken,
      body: {},
    });
    expect(joined.status).toBe(200);
    await expect(update).resolves.toEqual({ tournamentId: created.body.id, status: 'registering' });
  });
});
