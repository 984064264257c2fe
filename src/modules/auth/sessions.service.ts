/**
 * Logins and their tokens. A session is one login (the JWT `sid`) and the family of every
 * refresh token rotated from it. Access tokens are checked against their session on every
 * request, so revoking a session ends its access tokens at once. Refresh tokens are opaque,
 * stored only as SHA-256, single-use; presenting a spent one is treated as theft and revokes
 * the whole family.
 */
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, IsNull, Not, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { PreparedRead, selectByIdSql } from '../../common/persistence/prepared-read';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { UnauthorizedError } from '../../common/errors';
import type { ArenaConfig, AuthConfig } from '../../config';
import { Transactor } from '../../database/transactor';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';

export interface AccessTokenPayload {
  sub: string;
  sid: string;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export type RevokeReason = 'logout' | 'refresh_reuse' | 'account_erased' | 'password_changed';

const INVALID_REFRESH = 'Invalid or expired refresh token';
const INVALID_ACCESS = 'Invalid or expired access token';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);
  private readonly auth: AuthConfig;
  /** The one read every authenticated request makes (see PreparedRead). */
  private readonly sessionCheck: PreparedRead<{ userId: string; revokedAt: unknown }, [string]>;

  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly jwt: JwtService,
    private readonly transactor: Transactor,
    private readonly clock: Clock,
    config: ConfigService<ArenaConfig, true>,
  ) {
    this.auth = config.get('auth', { infer: true });
    this.sessionCheck = new PreparedRead(
      sessions.manager.connection,
      selectByIdSql(sessions, ['userId', 'revokedAt']),
    );
  }

  /** Opens a session for a fresh login, inside the caller's transaction. */
  async open(manager: EntityManager, userId: string, client: ClientInfo): Promise<TokenPair> {
    const now = this.clock.date();
    const session = manager.getRepository(Session).create({
      id: randomUUID(),
      userId,
      createdAt: now,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + this.auth.refreshTtlMs),
      revokedAt: null,
      revokedReason: null,
      userAgent: client.userAgent?.slice(0, 255) ?? null,
      ip: client.ip?.slice(0, 64) ?? null,
    });
    await manager.getRepository(Session).insert(session);
    return this.issue(manager, session);
  }

  /** Spends a refresh token and returns its successor; a replayed one revokes the family. */
  async rotate(refreshToken: string): Promise<TokenPair> {
    const outcome = await this.transactor.run(async (manager) => {
      const token = await this.findToken(manager, refreshToken);
      if (!token) return { kind: 'invalid' as const };
      const session = await manager.getRepository(Session).findOneBy({ id: token.sessionId });
      if (!session || session.revokedAt) return { kind: 'invalid' as const };
      const now = this.clock.date();
      const spent = await manager
        .getRepository(RefreshToken)
        .update({ id: token.id, spentAt: IsNull() }, { spentAt: now });
      if (token.spentAt || spent.affected !== 1) {
        await this.revokeIn(manager, session.id, 'refresh_reuse');
        return { kind: 'reused' as const, session };
      }
      if (token.expiresAt.getTime() <= now.getTime()) return { kind: 'invalid' as const };
      session.lastUsedAt = now;
      session.expiresAt = new Date(now.getTime() + this.auth.refreshTtlMs);
      await manager.getRepository(Session).save(session);
      return { kind: 'rotated' as const, tokens: await this.issue(manager, session) };
    });
    if (outcome.kind === 'rotated') return outcome.tokens;
    if (outcome.kind === 'reused') {
      this.logger.warn(
        `Spent refresh token presented again: session ${outcome.session.id} of user ${outcome.session.userId} revoked`,
      );
    }
    throw new UnauthorizedError(INVALID_REFRESH);
  }

  /** Logout: the token's session and every access token of it stop working. */
  async revokeByRefreshToken(refreshToken: string): Promise<void> {
    const found = await this.transactor.run(async (manager) => {
      const token = await this.findToken(manager, refreshToken);
      if (!token) return false;
      await this.revokeIn(manager, token.sessionId, 'logout');
      return true;
    });
    if (!found) throw new UnauthorizedError(INVALID_REFRESH);
  }

  /** Revokes every open session of a user (account erasure, password change). */
  async revokeAllOf(manager: EntityManager, userId: string, reason: RevokeReason): Promise<void> {
    await manager
      .getRepository(Session)
      .update(
        { userId, revokedAt: IsNull() },
        { revokedAt: this.clock.date(), revokedReason: reason },
      );
  }

  /** Revokes every open session of a user but one: a password change keeps the caller's. */
  async revokeOthersOf(
    manager: EntityManager,
    userId: string,
    keptSessionId: string,
    reason: RevokeReason,
  ): Promise<void> {
    await manager
      .getRepository(Session)
      .update(
        { userId, id: Not(keptSessionId), revokedAt: IsNull() },
        { revokedAt: this.clock.date(), revokedReason: reason },
      );
  }

  /** Checks an access token's claims against its session: one prepared primary-key read. */
  async authenticate(payload: Partial<AccessTokenPayload> | null | undefined): Promise<AuthUser> {
    const { sub, sid } = payload ?? {};
    if (typeof sub !== 'string' || typeof sid !== 'string')
      throw new UnauthorizedError(INVALID_ACCESS);
    // revokedAt comes back raw (text on SQLite, a Date on PostgreSQL): only its presence counts.
    const session = await this.sessionCheck.first(sid);
    if (!session || session.userId !== sub || session.revokedAt) {
      throw new UnauthorizedError(INVALID_ACCESS);
    }
    return { userId: sub, sessionId: sid };
  }

  /** Verifies a raw access token (HTTP guard and socket handshakes): HS256, expiry, session. */
  async verifyAccessToken(token: string): Promise<AuthUser> {
    let payload: AccessTokenPayload;
    try {
      payload = this.jwt.verify<AccessTokenPayload>(token, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedError(INVALID_ACCESS);
    }
    return this.authenticate(payload);
  }

  private async issue(manager: EntityManager, session: Session): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    const now = this.clock.date();
    await manager.getRepository(RefreshToken).insert({
      id: randomUUID(),
      sessionId: session.id,
      tokenHash: sha256(refreshToken),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.auth.refreshTtlMs),
      spentAt: null,
    });
    const payload: AccessTokenPayload = { sub: session.userId, sid: session.id };
    const accessToken = await this.jwt.signAsync(payload);
    return { accessToken, refreshToken };
  }

  private findToken(manager: EntityManager, refreshToken: string): Promise<RefreshToken | null> {
    return manager.getRepository(RefreshToken).findOneBy({ tokenHash: sha256(refreshToken) });
  }

  private async revokeIn(manager: EntityManager, sessionId: string, reason: RevokeReason) {
    await manager
      .getRepository(Session)
      .update(
        { id: sessionId, revokedAt: IsNull() },
        { revokedAt: this.clock.date(), revokedReason: reason },
      );
  }
}
