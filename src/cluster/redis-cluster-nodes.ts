/**
 * Heartbeats in Redis. `arena:node:<id>` holds the node's info with a TTL of three beats, and
 * the sorted set `arena:nodes` scores each node by when that key expires (Redis's own clock, so
 * the nodes' clocks don't matter). Each beat also sweeps: a node whose score has passed is
 * claimed by exactly one sweeper (ZREM answers 1 once), which runs the node-lost listeners.
 */
import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import type { NodeRole } from '../config';
import { ClusterNodes, NodeInfo, NodeLostListener, RejoinedListener } from './cluster-nodes';
import { KEY_PREFIX, RedisClients } from './redis-clients';

const NODES = `${KEY_PREFIX}nodes`;
const JOINS = `${KEY_PREFIX}nodes:joined`;
export const nodeKey = (nodeId: string) => `${KEY_PREFIX}node:${nodeId}`;

/** Redis's clock in ms, for scripts. */
const NOW = `local t = redis.call('TIME'); local now = t[1] * 1000 + math.floor(t[2] / 1000)`;

/**
 * KEYS: node key, nodes zset, joins counter. ARGV: id, ttl, role, startedAt, joined (0: new).
 * Returns {joined, existed}: the join number (taken on first beat) and whether the key was
 * still there (0: the node was lost or Redis forgot it).
 */
const BEAT = `${NOW}
local joined = tonumber(ARGV[5])
if joined == 0 then joined = redis.call('INCR', KEYS[3]) end
local existed = redis.call('EXISTS', KEYS[1])
local info = cjson.encode({ nodeId = ARGV[1], role = ARGV[3], startedAt = tonumber(ARGV[4]), joined = joined })
redis.call('SET', KEYS[1], info, 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
return { joined, existed }`;

/** KEYS: nodes zset. ARGV: key prefix. Claims the nodes whose heartbeat expired. */
const SWEEP = `${NOW}
local lost = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  if redis.call('EXISTS', ARGV[1] .. id) == 0 and redis.call('ZREM', KEYS[1], id) == 1 then
    table.insert(lost, id)
  end
end
return lost`;

/** KEYS: nodes zset. Live ids (score still ahead). */
const LIVE = `${NOW}
return redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')`;

interface Scripted {
  arenaBeat(...args: (string | number)[]): Promise<[number, number]>;
  arenaSweep(...args: string[]): Promise<string[]>;
  arenaLive(...args: string[]): Promise<string[]>;
}

export class RedisClusterNodes extends ClusterNodes implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ClusterNodes');
  private readonly redis: Redis & Scripted;
  private readonly lostListeners: NodeLostListener[] = [];
  private readonly rejoinedListeners: RejoinedListener[] = [];
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;
  readonly self: NodeInfo;

  constructor(
    clients: RedisClients,
    nodeId: string,
    role: NodeRole,
    private readonly heartbeatMs: number,
    private readonly ttlMs: number,
  ) {
    super();
    this.self = { nodeId, role, joined: 0, startedAt: Date.now() };
    const redis = clients.command;
    redis.defineCommand('arenaBeat', { numberOfKeys: 3, lua: BEAT });
    redis.defineCommand('arenaSweep', { numberOfKeys: 1, lua: SWEEP });
    redis.defineCommand('arenaLive', { numberOfKeys: 1, lua: LIVE });
    this.redis = redis as Redis & Scripted;
    // A node leaving cleanly is not "lost": its key goes at once.
    clients.beforeClose(() => this.leave());
  }

  /** Joins before anything else starts (start-up work asks who is eldest). */
  async onModuleInit(): Promise<void> {
    try {
      await this.beat();
    } catch (error) {
      throw new Error(`Redis (REDIS_URL) is unreachable: ${String(error)}`);
    }
    this.timer = setInterval(() => void this.tick(), this.heartbeatMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  onNodeLost(listener: NodeLostListener): void {
    this.lostListeners.push(listener);
  }

  onRejoined(listener: RejoinedListener): void {
    this.rejoinedListeners.push(listener);
  }

  async live(): Promise<NodeInfo[]> {
    const ids = await this.redis.arenaLive(NODES);
    if (ids.length === 0) return [];
    const infos = await this.redis.mget(ids.map(nodeKey));
    return infos
      .filter((info): info is string => info !== null)
      .map((info) => JSON.parse(info) as NodeInfo)
      .sort((a, b) => a.joined - b.joined);
  }

  /** One beat, then one sweep; never two at once. */
  private async tick(): Promise<void> {
    if (this.beating) return;
    this.beating = (async () => {
      try {
        const rejoined = await this.beat();
        if (rejoined) await this.tell(this.rejoinedListeners, (listener) => listener());
        const lost = await this.redis.arenaSweep(NODES, `${KEY_PREFIX}node:`);
        for (const nodeId of lost) {
          this.logger.warn(`Node ${nodeId} lost (no heartbeat for ${this.ttlMs} ms)`);
          await this.tell(this.lostListeners, (listener) => listener(nodeId));
        }
      } catch (error) {
        this.logger.warn(`Heartbeat failed: ${String(error)}`);
      } finally {
        this.beating = null;
      }
    })();
    await this.beating;
  }

  /** Returns true when the node had gone missing and is back. */
  private async beat(): Promise<boolean> {
    const { nodeId, role, startedAt, joined } = this.self;
    const [number, existed] = await this.redis.arenaBeat(
      nodeKey(nodeId),
      NODES,
      JOINS,
      nodeId,
      this.ttlMs,
      role,
      startedAt,
      joined,
    );
    const first = joined === 0;
    (this.self as { joined: number }).joined = number;
    if (!first && existed === 0) this.logger.warn('This node was missing from the cluster; back');
    return !first && existed === 0;
  }

  private async leave(): Promise<void> {
    this.onApplicationShutdown();
    await this.beating;
    await this.redis.multi().del(nodeKey(this.self.nodeId)).zrem(NODES, this.self.nodeId).exec();
  }

  private async tell<L>(listeners: L[], call: (listener: L) => unknown): Promise<void> {
    for (const listener of listeners) {
      try {
        await call(listener);
      } catch (error) {
        this.logger.error(`A cluster listener failed: ${String(error)}`);
      }
    }
  }
}
