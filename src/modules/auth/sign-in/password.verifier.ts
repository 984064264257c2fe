import { Injectable, Logger } from '@nestjs/common';
import { UnauthorizedError } from '../../../common/errors';
import { UsersService } from '../../users/users.service';
import { PasswordHasher } from '../password.hasher';
import type { VerifiedSignIn } from './sign-in.service';

/** The same answer for an unknown login and a wrong password: accounts can't be probed. */
export const BAD_CREDENTIALS = 'Invalid login or password';

/**
 * The password verifier: a username or email and its password. An unknown login, or an account
 * without a password (made by a provider, or erased), still costs one argon2 check, so timing
 * tells nothing either. A hash made with older argon2 settings is upgraded on the way.
 */
@Injectable()
export class PasswordVerifier {
  private readonly logger = new Logger(PasswordVerifier.name);

  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
  ) {}

  async verify(login: string, password: string): Promise<VerifiedSignIn> {
    const user = await this.users.findByLogin(login);
    if (!user?.passwordHash) {
      await this.hasher.burn(password);
      throw new UnauthorizedError(BAD_CREDENTIALS);
    }
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      throw new UnauthorizedError(BAD_CREDENTIALS);
    }
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.users.setPasswordHash(user.id, await this.hasher.hash(password));
      this.logger.log(`Password hash of user ${user.id} upgraded to the current argon2 settings`);
    }
    return { user, factors: ['password'] };
  }
}
