/**
 * TOTP two-factor authentication (RFC 6238: 30 s steps, 6 digits, SHA-1, one step of drift
 * either way). A code is accepted once: the step it belongs to is remembered and older or equal
 * steps are refused. Logins of 2FA accounts go through a challenge token that lives 5 minutes,
 * survives 5 wrong codes, and is spent by a right one. The secret is stored sealed (AES-256-GCM,
 * see SecretCipher), bound to its user; one sealed under a previous key is sealed again under
 * the current one when next used, and all of them at start-up while a rotation is in progress.
 */
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { authenticator } from 'otplib';
import { EntityManager, Like, MoreThan, Not, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { SecretCipher } from '../../common/crypto/secret-cipher';
import { ACCOUNT_ERASING, AccountErasing } from '../../common/events/account-erasure.events';
import { ConflictError, ValidationError } from '../../common/errors';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { TwoFactorChallenge } from './entities/two-factor-challenge.entity';
import { twoFactorSecretContext } from './two-factor-secret';

export const TOTP_STEP_MS = 30_000;
export const CHALLENGE_TTL_MS = 5 * 60_000;
export const CHALLENGE_MAX_ATTEMPTS = 5;
const ISSUER = 'Arena';
export const BAD_CHALLENGE = 'Invalid or expired two-factor challenge';
export const BAD_CODE = 'Invalid two-factor code';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Secrets sealed again per statement while a key rotation is in progress. */
const RESEAL_BATCH = 200;

@Injectable()
export class TwoFactorService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TwoFactorService.name);

  constructor(
    @InjectRepository(User) private readonly usersRepo: Repository<User>,
    @InjectRepository(TwoFactorChallenge)
    private readonly challenges: Repository<TwoFactorChallenge>,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly cipher: SecretCipher,
  ) {}

  /** While ENCRYPTION_KEY_PREVIOUS is set, secrets sealed under an older key are sealed anew. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.cipher.rotating) return;
    const resealed = await this.resealAll();
    this.logger.log(`${resealed} TOTP secrets sealed again under the current key`);
  }

  /**
   * Seals again every secret sealed under another key than the current one (or stored in
   * clear); answers how many. One that no configured key opens is logged and left as it is.
   */
  async resealAll(): Promise<number> {
    let done = 0;
    let after = '';
    for (;;) {
      const rows = await this.usersRepo.find({
        select: { id: true, twoFactorSecret: true },
        where: {
          id: MoreThan(after),
          twoFactorSecret: Not(Like(`enc1:${this.cipher.keyId}:%`)),
        },
        order: { id: 'ASC' },
        take: RESEAL_BATCH,
      });
      for (const row of rows) {
        const stored = row.twoFactorSecret;
        if (stored === null) continue;
        let secret: string;
        try {
          secret = this.openSecret(row.id, stored);
        } catch (error) {
          this.logger.error(`TOTP secret of user ${row.id} not resealed: ${String(error)}`);
          continue;
        }
        // Only if unchanged meanwhile (another node resealing it, a new setup).
        const changed = await this.usersRepo.update(
          { id: row.id, twoFactorSecret: stored },
          { twoFactorSecret: this.sealSecret(row.id, secret) },
        );
        done += changed.affected ?? 0;
      }
      if (rows.length < RESEAL_BATCH) return done;
      after = rows[rows.length - 1].id;
    }
  }

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
      { twoFactorSecret: this.sealSecret(userId, secret), twoFactorLastStep: null },
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

  /**
   * The second step's verifier, inside the caller's transaction: a right code spends the
   * challenge and answers its user (the caller then completes the sign-in in the same
   * transaction); a wrong one counts against it. Answers what happened rather than throwing, so
   * a wrong attempt's count commits.
   */
  async verifyChallenge(
    manager: EntityManager,
    token: string,
    code: string,
  ): Promise<User | 'invalid' | 'wrong'> {
    const repo = manager.getRepository(TwoFactorChallenge);
    const challenge = await repo.findOneBy({ tokenHash: sha256(token) });
    if (!challenge) return 'invalid';
    if (
      challenge.expiresAt.getTime() <= this.clock.now() ||
      challenge.attempts >= CHALLENGE_MAX_ATTEMPTS
    ) {
      await repo.delete({ id: challenge.id });
      return 'invalid';
    }
    const user = await manager.getRepository(User).findOneBy({ id: challenge.userId });
    if (
      !user?.twoFactorEnabled ||
      !(await this.acceptCode(user, code, manager.getRepository(User)))
    ) {
      await repo.increment({ id: challenge.id }, 'attempts', 1);
      return 'wrong';
    }
    await repo.delete({ id: challenge.id });
    return user;
  }

  /** Checks a code against the user's secret and remembers its step so it can't be replayed. */
  private async acceptCode(user: User, code: string, repo = this.usersRepo): Promise<boolean> {
    if (!user.twoFactorSecret) return false;
    const secret = this.openSecret(user.id, user.twoFactorSecret);
    const now = this.clock.now();
    const totp = authenticator.clone({ epoch: now, window: 1 });
    const delta = totp.checkDelta(code, secret);
    if (delta === null) return false;
    const step = Math.floor(now / TOTP_STEP_MS) + delta;
    if (user.twoFactorLastStep !== null && step <= user.twoFactorLastStep) return false;
    const stale =
      !SecretCipher.isSealed(user.twoFactorSecret) ||
      this.cipher.needsResealing(user.twoFactorSecret);
    const resealed = stale ? { twoFactorSecret: this.sealSecret(user.id, secret) } : {};
    // The step is taken only if no one took it (or a later one) meanwhile: two sign-ins with the
    // same code at once, on two nodes of PostgreSQL, can't both pass the check above and win.
    const taken = await repo
      .createQueryBuilder()
      .update(User)
      .set({ twoFactorLastStep: step, ...resealed })
      .where('id = :id', { id: user.id })
      .andWhere('("twoFactorLastStep" IS NULL OR "twoFactorLastStep" < :step)', { step })
      .execute();
    if (taken.affected !== 1) return false;
    user.twoFactorLastStep = step;
    return true;
  }

  private sealSecret(userId: string, secret: string): string {
    return this.cipher.seal(secret, twoFactorSecretContext(userId));
  }

  /**
   * A secret in clear is one written before its migration ran (an older node during a rolling
   * upgrade): it is read as it is, and sealed at its next accepted code.
   */
  private openSecret(userId: string, stored: string): string {
    return SecretCipher.isSealed(stored)
      ? this.cipher.open(stored, twoFactorSecretContext(userId))
      : stored;
  }
}
