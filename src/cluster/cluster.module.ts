/**
 * The cluster: this node's identity, its heartbeats and the other nodes, the cluster lock, and
 * the implementations of the live-state ports, chosen once at start-up. Without REDIS_URL the
 * node is the whole cluster and everything lives in memory; with it, Redis holds what the nodes
 * share.
 */
import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import type { ClusterConfig } from '../config';
import { ChallengeStore, InMemoryChallengeStore } from '../modules/game/challenges/challenge-store';
import { InMemoryMatchDirectory, MatchDirectory } from '../modules/game/live/match-directory';
import { InMemoryQueueStore, QueueStore } from '../modules/game/matchmaking/queue-store';
import { InMemoryTypingGate, TypingGate } from '../modules/chat/typing.gate';
import { PresenceStore, InMemoryPresenceStore } from '../modules/social/presence.store';
import { LocalNodeBus, NodeBus } from './node-bus';
import { RedisChallengeStore } from './redis-challenge-store';
import { RedisMatchDirectory } from './redis-match-directory';
import { RedisNodeBus } from './redis-node-bus';
import { RedisQueueStore } from './redis-queue-store';
import { ClusterLock, InMemoryClusterLock } from './cluster-lock';
import { ClusterMetrics } from './cluster.metrics';
import { ClusterNodes, SingleNode } from './cluster-nodes';
import { RedisClients } from './redis-clients';
import { RedisClusterLock } from './redis-cluster-lock';
import { RedisClusterNodes } from './redis-cluster-nodes';
import { RedisPresenceStore } from './redis-presence.store';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { RedisTypingGate } from './redis-typing.gate';

/** The store @nestjs/throttler counts in: null for its own in-memory one. */
export const THROTTLER_STORE = Symbol('THROTTLER_STORE');

function singleNode(cluster: ClusterConfig): Provider[] {
  return [
    {
      provide: ClusterNodes,
      useValue: new SingleNode({
        nodeId: cluster.nodeId,
        role: cluster.role,
        joined: 1,
        startedAt: Date.now(),
      }),
    },
    {
      provide: ClusterLock,
      inject: [Clock],
      useFactory: (clock: Clock) => new InMemoryClusterLock(clock),
    },
    { provide: PresenceStore, useClass: InMemoryPresenceStore },
    { provide: THROTTLER_STORE, useValue: null },
    { provide: NodeBus, useValue: new LocalNodeBus(cluster.nodeId) },
    { provide: MatchDirectory, useClass: InMemoryMatchDirectory },
    { provide: QueueStore, useClass: InMemoryQueueStore },
    { provide: ChallengeStore, useClass: InMemoryChallengeStore },
    {
      provide: TypingGate,
      inject: [Clock],
      useFactory: (clock: Clock) => new InMemoryTypingGate(clock),
    },
  ];
}

function onRedis(cluster: ClusterConfig, url: string): Provider[] {
  return [
    { provide: RedisClients, useFactory: () => new RedisClients(url, cluster.nodeId) },
    {
      provide: ClusterNodes,
      inject: [RedisClients],
      useFactory: (clients: RedisClients) =>
        new RedisClusterNodes(
          clients,
          cluster.nodeId,
          cluster.role,
          cluster.heartbeatMs,
          cluster.nodeTtlMs,
        ),
    },
    {
      provide: ClusterLock,
      inject: [RedisClients],
      useFactory: (clients: RedisClients) => new RedisClusterLock(clients.command),
    },
    {
      provide: PresenceStore,
      inject: [RedisClients, ClusterNodes],
      useFactory: (clients: RedisClients, nodes: ClusterNodes) =>
        new RedisPresenceStore(clients, nodes),
    },
    {
      provide: THROTTLER_STORE,
      inject: [RedisClients],
      useFactory: (clients: RedisClients) => new RedisThrottlerStorage(clients.command),
    },
    {
      provide: NodeBus,
      inject: [RedisClients],
      useFactory: (clients: RedisClients) => new RedisNodeBus(clients, cluster.nodeId),
    },
    {
      provide: MatchDirectory,
      inject: [RedisClients],
      useFactory: (clients: RedisClients) => new RedisMatchDirectory(clients.command),
    },
    {
      provide: QueueStore,
      inject: [RedisClients],
      useFactory: (clients: RedisClients) => new RedisQueueStore(clients.command),
    },
    {
      provide: ChallengeStore,
      inject: [RedisClients, Clock],
      useFactory: (clients: RedisClients, clock: Clock) =>
        new RedisChallengeStore(clients.command, () => clock.now()),
    },
    {
      provide: TypingGate,
      inject: [RedisClients],
      useFactory: (clients: RedisClients) => new RedisTypingGate(clients.command),
    },
  ];
}

@Global()
@Module({})
export class ClusterModule {
  static forRoot(cluster: ClusterConfig): DynamicModule {
    const providers = cluster.redisUrl ? onRedis(cluster, cluster.redisUrl) : singleNode(cluster);
    const tokens: (symbol | (abstract new (...args: never[]) => unknown))[] = [
      ClusterNodes,
      ClusterLock,
      PresenceStore,
      THROTTLER_STORE,
      NodeBus,
      MatchDirectory,
      QueueStore,
      ChallengeStore,
      TypingGate,
    ];
    if (cluster.redisUrl) tokens.push(RedisClients);
    return {
      module: ClusterModule,
      providers: [...providers, ClusterMetrics],
      exports: tokens,
    };
  }
}
