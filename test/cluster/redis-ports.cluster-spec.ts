/**
 * The Redis implementations of the live-state ports, against a private redis-server: the same
 * contracts as the in-memory ones, across "nodes" that are separate sets of connections here.
 */
import { RedisClients } from '../../src/cluster/redis-clients';
import { RedisClusterLock } from '../../src/cluster/redis-cluster-lock';
import { RedisClusterNodes } from '../../src/cluster/redis-cluster-nodes';
import { RedisPresenceStore } from '../../src/cluster/redis-presence.store';
import { RedisSessionEvents } from '../../src/cluster/redis-session-events';
import { RedisChallengeStore } from '../../src/cluster/redis-challenge-store';
import { RedisMatchDirectory } from '../../src/cluster/redis-match-directory';
import { RedisNodeBus } from '../../src/cluster/redis-node-bus';
import { RedisQueueStore } from '../../src/cluster/redis-queue-store';
import { AlreadyInMatchError } from '../../src/common/errors';
import { RedisTypingGate } from '../../src/cluster/redis-typing.gate';
import { TYPING_WINDOW_MS } from '../../src/modules/chat/typing.gate';
import type { SessionsRevoked } from '../../src/modules/auth/session-events';
import { describeLiveStatePorts } from '../support/live-state-contract';
import { eventually, PrivateRedis, startRedis } from './support/cluster';

const HEARTBEAT_MS = 100;

interface FakeNode {
  clients: RedisClients;
  nodes: RedisClusterNodes;
  presence: RedisPresenceStore;
  events: RedisSessionEvents;
  /** Stops beating without leaving (a crash, as the others see it). */
  crash(): Promise<void>;
  close(): Promise<void>;
}

