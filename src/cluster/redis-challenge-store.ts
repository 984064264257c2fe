/**
 * Challenges in Redis: `arena:challenge:<id>` (JSON), `arena:challenge:pair:<a>:<b>` (the pending
 * challenge between two users, either way), `arena:challenges:of:<userId>` (a user's challenges)
 * and the sorted set `arena:challenges` scored by expiry. Every removal goes through one script
 * that answers the challenge only to the caller who removed it.
 */
import type Redis from 'ioredis';
import { Challenge, ChallengeStore, pairOf } from '../modules/game/challenges/challenge-store';
import { KEY_PREFIX } from './redis-clients';

const ONE = `${KEY_PREFIX}challenge:`;
const PAIR = `${KEY_PREFIX}challenge:pair:`;
const OF = `${KEY_PREFIX}challenges:of:`;
const BY_EXPIRY = `${KEY_PREFIX}challenges`;
/** Keys outlive a challenge's expiry by this much, in case no node is left to expire it. */
const KEEP_MS = 60_000;

/** KEYS: challenge, pair, from's set, to's set, expiry zset. ARGV: id, JSON, expiresAt, ttl ms. */
const ADD = `
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[4]) == false then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[4])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('ZADD', KEYS[5], ARGV[3], ARGV[1])
return 1`;

/**
 * Shared: removes challenge `id` and everything pointing at it; returns its JSON or false.
 * ARGV[1..4]: the key prefixes (one, pair, of) and the expiry zset.
 */
const REMOVE_FN = `
local function remove(id)
  local json = redis.call('GET', ARGV[1] .. id)
  redis.call('ZREM', ARGV[4], id)
  if not json then return false end
  local c = cjson.decode(json)
  local a, b = c.fromId, c.toId
  if b < a then a, b = b, a end
  redis.call('DEL', ARGV[1] .. id)
  if redis.call('GET', ARGV[2] .. a .. ':' .. b) == id then redis.call('DEL', ARGV[2] .. a .. ':' .. b) end
  redis.call('SREM', ARGV[3] .. c.fromId, id)
  redis.call('SREM', ARGV[3] .. c.toId, id)
  return json
end`;

/** ARGV: prefixes, id. */
const TAKE = `${REMOVE_FN}
return remove(ARGV[5])`;

/** ARGV: prefixes, now. */
const TAKE_EXPIRED = `${REMOVE_FN}
local taken = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', ARGV[4], '-inf', ARGV[5], 'LIMIT', 0, 100)) do
  local json = remove(id)
  if json then table.insert(taken, json) end
end
return taken`;

/** ARGV: prefixes, user id. */
const TAKE_INVOLVING = `${REMOVE_FN}
local taken = {}
for _, id in ipairs(redis.call('SMEMBERS', ARGV[3] .. ARGV[5])) do
  local json = remove(id)
  if json then table.insert(taken, json) end
end
redis.call('DEL', ARGV[3] .. ARGV[5])
return taken`;

interface Scripted {
  arenaChallengeAdd(...args: (string | number)[]): Promise<number>;
  arenaChallengeTake(...args: string[]): Promise<string | null>;
  arenaChallengeTakeExpired(...args: string[]): Promise<string[]>;
  arenaChallengeTakeInvolving(...args: string[]): Promise<string[]>;
}

const PREFIXES = [ONE, PAIR, OF, BY_EXPIRY];
const parse = (json: string) => JSON.parse(json) as Challenge;

export class RedisChallengeStore extends ChallengeStore {
  private readonly redis: Redis & Scripted;

  constructor(
    redis: Redis,
    private readonly now: () => number,
  ) {
    super();
    redis.defineCommand('arenaChallengeAdd', { numberOfKeys: 5, lua: ADD });
    redis.defineCommand('arenaChallengeTake', { numberOfKeys: 0, lua: TAKE });
    redis.defineCommand('arenaChallengeTakeExpired', { numberOfKeys: 0, lua: TAKE_EXPIRED });
    redis.defineCommand('arenaChallengeTakeInvolving', { numberOfKeys: 0, lua: TAKE_INVOLVING });
    this.redis = redis as Redis & Scripted;
  }

  async add(challenge: Challenge): Promise<boolean> {
    const ttl = Math.max(challenge.expiresAt - this.now(), 0) + KEEP_MS;
    const added = await this.redis.arenaChallengeAdd(
      ONE + challenge.id,
      PAIR + pairOf(challenge.fromId, challenge.toId),
      OF + challenge.fromId,
      OF + challenge.toId,
      BY_EXPIRY,
      challenge.id,
      JSON.stringify(challenge),
      challenge.expiresAt,
      ttl,
    );
    return added === 1;
  }

  async get(id: string): Promise<Challenge | null> {
    const json = await this.redis.get(ONE + id);
    return json ? parse(json) : null;
  }

  async take(id: string): Promise<Challenge | null> {
    const json = await this.redis.arenaChallengeTake(...PREFIXES, id);
    return json ? parse(json) : null;
  }

  async takeExpired(now: number): Promise<Challenge[]> {
    return (await this.redis.arenaChallengeTakeExpired(...PREFIXES, String(now))).map(parse);
  }

  async takeInvolving(userId: string): Promise<Challenge[]> {
    return (await this.redis.arenaChallengeTakeInvolving(...PREFIXES, userId)).map(parse);
  }
}
