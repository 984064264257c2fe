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
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { Clock } from '../../common/clock/clock';
import { PreparedRead, selectByIdSql } from '../../common/persistence/prepared-read';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { UnauthorizedError } from '../../common/errors';
import type { ArenaConfig, AuthConfig } from '../../config';
import { Transactor } from '../../database/transactor';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';
import { RevokeReason, SessionEvents, SessionsRevoked } from './session-events';

export type { RevokeReason } from './session-events';

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
  private readonly sessionCheck: PreparedRead<
    { userId: string; revokedAt: unknown; expiresAt: unknown },
    [string]
  >;
  private readonly expiresAtColumn: ColumnMetadata;

  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly jwt: JwtService,
    private readonly transactor: Transactor,
    private readonly clock: Clock,
    private readonly events: SessionEvents,
    config: ConfigService<ArenaConfig, true>,
  ) {
    this.auth = config.get('auth', { infer: true });
    this.sessionCheck = new PreparedRead(
      sessions.manager.connection,
      selectByIdSql(sessions, ['userId', 'revokedAt', 'expiresAt']),
    );
    this.expiresAtColumn = sessions.metadata.findColumnWithPropertyName(
      'expiresAt',
    ) as ColumnMetadata;
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

  /**
   * Revokes every open session of a user (account erasure; a password change keeps the caller's
   * with `except`), inside the caller's transaction. Their sockets are told once it commits.
   */
  async revokeAllOf(
    manager: EntityManager,
    userId: string,
    reason: RevokeReason,
    options: { except?: string } = {},
  ): Promise<void> {
    const keep = options.except ?? null;
    await manager
      .getRepository(Session)
      .update(
        { userId, revokedAt: IsNull(), ...(keep === null ? {} : { id: Not(keep) }) },
        { revokedAt: this.clock.date(), revokedReason: reason },
      );
    await this.announce(manager, { kind: 'user', userId, keep, reason });
  }

  /** Checks an access token's claims against its session: one prepared primary-key read. */
  async authenticate(payload: Partial<AccessTokenPayload> | null | undefined): Promise<AuthUser> {
    const { sub, sid } = payload ?? {};
    if (typeof sub !== 'string' || typeof sid !== 'string')
      throw new UnauthorizedError(INVALID_ACCESS);
    const session = await this.sessionCheck.first(sid);
    if (!session || session.userId !== sub || !this.isLive(session)) {
      throw new UnauthorizedError(INVALID_ACCESS);
    }
    return { userId: sub, sessionId: sid };
  }

  /**
   * Verifies a raw access token (HTTP guard and socket handshakes): HS256, expiry, session. A
   * token without `exp` is refused: Arena never issues one, and one that verified would outlive
   * every rotation (outside production anyone holding the public development secret could mint
   * such tokens for any session id they learn).
   */
  async verifyAccessToken(token: string): Promise<AuthUser> {
    let payload: AccessTokenPayload & { exp?: unknown };
    try {
      payload = this.jwt.verify<AccessTokenPayload & { exp?: unknown }>(token, {
        algorithms: ['HS256'],
      });
    } catch {
      throw new UnauthorizedError(INVALID_ACCESS);
    }
    if (typeof payload.exp !== 'number') throw new UnauthorizedError(INVALID_ACCESS);
    return this.authenticate(payload);
  }

  /** When the person signed in to open this session (it stays the same across rotations). */
  async signedInAt(sessionId: string): Promise<Date | null> {
    const session = await this.sessions.findOne({
      where: { id: sessionId },
      select: { createdAt: true },
    });
    return session?.createdAt ?? null;
  }

  /**
   * When a live session ends (epoch ms), or null if it already has (revoked, expired, unknown).
   * Sockets read it to end with their session; a rotation moves it forward.
   */
  async sessionExpiry(sessionId: string): Promise<number | null> {
    const session = await this.sessionCheck.first(sessionId);
    return session && this.isLive(session) ? this.expiryOf(session) : null;
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
    await this.announce(manager, { kind: 'sessions', sessionIds: [sessionId], reason });
  }

  /**
   * Tells every node once the revocation has committed, so a socket that reconnects at once
   * already finds its session revoked. A failed announcement is logged, never the request's
   * failure: the revocation stands, and REST refuses the tokens either way.
   */
  private announce(manager: EntityManager, event: SessionsRevoked): Promise<void> {
    return this.transactor.afterCommit(manager, async () => {
      try {
        await this.events.publish(event);
      } catch (error) {
        this.logger.error(`Sockets of revoked sessions were not told to go: ${String(error)}`);
      }
    });
  }

  /** Not revoked and not past its expiry. revokedAt comes back raw: only its presence counts. */
  private isLive(session: { revokedAt: unknown; expiresAt: unknown }): boolean {
    return !session.revokedAt && this.expiryOf(session) > this.clock.now();
  }

  /** expiresAt comes back raw (text on SQLite, a Date on PostgreSQL): the driver reads it. */
  private expiryOf(session: { expiresAt: unknown }): number {
    const { driver } = this.sessions.manager.connection;
    const value = driver.prepareHydratedValue(session.expiresAt, this.expiresAtColumn) as unknown;
    return value instanceof Date ? value.getTime() : Number.NaN;
  }
}
