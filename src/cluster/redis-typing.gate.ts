/**
 * The typing window in Redis, shared by every node: `SET arena:typing:<conversation>:<user> 1
 * NX PX 2000` answers OK only to the first typing of the window.
 */
import type Redis from 'ioredis';
import { TYPING_WINDOW_MS, TypingGate } from '../modules/chat/typing.gate';
import { KEY_PREFIX } from './redis-clients';

export class RedisTypingGate extends TypingGate {
  constructor(private readonly redis: Redis) {
    super();
  }

  async admit(userId: string, conversationId: string): Promise<boolean> {
    const key = `${KEY_PREFIX}typing:${conversationId}:${userId}`;
    return (await this.redis.set(key, '1', 'PX', TYPING_WINDOW_MS, 'NX')) === 'OK';
  }
}