describe('Redis ports (cluster)', () => {
  let redis: PrivateRedis;
  const open: FakeNode[] = [];

  async function node(nodeId: string): Promise<FakeNode> {
    const clients = new RedisClients(redis.url, nodeId);
    const nodes = new RedisClusterNodes(clients, nodeId, 'all', HEARTBEAT_MS, HEARTBEAT_MS * 3);
    const presence = new RedisPresenceStore(clients, nodes);
    const events = new RedisSessionEvents(clients);
    await nodes.onModuleInit();
    await presence.onModuleInit();
    await events.onModuleInit();
    let crashed = false;
    const handle: FakeNode = {
      clients,
      nodes,
      presence,
      events,
      crash: async () => {
        crashed = true;
        nodes.onApplicationShutdown();
        for (const client of [clients.command, clients.subscriber]) client.disconnect(false);
        await Promise.resolve();
      },
      // A crashed node has nothing left to close.
      close: () => (crashed ? Promise.resolve() : clients.onApplicationShutdown()),
    };
    open.push(handle);
    return handle;
  }

  beforeAll(async () => {
    redis = await startRedis();
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((handle) => handle.close().catch(() => undefined)));
  });

  afterAll(async () => {
    await redis?.stop();
  });

  it('ClusterLock: one holder; only its token renews or releases; a lease runs out', async () => {
    const a = await node('lock-a');
    const b = await node('lock-b');
    const lockA = new RedisClusterLock(a.clients.command);
    const lockB = new RedisClusterLock(b.clients.command);
    const lease = await lockA.acquire('job', 300);
    expect(lease).not.toBeNull();
    await expect(lockB.acquire('job', 300)).resolves.toBeNull();
    await expect(lease?.renew(300)).resolves.toBe(true);
    await new Promise((done) => setTimeout(done, 400));
    const taken = await lockB.acquire('job', 5000);
    expect(taken).not.toBeNull();
    // The first holder's lease ran out: it can neither extend nor free the new one.
    await expect(lease?.renew(5000)).resolves.toBe(false);
    await lease?.release();
    await expect(lockA.acquire('job', 300)).resolves.toBeNull();
    await taken?.release();
    const order: string[] = [];
    await Promise.all([
      lockA.runExclusive('serial', async () => {
        order.push('a:start');
        await new Promise((done) => setTimeout(done, 200));
        order.push('a:end');
      }),
      new Promise((done) => setTimeout(done, 50)).then(() =>
        lockB.runExclusive(
          'serial',
          () => {
            order.push('b');
            return Promise.resolve();
          },
          { waitMs: 2000 },
        ),
      ),
    ]);
    expect(order).toEqual(['a:start', 'a:end', 'b']);
  });

  it('ClusterNodes: joining order, the eldest, and exactly one sweeper hearing a lost node', async () => {
    const a = await node('nodes-a');
    const b = await node('nodes-b');
    const c = await node('nodes-c');
    expect((await a.nodes.live()).map((info) => info.nodeId)).toEqual([
      'nodes-a',
      'nodes-b',
      'nodes-c',
    ]);
    await expect(a.nodes.isEldest()).resolves.toBe(true);
    await expect(b.nodes.isEldest()).resolves.toBe(false);
    const heard: string[] = [];
    a.nodes.onNodeLost((id) => void heard.push(`a:${id}`));
    b.nodes.onNodeLost((id) => void heard.push(`b:${id}`));
    await c.crash();
    await eventually(() => heard.length > 0, 3000, 'the lost node heard');
    await new Promise((done) => setTimeout(done, HEARTBEAT_MS * 4));
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatch(/^[ab]:nodes-c$/);
    expect((await b.nodes.live()).map((info) => info.nodeId)).toEqual(['nodes-a', 'nodes-b']);
  });

  it('PresenceStore: the socket cap across nodes, statuses everywhere, a dead node’s sockets expiring', async () => {
    const a = await node('presence-a');
    const b = await node('presence-b');
    const changes: string[] = [];
    a.presence.onChange((change) => void changes.push(`${change.userId}:${change.after}`));
    b.presence.onChange((change) => void changes.push(`${change.userId}:${change.after}`));

    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).presence.connect('u1', '/game', 4)),
    );
    expect(results.filter((change) => change !== null)).toHaveLength(4);
    const heldByA = results.filter((change, i) => change !== null && i % 2 === 1).length;
    await expect(a.presence.connect('u1', '/chat', 4)).resolves.not.toBeNull();
    // Sockets per namespace, counted over every node (a tab closing on one node while another
    // stays open elsewhere).
    await expect(b.presence.socketsOn('u1', '/game')).resolves.toBe(4);
    await expect(b.presence.socketsOn('u1', '/chat')).resolves.toBe(1);
    await expect(a.presence.socketsOn('nobody', '/game')).resolves.toBe(0);
    // Each node's replica sees the other's writes.
    await eventually(
      () => a.presence.statusOf('u1') === 'online' && b.presence.statusOf('u1') === 'online',
    );

    await expect(a.presence.setInGame('u1', true)).resolves.toMatchObject({
      before: 'online',
      after: 'in_game',
    });
    await eventually(() => b.presence.statusOf('u1') === 'in_game');
    await a.presence.setInGame('u1', false);

    // u2 is only on b; b dies: its sockets expire with its heartbeat and a tells the change.
    await b.presence.connect('u2', '/game', 4);
    await eventually(() => a.presence.statusOf('u2') === 'online');
    await b.crash();
    await eventually(() => a.presence.statusOf('u2') === 'offline', 3000, 'u2 offline');
    expect(changes).toContain('u2:offline');
    // u1 keeps a's sockets, and b's no longer count against the cap.
    expect(a.presence.statusOf('u1')).toBe('online');
    const seats = await Promise.all(
      Array.from({ length: 4 }, () => a.presence.connect('u1', '/game', 4)),
    );
    expect(seats.filter((change) => change !== null)).toHaveLength(4 - heldByA);
  });

  it('TypingGate: one relay per window per user and conversation, across nodes', async () => {
    const a = new RedisTypingGate((await node('typing-a')).clients.command);
    const b = new RedisTypingGate((await node('typing-b')).clients.command);
    await expect(a.admit('u1', 'c1')).resolves.toBe(true);
    await expect(b.admit('u1', 'c1')).resolves.toBe(false);
    await expect(b.admit('u2', 'c1')).resolves.toBe(true);
    await expect(b.admit('u1', 'c2')).resolves.toBe(true);
    await new Promise((done) => setTimeout(done, TYPING_WINDOW_MS + 100));
    await expect(b.admit('u1', 'c1')).resolves.toBe(true);
  });

  it('SessionEvents: a revocation published on one node reaches listeners on every node', async () => {
    const a = await node('events-a');
    const b = await node('events-b');
    const heard: SessionsRevoked[] = [];
    await b.events.subscribe((event) => void heard.push(event));
    const event: SessionsRevoked = { kind: 'sessions', sessionIds: ['s1'], reason: 'logout' };
    await a.events.publish(event);
    await eventually(() => heard.length === 1, 1000, 'the revocation heard');
    expect(heard).toEqual([event]);
  });

  it('NodeBus: a message reaches its node only; a request gets the answer or the domain error back', async () => {
    const a = await node('bus-a');
    const b = await node('bus-b');
    const c = await node('bus-c');
    const buses = [a, b, c].map((handle, index) => {
      const bus = new RedisNodeBus(handle.clients, ['bus-a', 'bus-b', 'bus-c'][index]);
      return bus;
    });
    for (const bus of buses) await bus.onModuleInit();
    const heard: string[] = [];
    for (const bus of buses) {
      bus.handle<{ n: number }>('double', (payload, from) => {
        heard.push(`${bus.nodeId}<-${from}`);
        return payload.n * 2;
      });
      bus.handle('busy', () => {
        throw new AlreadyInMatchError('Finish your live match first');
      });
    }
    await expect(buses[0].request('bus-b', 'double', { n: 21 })).resolves.toBe(42);
    buses[2].send('bus-b', 'double', { n: 1 });
    await eventually(() => heard.length === 2, 1000, 'the message heard');
    expect(heard).toEqual(['bus-b<-bus-a', 'bus-b<-bus-c']);
    await expect(buses[1].request('bus-c', 'busy', {})).rejects.toMatchObject({
      code: 'ALREADY_IN_MATCH',
    });
    // Nobody listens on a node that is gone: the request gives up in time.
    await expect(buses[0].request('bus-gone', 'double', { n: 1 }, 300)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
  });

  describe('game live state in Redis', () => {
    describeLiveStatePorts(async () => {
      const handle = await node(`live-${open.length}`);
      const redisClient = handle.clients.command;
      return {
        directory: new RedisMatchDirectory(redisClient),
        queue: new RedisQueueStore(redisClient),
        challenges: new RedisChallengeStore(redisClient, () => Date.now()),
      };
    });
  });
});
