/**
 * What nodes do when a piece goes away: Redis restarting (empty) and a node killed outright.
 */
import type { Socket } from 'socket.io-client';
import {
  api,
  befriend,
  Cluster,
  connectGame,
  eventually,
  HEARTBEAT_MS,
  nextEvent,
  register,
  startCluster,
  statusOf,
} from './support/cluster';

describe('several nodes: failures (cluster)', () => {
  let cluster: Cluster;
  const sockets: Socket[] = [];
  const a = () => cluster.node('node-a');
  const b = () => cluster.node('node-b');

  let restartRedis: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    cluster = await startCluster([
      { nodeId: 'node-a' },
      { nodeId: 'node-b' },
      // Beats so slowly that only a clean leave can make its users offline within the test.
      { nodeId: 'node-c', env: { CLUSTER_HEARTBEAT_MS: '20000' } },
    ]);
  });

  afterEach(async () => {
    await restartRedis?.();
    restartRedis = null;
  });

  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await cluster?.stop();
  });

  it('answers /health/ready 503 while Redis is down and 200 once it is back, without a restart; presence is written again', async () => {
    const ada = await register(a());
    const bob = await register(b());
    sockets.push(await connectGame(a(), ada.accessToken));
    await eventually(async () => (await statusOf(b(), bob, ada.id)) === 'online', 2000);

    await cluster.redis.stop();
    // Whatever happens below, the next test finds Redis running.
    restartRedis = () => cluster.redis.start();
    const stoppedAt = Date.now();
    for (const node of cluster.nodes) {
      await eventually(
        async () => (await api(node, 'GET', '/health/ready')).status === 503,
        3000,
        `${node.nodeId} not ready`,
      );
      const down = await api<{ message: string }>(node, 'GET', '/health/ready');
      expect(down.body.message).toBe('Not ready: redis unreachable');
      expect(down.headers.get('retry-after')).toBe('1');
      // Liveness is not readiness: the process still answers.
      expect((await api(node, 'GET', '/health')).status).toBe(200);
    }
    expect(Date.now() - stoppedAt).toBeLessThan(5000);

    restartRedis = null;
    await cluster.redis.start(); // empty: --save '' and no AOF
    for (const node of cluster.nodes) {
      await eventually(
        async () => (await api(node, 'GET', '/health/ready')).status === 200,
        10_000,
        `${node.nodeId} ready again`,
      );
    }
    // Redis forgot everything; each node writes its own sockets again on rejoining.
    await eventually(
      async () => (await statusOf(b(), bob, ada.id)) === 'online',
      10_000,
      'presence written again',
    );
    // And the cluster works as before: a new login is counted across nodes.
    const cy = await register(b());
    sockets.push(await connectGame(b(), cy.accessToken));
    await eventually(async () => (await statusOf(a(), ada, cy.id)) === 'online', 3000);
  });

  it('takes a node’s users offline at once when it stops with SIGTERM, friends told', async () => {
    const ada = await register(a());
    const bob = await register(a());
    await befriend(ada, bob, a(), a());
    const bobSocket = await connectGame(a(), bob.accessToken);
    sockets.push(bobSocket);
    const online = nextEvent<{ userId: string; status: string }>(
      bobSocket,
      'presence:update',
      (update) => update.userId === ada.id && update.status === 'online',
    );
    sockets.push(await connectGame(cluster.node('node-c'), ada.accessToken));
    await online;
    const offline = nextEvent<{ userId: string; status: string }>(
      bobSocket,
      'presence:update',
      (update) => update.userId === ada.id,
      5000,
    );
    const stoppedAt = Date.now();
    await cluster.node('node-c').stop();
    await expect(offline).resolves.toEqual({ userId: ada.id, status: 'offline' });
    // Far sooner than its heartbeat (60 s) could expire.
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    expect(await statusOf(a(), bob, ada.id)).toBe('offline');
  });

  it('expires a killed node’s sockets with its heartbeat, and tells friends on other nodes', async () => {
    const ada = await register(a());
    const bob = await register(a());
    await befriend(ada, bob, a(), a());
    const bobSocket = await connectGame(a(), bob.accessToken);
    sockets.push(bobSocket);
    const online = nextEvent<{ userId: string; status: string }>(
      bobSocket,
      'presence:update',
      (update) => update.userId === ada.id && update.status === 'online',
    );
    sockets.push(await connectGame(b(), ada.accessToken));
    await online;

    const offline = nextEvent<{ userId: string; status: string }>(
      bobSocket,
      'presence:update',
      (update) => update.userId === ada.id,
      10_000,
    );
    const killedAt = Date.now();
    await b().kill();
    await expect(offline).resolves.toEqual({ userId: ada.id, status: 'offline' });
    const took = Date.now() - killedAt;
    // Lost after three missed beats, swept at the next beat of a survivor.
    expect(took).toBeLessThan(HEARTBEAT_MS * 5 + 1000);
    expect(await statusOf(a(), bob, ada.id)).toBe('offline');
    const metrics = await fetch(`${a().url}/metrics`, {
      headers: { authorization: 'Bearer arena-cluster-metrics-0123456789' },
    });
    expect(await metrics.text()).toContain('arena_cluster_live_nodes{node="node-a"} 1');
  });
});
