/**
 * TOTP two-factor authentication (RFC 6238: 30 s steps, 6 digits, SHA-1, one step of drift
 * either way). A code is accepted once: the step it belongs to is remembered and older or equal
 * steps are refused. Logins of 2FA accounts go through a challenge token that lives 5 minutes,
 * survives 5 wrong codes, and is spent by a right one.
 */
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { authenticator } from 'otplib';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { ACCOUNT_ERASING, AccountErasing } from '../../common/events/account-erasure.events';
import { ConflictError, UnauthorizedError, ValidationError } from '../../common/errors';
import { Transactor } from '../../database/transactor';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { TwoFactorChallenge } from './entities/two-factor-challenge.entity';
import { ClientInfo, SessionsService, TokenPair } from './sessions.service';

export const TOTP_STEP_MS = 30_000;
export const CHALLENGE_TTL_MS = 5 * 60_000;
export const CHALLENGE_MAX_ATTEMPTS = 5;
const ISSUER = 'Arena';
const BAD_CHALLENGE = 'Invalid or expired two-factor challenge';
const BAD_CODE = 'Invalid two-factor code';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

@Injectable()
export class TwoFactorService {
  constructor(
    @InjectRepository(User) private readonly usersRepo: Repository<User>,
    @InjectRepository(TwoFactorChallenge)
    private readonly challenges: Repository<TwoFactorChallenge>,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly transactor: Transactor,
    private readonly clock: Clock,
  ) {}

  /** Erasure: pending 2FA sign-ins of the account are gone (its secret goes with the user row). */
  @OnEvent(ACCOUNT_ERASING, { suppressErrors: false })
  async forget({ userId, manager }: AccountErasing): Promise<void> {
    await manager.getRepository(TwoFactorChallenge).delete({ userId });
  }

  /** A fresh secret (160 bits) for the authenticator app; 2FA is on only after `enable`. */
  async setup(userId: string): Promise<{ secret: string; otpauthUrl: string }> {
    const user = await this.users.get(userId);
    if (user.twoFactorEnabled)
      throw new ConflictError('Two-factor authentication is already enabled');
    const secret = authenticator.generateSecret(20);
    await this.usersRepo.update(
      { id: userId },
      { twoFactorSecret: secret, twoFactorLastStep: null },
    );
    return { secret, otpauthUrl: authenticator.keyuri(user.username, ISSUER, secret) };
  }

  async enable(userId: string, code: string): Promise<void> {
    const user = await this.users.get(userId);
    if (user.twoFactorEnabled)
      throw new ConflictError('Two-factor authentication is already enabled');
    if (!user.twoFactorSecret) throw new ConflictError('Call /api/auth/2fa/setup first');
    if (!(await this.acceptCode(user, code))) throw new ValidationError(BAD_CODE);
    await this.usersRepo.update(
      { id: userId },
      { twoFactorEnabled: true, updatedAt: this.clock.date() },
    );
  }

  async disable(userId: string, code: string): Promise<void> {
    const user = await this.users.get(userId);
    if (!user.twoFactorEnabled) throw new ConflictError('Two-factor authentication is not enabled');
    if (!(await this.acceptCode(user, code))) throw new ValidationError(BAD_CODE);
    await this.usersRepo.update(
      { id: userId },
      {
        twoFactorEnabled: false,
        twoFactorSecret: null,
        twoFactorLastStep: null,
        updatedAt: this.clock.date(),
      },
    );
  }

  /** The first step of a 2FA login: the password was right, now a code is needed. */
  async openChallenge(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.challenges.insert({
      id: randomUUID(),
      userId,
      tokenHash: sha256(token),
      attempts: 0,
      expiresAt: new Date(now + CHALLENGE_TTL_MS),
      createdAt: new Date(now),
    });
    return token;
  }

  /** The second step: a right code spends the challenge and opens a session. */
  async completeChallenge(
    token: string,
    code: string,
    client: ClientInfo,
  ): Promise<{ user: User; tokens: TokenPair }> {
    const outcome = await this.transactor.run(async (manager) => {
      const repo = manager.getRepository(TwoFactorChallenge);
      const challenge = await repo.findOneBy({ tokenHash: sha256(token) });
      if (!challenge) return { kind: 'invalid' as const };
      if (
        challenge.expiresAt.getTime() <= this.clock.now() ||
        challenge.attempts >= CHALLENGE_MAX_ATTEMPTS
      ) {
        await repo.delete({ id: challenge.id });
        return { kind: 'invalid' as const };
      }
      const user = await manager.getRepository(User).findOneBy({ id: challenge.userId });
      if (
        !user?.twoFactorEnabled ||
        !(await this.acceptCode(user, code, manager.getRepository(User)))
      ) {
        await repo.increment({ id: challenge.id }, 'attempts', 1);
        return { kind: 'wrong' as const };
      }
      await repo.delete({ id: challenge.id });
      const tokens = await this.sessions.open(manager, user.id, client);
      return { kind: 'ok' as const, user, tokens };
    });
    if (outcome.kind === 'ok') return { user: outcome.user, tokens: outcome.tokens };
    throw new UnauthorizedError(outcome.kind === 'wrong' ? BAD_CODE : BAD_CHALLENGE);
  }

  /** Checks a code against the user's secret and remembers its step so it can't be replayed. */
  private async acceptCode(user: User, code: string, repo = this.usersRepo): Promise<boolean> {
    if (!user.twoFactorSecret) return false;
    const now = this.clock.now();
    const totp = authenticator.clone({ epoch: now, window: 1 });
    const delta = totp.checkDelta(code, user.twoFactorSecret);
    if (delta === null) return false;
    const step = Math.floor(now / TOTP_STEP_MS) + delta;
    if (user.twoFactorLastStep !== null && step <= user.twoFactorLastStep) return false;
    await repo.update({ id: user.id }, { twoFactorLastStep: step });
    user.twoFactorLastStep = step;
    return true;
  }
}
