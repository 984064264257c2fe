/**
 * The match directory in Redis. `arena:live:user:<userId>` holds the match a user plays;
 * `arena:live:match:<matchId>` the match's entry (owner node, players) as JSON;
 * `arena:live:node:<nodeId>` the set of matches a node owns; `arena:live:draining` the nodes
 * taking no new match. Claims and moves are scripts, so two nodes racing can't both win.
 */
import type Redis from 'ioredis';
import { HostedMatch, MatchDirectory } from '../modules/game/live/match-directory';
import { KEY_PREFIX } from './redis-clients';

const USER = `${KEY_PREFIX}live:user:`;
const MATCH = `${KEY_PREFIX}live:match:`;
const NODE = `${KEY_PREFIX}live:node:`;
const DRAINING = `${KEY_PREFIX}live:draining`;

/** KEYS: the users' keys. ARGV: match id. All free (or already this match's), or nothing. */
const CLAIM = `
for _, key in ipairs(KEYS) do
  local current = redis.call('GET', key)
  if current and current ~= ARGV[1] then return 0 end
end
for _, key in ipairs(KEYS) do redis.call('SET', key, ARGV[1]) end
return 1`;

/** KEYS: the users' keys. ARGV: match id. */
const RELEASE = `
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 1`;

/** KEYS: match key. ARGV: entry JSON, owner, match id, node set prefix. */
const HOST = `
local old = redis.call('GET', KEYS[1])
if old then redis.call('SREM', ARGV[4] .. cjson.decode(old).ownerNode, ARGV[3]) end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SADD', ARGV[4] .. ARGV[2], ARGV[3])
return 1`;

/** KEYS: match key. ARGV: match id, node set prefix. */
const REMOVE = `
local old = redis.call('GET', KEYS[1])
if old then redis.call('SREM', ARGV[2] .. cjson.decode(old).ownerNode, ARGV[1]) end
redis.call('DEL', KEYS[1])
return 1`;

interface Scripted {
  arenaClaim(...args: (string | number)[]): Promise<number>;
  arenaRelease(...args: (string | number)[]): Promise<number>;
  arenaHost(...args: (string | number)[]): Promise<number>;
  arenaRemove(...args: (string | number)[]): Promise<number>;
}

export class RedisMatchDirectory extends MatchDirectory {
  private readonly redis: Redis & Scripted;

  constructor(redis: Redis) {
    super();
    redis.defineCommand('arenaClaim', { lua: CLAIM });
    redis.defineCommand('arenaRelease', { lua: RELEASE });
    redis.defineCommand('arenaHost', { numberOfKeys: 1, lua: HOST });
    redis.defineCommand('arenaRemove', { numberOfKeys: 1, lua: REMOVE });
    this.redis = redis as Redis & Scripted;
  }

  async claim(userIds: readonly string[], matchId: string): Promise<boolean> {
    if (userIds.length === 0) return true;
    const keys = userIds.map((id) => USER + id);
    return (await this.redis.arenaClaim(keys.length, ...keys, matchId)) === 1;
  }

  async release(userIds: readonly string[], matchId: string): Promise<void> {
    if (userIds.length === 0) return;
    const keys = userIds.map((id) => USER + id);
    await this.redis.arenaRelease(keys.length, ...keys, matchId);
  }

  matchOf(userId: string): Promise<string | null> {
    return this.redis.get(USER + userId);
  }

  async host(match: HostedMatch): Promise<void> {
    await this.redis.arenaHost(
      MATCH + match.matchId,
      JSON.stringify(match),
      match.ownerNode,
      match.matchId,
      NODE,
    );
  }

  async find(matchId: string): Promise<HostedMatch | null> {
    const entry = await this.redis.get(MATCH + matchId);
    return entry ? (JSON.parse(entry) as HostedMatch) : null;
  }

  async hostedBy(nodeId: string): Promise<HostedMatch[]> {
    const ids = await this.redis.smembers(NODE + nodeId);
    if (ids.length === 0) return [];
    const entries = await this.redis.mget(ids.map((id) => MATCH + id));
    return entries
      .filter((entry): entry is string => entry !== null)
      .map((entry) => JSON.parse(entry) as HostedMatch)
      .filter((match) => match.ownerNode === nodeId);
  }

  async loads(nodeIds: readonly string[]): Promise<number[]> {
    if (nodeIds.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of nodeIds) pipeline.scard(NODE + id);
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, count]) => (error ? 0 : Number(count)));
  }

  async remove(matchId: string): Promise<void> {
    await this.redis.arenaRemove(MATCH + matchId, matchId, NODE);
  }

  async setDraining(nodeId: string, draining: boolean): Promise<void> {
    if (draining) await this.redis.sadd(DRAINING, nodeId);
    else await this.redis.srem(DRAINING, nodeId);
  }

  async draining(): Promise<Set<string>> {
    return new Set(await this.redis.smembers(DRAINING));
  }
}
