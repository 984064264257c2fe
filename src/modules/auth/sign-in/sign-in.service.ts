/**
 * Completing a sign-in, the one path every method ends on. A verifier (password, provider,
 * TOTP challenge) proves who is signing in and with which factors; this decides what follows:
 * an account with 2FA that has not shown a code gets the same challenge whatever the first
 * factor was, everyone else gets a session (SessionsService.open) like any other login.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnauthorizedError } from '../../../common/errors';
import { Transactor } from '../../../database/transactor';
import type { User } from '../../users/entities/user.entity';
import { UsersService } from '../../users/users.service';
import type { AuthResponseDto, TwoFactorRequiredDto } from '../dto/auth.dto';
import { ClientInfo, SessionsService } from '../sessions.service';
import { TwoFactorService } from '../two-factor.service';

export type SignInFactor = 'password' | 'provider' | 'totp';

/** What a verifier answers: who, and what they proved. */
export interface VerifiedSignIn {
  user: User;
  factors: readonly SignInFactor[];
}

export type SignInResult = AuthResponseDto | TwoFactorRequiredDto;

@Injectable()
export class SignInService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly twoFactor: TwoFactorService,
    private readonly transactor: Transactor,
  ) {}

  /** In the caller's transaction when given one (the TOTP verifier's), else in its own. */
  async complete(
    { user, factors }: VerifiedSignIn,
    client: ClientInfo,
    manager?: EntityManager,
  ): Promise<SignInResult> {
    if (user.erasedAt) throw new UnauthorizedError('This account no longer exists');
    if (user.twoFactorEnabled && !factors.includes('totp')) {
      return {
        twoFactorRequired: true,
        challengeToken: await this.twoFactor.openChallenge(user.id),
      };
    }
    const tokens = manager
      ? await this.sessions.open(manager, user.id, client)
      : await this.transactor.run((inner) => this.sessions.open(inner, user.id, client));
    return { user: this.users.me(user), ...tokens };
  }
}
