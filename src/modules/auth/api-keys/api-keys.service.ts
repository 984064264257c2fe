/**
 * API keys for bots and tools: `arena_` and 43 base64url characters (256 random bits), shown
 * once and stored only as SHA-256 (a key that random can't be guessed, so a slow hash would buy
 * nothing and cost every request). A key acts for its owner with its scopes (see key-access.ts),
 * at most API_KEY_RATE_LIMIT requests a minute (counted in the throttler's storage, which is
 * shared when Arena runs on several nodes). Revoking deletes the row, so the next request fails;
 * the sockets it opened are told through SessionEvents, as for a revoked session.
 */
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { ThrottlerStorage } from '@nestjs/throttler';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { Clock } from '../../../common/clock/clock';
import type { AuthUser } from '../../../common/decorators/auth.decorators';
import { ACCOUNT_ERASING, AccountErasing } from '../../../common/events/account-erasure.events';
import {
  ConflictError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
} from '../../../common/errors';
import type { ArenaConfig } from '../../../config';
import { Transactor } from '../../../database/transactor';
import { ApiKey } from '../entities/api-key.entity';
import { SessionEvents } from '../session-events';
import type { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-keys.dto';
import { API_KEY_SCOPES, type ApiKeyScope } from './key-access';

export const API_KEY_PREFIX = 'arena_';
const KEY_PATTERN = /^arena_[A-Za-z0-9_-]{43}$/;
export const MAX_API_KEYS = 10;
const DAY_MS = 86_400_000;
const RATE_WINDOW_MS = 60_000;
/** lastUsedAt is written at most this often per key. */
const LAST_USED_RESOLUTION_MS = 60_000;
const INVALID_KEY = 'Invalid, expired or revoked API key';

/** The session id a key's calls and sockets carry (see AuthUser.sessionId). */
export const apiKeySessionId = (keyId: string) => `api-key:${keyId}`;
/** The key id of such a session id, or null for a login's. */
export const keyIdOfSession = (sessionId: string) =>
  sessionId.startsWith('api-key:') ? sessionId.slice('api-key:'.length) : null;

export function isApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

@Injectable()
export class ApiKeysService {
  private readonly requestsPerMinute: number;
  private readonly rateLimit: boolean;

  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    @Inject(ThrottlerStorage) private readonly counters: ThrottlerStorage,
    private readonly transactor: Transactor,
    private readonly events: SessionEvents,
    private readonly clock: Clock,
    config: ConfigService<ArenaConfig, true>,
  ) {
    this.requestsPerMinute = config.get('auth', { infer: true }).apiKeyRequestsPerMinute;
    this.rateLimit = config.get('app', { infer: true }).rateLimit;
  }

  async create(userId: string, input: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const now = this.clock.date();
    const row = this.keys.create({
      id: randomUUID(),
      userId,
      name: input.name,
      keyHash: sha256(key),
      scopes: API_KEY_SCOPES.filter((scope) => input.scopes.includes(scope)).join(','),
      createdAt: now,
      expiresAt: input.expiresInDays
        ? new Date(now.getTime() + input.expiresInDays * DAY_MS)
        : null,
      lastUsedAt: null,
    });
    await this.transactor.run(async (manager) => {
      const held = await manager.getRepository(ApiKey).count({ where: { userId } });
      if (held >= MAX_API_KEYS) {
        throw new ConflictError(`An account holds at most ${MAX_API_KEYS} API keys`);
      }
      await manager.getRepository(ApiKey).insert(row);
    });
    return { ...toDto(row), key };
  }

  async list(userId: string): Promise<ApiKeyDto[]> {
    const rows = await this.keys.find({
      where: { userId },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: MAX_API_KEYS,
    });
    return rows.map(toDto);
  }

  /** The key stops working at once; its sockets, on every node, are told to go. */
  async revoke(userId: string, keyId: string): Promise<void> {
    await this.transactor.run(async (manager) => {
      const deleted = await manager.getRepository(ApiKey).delete({ id: keyId, userId });
      if (!deleted.affected) throw new NotFoundError('API key not found');
      await this.announce(manager, [keyId]);
    });
  }

  /** The caller a key stands for; 401 for an unknown, expired or revoked key, 429 past its rate. */
  async authenticate(token: string): Promise<AuthUser> {
    if (!KEY_PATTERN.test(token)) throw new UnauthorizedError(INVALID_KEY);
    const key = await this.keys.findOne({ where: { keyHash: sha256(token) } });
    const now = this.clock.now();
    if (!key || (key.expiresAt && key.expiresAt.getTime() <= now)) {
      throw new UnauthorizedError(INVALID_KEY);
    }
    await this.count(key.id);
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.keys.update({ id: key.id }, { lastUsedAt: new Date(now) });
    }
    return {
      userId: key.userId,
      sessionId: apiKeySessionId(key.id),
      apiKey: { id: key.id, scopes: scopesOf(key) },
    };
  }

  /** When a key stops working (epoch ms; far away for a key without expiry), null if it has. */
  async expiry(keyId: string): Promise<number | null> {
    const key = await this.keys.findOne({
      where: { id: keyId },
      select: { id: true, expiresAt: true },
    });
    if (!key) return null;
    const end = key.expiresAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
    return end > this.clock.now() ? end : null;
  }

  /** Erasure: the account's keys go with it (its sockets go with its revoked sessions). */
  @OnEvent(ACCOUNT_ERASING, { suppressErrors: false })
  async forget({ userId, manager }: AccountErasing): Promise<void> {
    await manager.getRepository(ApiKey).delete({ userId });
  }

  private async count(keyId: string): Promise<void> {
    if (!this.rateLimit) return;
    const record = await this.counters.increment(
      `api-key:${keyId}`,
      RATE_WINDOW_MS,
      this.requestsPerMinute,
      RATE_WINDOW_MS,
      'api-key',
    );
    if (record.isBlocked) {
      throw new RateLimitedError(
        `This API key allows ${this.requestsPerMinute} requests a minute`,
        Math.max(1, Math.ceil(record.timeToBlockExpire)),
      );
    }
  }

  private announce(manager: EntityManager, keyIds: string[]): Promise<void> {
    return this.transactor.afterCommit(manager, () =>
      this.events.publish({
        kind: 'sessions',
        sessionIds: keyIds.map(apiKeySessionId),
        reason: 'api_key_revoked',
      }),
    );
  }
}

function scopesOf(key: ApiKey): ApiKeyScope[] {
  return key.scopes
    .split(',')
    .filter((scope): scope is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(scope));
}

function toDto(key: ApiKey): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    scopes: scopesOf(key),
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  };
}
