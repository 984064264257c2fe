/**
 * Presence in Redis, for several nodes. Each user has a hash `arena:presence:user:<id>` whose
 * fields belong to nodes: `s|<namespace>|<node>` counts that node's sockets of the user on that
 * namespace, `g|<node>` says the user plays a live match there. A field counts only while its
 * node's heartbeat key exists, so a dead node's sockets expire with its heartbeat; the node that
 * sweeps the dead one then deletes its fields and announces the changes.
 *
 * Every write is one script: it reads the status before, changes the fields (checking the
 * per-namespace socket cap across all nodes in the same step), reads the status after, and when
 * the two differ numbers the change (`arena:presence:seq`) and publishes it. Every node keeps a
 * replica of the non-offline statuses from those messages (in order, since one connection
 * receives them in the order the scripts ran), after loading a snapshot at start and after every
 * reconnection; so `statusOf` needs no round trip and profile pages stay one database read.
 *
 * A node also keeps what it wrote of its own (its sockets and players), and writes it all again
 * when it rejoins after being missing (lost to the others, or Redis restarted empty).
 */
import { BeforeApplicationShutdown, Logger, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import {
  PresenceChange,
  PresenceChangeListener,
  PresenceStatus,
  PresenceStore,
} from '../modules/social/presence.store';
import { ClusterNodes } from './cluster-nodes';
import { KEY_PREFIX, RedisClients } from './redis-clients';

const NODE_KEY_PREFIX = `${KEY_PREFIX}node:`;
const USER_PREFIX = `${KEY_PREFIX}presence:user:`;
const USERS = `${KEY_PREFIX}presence:users`;
const SEQ = `${KEY_PREFIX}presence:seq`;
export const PRESENCE_CHANNEL = `${KEY_PREFIX}presence:changes`;
const nodeUsers = (nodeId: string) => `${KEY_PREFIX}presence:node:${nodeId}`;
const userKey = (userId: string) => `${USER_PREFIX}${userId}`;

/**
 * Shared by every script. ARGV[1] node key prefix, ARGV[2] this node, ARGV[3] the changes
 * channel; the sequence key is the last KEYS entry.
 */
const PRELUDE = `
local nodePrefix, self, channel = ARGV[1], ARGV[2], ARGV[3]
local seqKey = KEYS[#KEYS]
local aliveCache = {}
local function alive(node, assumed)
  if node == self or node == assumed then return true end
  local known = aliveCache[node]
  if known == nil then
    known = redis.call('EXISTS', nodePrefix .. node) == 1
    aliveCache[node] = known
  end
  return known
end
local function nodeOf(field)
  if string.sub(field, 1, 2) == 'g|' then return string.sub(field, 3) end
  return string.match(field, '|([^|]+)$')
end
-- The user's status over live nodes, and the sockets on namespace ns.
local function read(key, ns, assumed)
  local fields = redis.call('HGETALL', key)
  local sockets, inNs, playing = 0, 0, false
  for i = 1, #fields, 2 do
    local field = fields[i]
    local node = nodeOf(field)
    if node and alive(node, assumed) then
      if string.sub(field, 1, 2) == 'g|' then
        playing = true
      else
        local n = tonumber(fields[i + 1]) or 0
        sockets = sockets + n
        if string.sub(field, 3, -(#node + 2)) == ns then inNs = inNs + n end
      end
    end
  end
  local status = 'offline'
  if playing then status = 'in_game' elseif sockets > 0 then status = 'online' end
  return status, inNs
end
local function holds(key, node)
  for _, field in ipairs(redis.call('HKEYS', key)) do
    if nodeOf(field) == node then return true end
  end
  return false
end
local function changed(userId, before, after)
  if before == after then return 0 end
  local seq = redis.call('INCR', seqKey)
  redis.call('PUBLISH', channel, seq .. '|' .. userId .. '|' .. after)
  return seq
end
`;

/** KEYS user, node set, users set, seq. ARGV ..., userId, namespace, limit. */
const CONNECT = `${PRELUDE}
local userId, ns, limit = ARGV[4], ARGV[5], tonumber(ARGV[6])
local before, held = read(KEYS[1], ns)
if held >= limit then return false end
redis.call('HINCRBY', KEYS[1], 's|' .. ns .. '|' .. self, 1)
redis.call('SADD', KEYS[2], userId)
redis.call('SADD', KEYS[3], userId)
local after = read(KEYS[1], ns)
return { before, after, changed(userId, before, after) }`;

/** KEYS user, node set, users set, seq. ARGV ..., userId, namespace. */
const DISCONNECT = `${PRELUDE}
local userId, ns = ARGV[4], ARGV[5]
local before = read(KEYS[1], ns)
local field = 's|' .. ns .. '|' .. self
if redis.call('HINCRBY', KEYS[1], field, -1) <= 0 then redis.call('HDEL', KEYS[1], field) end
if not holds(KEYS[1], self) then redis.call('SREM', KEYS[2], userId) end
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SREM', KEYS[3], userId) end
local after = read(KEYS[1], ns)
return { before, after, changed(userId, before, after) }`;

/** KEYS user. ARGV ..., namespace. The user's sockets there on live nodes. */
const SOCKETS_ON = `${PRELUDE}
local _, held = read(KEYS[1], ARGV[4])
return held`;

/** KEYS user, node set, users set, seq. ARGV ..., userId, '1' or '0'. */
const IN_GAME = `${PRELUDE}
local userId = ARGV[4]
local before = read(KEYS[1], '')
if ARGV[5] == '1' then
  redis.call('HSET', KEYS[1], 'g|' .. self, 1)
  redis.call('SADD', KEYS[2], userId)
  redis.call('SADD', KEYS[3], userId)
else
  redis.call('HDEL', KEYS[1], 'g|' .. self)
  if not holds(KEYS[1], self) then redis.call('SREM', KEYS[2], userId) end
  if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SREM', KEYS[3], userId) end
end
local after = read(KEYS[1], '')
return { before, after, changed(userId, before, after) }`;

/**
 * Deletes every field of node ARGV[5] (lost, or this node leaving). KEYS node set, users set,
 * seq. ARGV ..., user key prefix, node. Returns the changes as flat [userId, before, after, seq].
 */
const FORGET_NODE = `${PRELUDE}
local userPrefix, gone = ARGV[4], ARGV[5]
local out = {}
for _, userId in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local key = userPrefix .. userId
  local before = read(key, '', gone)
  for _, field in ipairs(redis.call('HKEYS', key)) do
    if nodeOf(field) == gone then redis.call('HDEL', key, field) end
  end
  if redis.call('EXISTS', key) == 0 then redis.call('SREM', KEYS[2], userId) end
  local after
  if gone == self then
    aliveCache = {}
    after = read(key, '', nil)
  else
    aliveCache[gone] = false
    after = read(key, '', nil)
  end
  local seq = changed(userId, before, after)
  if seq > 0 then
    table.insert(out, userId); table.insert(out, before); table.insert(out, after); table.insert(out, seq)
  end
end
redis.call('DEL', KEYS[1])
return out`;

/**
 * Writes this node's fields again. KEYS node set, users set, seq. ARGV ..., user key prefix,
 * JSON [[userId, {namespace: sockets}, playing], ...]. Returns changes like FORGET_NODE.
 */
const REASSERT = `${PRELUDE}
local userPrefix = ARGV[4]
local out = {}
for _, entry in ipairs(cjson.decode(ARGV[5])) do
  local userId, sockets, playing = entry[1], entry[2], entry[3]
  local key = userPrefix .. userId
  local before = read(key, '')
  for ns, count in pairs(sockets) do redis.call('HSET', key, 's|' .. ns .. '|' .. self, count) end
  if playing then redis.call('HSET', key, 'g|' .. self, 1) end
  redis.call('SADD', KEYS[1], userId)
  redis.call('SADD', KEYS[2], userId)
  local after = read(key, '')
  local seq = changed(userId, before, after)
  if seq > 0 then
    table.insert(out, userId); table.insert(out, before); table.insert(out, after); table.insert(out, seq)
  end
end
return out`;

/** KEYS users set, seq. ARGV ..., user key prefix. Returns [seq, userId, status, ...]. */
const SNAPSHOT = `${PRELUDE}
local out = { tonumber(redis.call('GET', KEYS[2]) or '0') }
for _, userId in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local status = read(ARGV[4] .. userId, '')
  if status ~= 'offline' then table.insert(out, userId); table.insert(out, status) end
end
return out`;

type Reply = [PresenceStatus, PresenceStatus, number];

interface Scripted {
  arenaPresenceConnect(...args: (string | number)[]): Promise<Reply | null>;
  arenaPresenceDisconnect(...args: string[]): Promise<Reply>;
  arenaPresenceInGame(...args: string[]): Promise<Reply>;
  arenaPresenceSocketsOn(...args: string[]): Promise<number>;
  arenaPresenceForget(...args: string[]): Promise<(string | number)[]>;
  arenaPresenceReassert(...args: string[]): Promise<(string | number)[]>;
  arenaPresenceSnapshot(...args: string[]): Promise<(string | number)[]>;
}

interface Known {
  status: PresenceStatus;
  seq: number;
}

export class RedisPresenceStore
  extends PresenceStore
  implements OnModuleInit, BeforeApplicationShutdown
{
  private readonly logger = new Logger('RedisPresence');
  private readonly redis: Redis & Scripted;
  private readonly nodeId: string;
  /** The replica: every user's last known status and the change number that set it. */
  private known = new Map<string, Known>();
  /** Changes heard while a snapshot loads, applied after it. */
  private buffered: string[] | null = null;
  /** The replica's last load, so the next one starts after it. */
  private resyncing: Promise<void> = Promise.resolve();
  /** The highest change number heard on the channel (they arrive in order). */
  private heard = 0;
  /** What this node wrote: its sockets per user and namespace, and its players. */
  private readonly mySockets = new Map<string, Map<string, number>>();
  private readonly myPlayers = new Set<string>();
  private readonly listeners: PresenceChangeListener[] = [];

  constructor(
    private readonly clients: RedisClients,
    private readonly nodes: ClusterNodes,
  ) {
    super();
    this.nodeId = nodes.self.nodeId;
    const redis = clients.command;
    redis.defineCommand('arenaPresenceConnect', { numberOfKeys: 4, lua: CONNECT });
    redis.defineCommand('arenaPresenceDisconnect', { numberOfKeys: 4, lua: DISCONNECT });
    redis.defineCommand('arenaPresenceInGame', { numberOfKeys: 4, lua: IN_GAME });
    redis.defineCommand('arenaPresenceSocketsOn', { numberOfKeys: 1, lua: SOCKETS_ON });
    redis.defineCommand('arenaPresenceForget', { numberOfKeys: 3, lua: FORGET_NODE });
    redis.defineCommand('arenaPresenceReassert', { numberOfKeys: 3, lua: REASSERT });
    redis.defineCommand('arenaPresenceSnapshot', { numberOfKeys: 2, lua: SNAPSHOT });
    this.redis = redis as Redis & Scripted;
    nodes.onNodeLost((nodeId) => this.forget(nodeId));
    nodes.onRejoined(() => this.reassert());
  }

  /**
   * A clean stop takes this node's sockets and players away at once, and tells their friends,
   * while the sockets and the adapter are still open (they close right after this).
   */
  async beforeApplicationShutdown(): Promise<void> {
    try {
      await this.forget(this.nodeId);
    } catch (error) {
      this.logger.warn(`Presence of this node not removed: ${String(error)}`);
    }
  }

  async onModuleInit(): Promise<void> {
    const subscriber = this.clients.subscriber;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === PRESENCE_CHANNEL) this.heardChange(message);
    });
    // After a reconnection (messages may have been missed meanwhile), load everything again.
    let first = true;
    subscriber.on('ready', () => {
      if (first) return;
      this.resync().catch((error: unknown) =>
        this.logger.warn(`Presence not reloaded: ${String(error)}`),
      );
    });
    await subscriber.subscribe(PRESENCE_CHANNEL);
    first = false;
    await this.resync();
  }

  async connect(
    userId: string,
    namespace: string,
    limit = Number.MAX_SAFE_INTEGER,
  ): Promise<PresenceChange | null> {
    const reply = await this.redis.arenaPresenceConnect(
      ...this.userKeys(userId),
      ...this.args(),
      userId,
      namespace,
      limit,
    );
    if (reply === null) return null;
    const sockets = this.mySockets.get(userId) ?? new Map<string, number>();
    sockets.set(namespace, (sockets.get(namespace) ?? 0) + 1);
    this.mySockets.set(userId, sockets);
    return this.changed(userId, reply);
  }

  async disconnect(userId: string, namespace: string): Promise<PresenceChange> {
    const sockets = this.mySockets.get(userId);
    if (sockets) {
      const left = (sockets.get(namespace) ?? 0) - 1;
      if (left > 0) sockets.set(namespace, left);
      else sockets.delete(namespace);
      if (sockets.size === 0) this.mySockets.delete(userId);
    }
    const reply = await this.redis.arenaPresenceDisconnect(
      ...this.userKeys(userId),
      ...this.args(),
      userId,
      namespace,
    );
    return this.changed(userId, reply);
  }

  async setInGame(userId: string, inGame: boolean): Promise<PresenceChange> {
    if (inGame) this.myPlayers.add(userId);
    else this.myPlayers.delete(userId);
    const reply = await this.redis.arenaPresenceInGame(
      ...this.userKeys(userId),
      ...this.args(),
      userId,
      inGame ? '1' : '0',
    );
    return this.changed(userId, reply);
  }

  statusOf(userId: string): PresenceStatus {
    return this.known.get(userId)?.status ?? 'offline';
  }

  async socketsOn(userId: string, namespace: string): Promise<number> {
    return Number(
      await this.redis.arenaPresenceSocketsOn(userKey(userId), ...this.args(), namespace),
    );
  }

  onChange(listener: PresenceChangeListener): void {
    this.listeners.push(listener);
  }

  /** A node is gone (lost, or this one stopping): its fields go, and the changes are told. */
  private async forget(nodeId: string): Promise<void> {
    const flat = await this.redis.arenaPresenceForget(
      nodeUsers(nodeId),
      USERS,
      SEQ,
      ...this.args(),
      USER_PREFIX,
      nodeId,
    );
    await this.announce(flat);
  }

  /** This node had gone missing: its sockets and players are written again. */
  private async reassert(): Promise<void> {
    const users = new Set([...this.mySockets.keys(), ...this.myPlayers]);
    const entries = [...users].map((userId) => [
      userId,
      Object.fromEntries(this.mySockets.get(userId) ?? []),
      this.myPlayers.has(userId),
    ]);
    const flat = await this.redis.arenaPresenceReassert(
      nodeUsers(this.nodeId),
      USERS,
      SEQ,
      ...this.args(),
      USER_PREFIX,
      JSON.stringify(entries),
    );
    this.logger.log(`Presence of ${entries.length} user(s) written again`);
    await this.announce(flat);
  }

  private async announce(flat: (string | number)[]): Promise<void> {
    for (let i = 0; i < flat.length; i += 4) {
      const change = this.changed(String(flat[i]), [
        flat[i + 1] as PresenceStatus,
        flat[i + 2] as PresenceStatus,
        Number(flat[i + 3]),
      ]);
      for (const listener of this.listeners) {
        try {
          await listener(change);
        } catch (error) {
          this.logger.warn(`A presence listener failed: ${String(error)}`);
        }
      }
    }
  }

  /** Applies a change this node made at once (its message follows), then returns it. */
  private changed(userId: string, [before, after, seq]: Reply): PresenceChange {
    if (seq > 0) this.apply(userId, after, seq);
    return { userId, before, after };
  }

  private heardChange(message: string): void {
    if (this.buffered) {
      this.buffered.push(message);
      return;
    }
    const [number, userId, status] = message.split('|');
    const seq = Number(number);
    // Older than the snapshot loaded: already in it.
    if (seq <= this.heard) return;
    this.heard = seq;
    this.apply(userId, status as PresenceStatus, seq);
    // An offline entry is kept only until the channel has caught up with it, so a message
    // still on its way can't bring the user back online; from here on none can.
    const entry = this.known.get(userId);
    if (entry?.status === 'offline' && entry.seq <= seq) this.known.delete(userId);
  }

  private apply(userId: string, status: PresenceStatus, seq: number): void {
    const current = this.known.get(userId);
    if (current && current.seq >= seq) return;
    this.known.set(userId, { status, seq });
  }

  /**
   * Loads the replica again, one load at a time: two at once (a reconnection during start-up)
   * would share the buffer of changes heard meanwhile, and the first to finish would drop it.
   */
  private resync(): Promise<void> {
    const load = this.resyncing.then(() => this.load());
    this.resyncing = load.catch(() => undefined);
    return load;
  }

  /** Loads every non-offline status, then the changes heard meanwhile. */
  private async load(): Promise<void> {
    this.buffered = [];
    try {
      const [seq, ...flat] = await this.redis.arenaPresenceSnapshot(
        USERS,
        SEQ,
        ...this.args(),
        USER_PREFIX,
      );
      const known = new Map<string, Known>();
      for (let i = 0; i < flat.length; i += 2) {
        known.set(String(flat[i]), { status: flat[i + 1] as PresenceStatus, seq: Number(seq) });
      }
      this.known = known;
      this.heard = Number(seq);
    } finally {
      const buffered = this.buffered;
      this.buffered = null;
      for (const message of buffered) this.heardChange(message);
    }
  }

  private userKeys(userId: string): string[] {
    return [userKey(userId), nodeUsers(this.nodeId), USERS, SEQ];
  }

  private args(): string[] {
    return [NODE_KEY_PREFIX, this.nodeId, PRESENCE_CHANNEL];
  }
}
