/**
 * The queues in Redis: a hash per queue (`arena:queue:<mode>`, user → entry JSON) and
 * `arena:queue:of:<userId>` naming the queue a user waits in. Joining, leaving and taking a pair
 * are scripts, so two nodes can't both pair the same player.
 */
import type Redis from 'ioredis';
import type { QueueEntry } from '../modules/game/matchmaking/pairing';
import { QueueMode, QueueStore } from '../modules/game/matchmaking/queue-store';
import { KEY_PREFIX } from './redis-clients';

const queueKey = (mode: QueueMode) => `${KEY_PREFIX}queue:${mode}`;
const OF = `${KEY_PREFIX}queue:of:`;

/** KEYS: of-key, queue hash. ARGV: mode, user id, entry JSON. */
const JOIN = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') == false then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
return 1`;

/** KEYS: of-key. ARGV: user id, queue key prefix. */
const LEAVE = `
local mode = redis.call('GET', KEYS[1])
if not mode then return 0 end
redis.call('DEL', KEYS[1])
return redis.call('HDEL', ARGV[2] .. mode, ARGV[1])`;

/** KEYS: queue hash, a's of-key, b's of-key. ARGV: a, b. */
const TAKE_PAIR = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 or redis.call('HEXISTS', KEYS[1], ARGV[2]) == 0 then
  return 0
end
redis.call('HDEL', KEYS[1], ARGV[1], ARGV[2])
redis.call('DEL', KEYS[2], KEYS[3])
return 1`;

interface Scripted {
  arenaQueueJoin(...args: string[]): Promise<number>;
  arenaQueueLeave(...args: string[]): Promise<number>;
  arenaQueueTakePair(...args: string[]): Promise<number>;
}

export class RedisQueueStore extends QueueStore {
  private readonly redis: Redis & Scripted;

  constructor(redis: Redis) {
    super();
    redis.defineCommand('arenaQueueJoin', { numberOfKeys: 2, lua: JOIN });
    redis.defineCommand('arenaQueueLeave', { numberOfKeys: 1, lua: LEAVE });
    redis.defineCommand('arenaQueueTakePair', { numberOfKeys: 3, lua: TAKE_PAIR });
    this.redis = redis as Redis & Scripted;
  }

  async join(mode: QueueMode, entry: QueueEntry): Promise<boolean> {
    const joined = await this.redis.arenaQueueJoin(
      OF + entry.userId,
      queueKey(mode),
      mode,
      entry.userId,
      JSON.stringify(entry),
    );
    return joined === 1;
  }

  async leave(userId: string): Promise<boolean> {
    return (await this.redis.arenaQueueLeave(OF + userId, userId, `${KEY_PREFIX}queue:`)) === 1;
  }

  async has(userId: string): Promise<boolean> {
    return (await this.redis.exists(OF + userId)) === 1;
  }

  async entries(mode: QueueMode): Promise<QueueEntry[]> {
    const entries = await this.redis.hvals(queueKey(mode));
    return entries.map((entry) => JSON.parse(entry) as QueueEntry);
  }

  async takePair(mode: QueueMode, a: string, b: string): Promise<boolean> {
    if (a === b) return false;
    return (await this.redis.arenaQueueTakePair(queueKey(mode), OF + a, OF + b, a, b)) === 1;
  }
}
