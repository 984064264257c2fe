import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { ConflictError, ForbiddenError, UnauthorizedError } from '../../common/errors';
import { isUniqueViolation, Transactor } from '../../database/transactor';
import { UsersService } from '../users/users.service';
import {
  AuthResponseDto,
  ChangePasswordDto,
  LoginDto,
  RegisterDto,
  TokenPairDto,
  TwoFactorLoginDto,
  TwoFactorRequiredDto,
} from './dto/auth.dto';
import { PasswordHasher } from './password.hasher';
import { ClientInfo, SessionsService } from './sessions.service';
import { PasswordVerifier } from './sign-in/password.verifier';
import { SignInService } from './sign-in/sign-in.service';
import { BAD_CHALLENGE, BAD_CODE, TwoFactorService } from './two-factor.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly hasher: PasswordHasher,
    private readonly transactor: Transactor,
    private readonly twoFactor: TwoFactorService,
    private readonly passwords: PasswordVerifier,
    private readonly signIn: SignInService,
  ) {}

  async register(input: RegisterDto, client: ClientInfo): Promise<AuthResponseDto> {
    const passwordHash = await this.hasher.hash(input.password);
    try {
      return await this.transactor.run(async (manager) => {
        const user = await this.users.create(manager, { ...input, passwordHash });
        const tokens = await this.sessions.open(manager, user.id, client);
        return { user: this.users.me(user), ...tokens };
      });
    } catch (error) {
      // Two sign-ups racing for one name both pass the check; the unique index settles it.
      if (isUniqueViolation(error)) throw new ConflictError('Username or email is already taken');
      throw error;
    }
  }

  /** Password first; an account with 2FA then answers a challenge instead of tokens. */
  async login(
    input: LoginDto,
    client: ClientInfo,
  ): Promise<AuthResponseDto | TwoFactorRequiredDto> {
    return this.signIn.complete(await this.passwords.verify(input.login, input.password), client);
  }

  /** The second factor: a right code spends the challenge and opens the session, together. */
  async loginWithCode(input: TwoFactorLoginDto, client: ClientInfo): Promise<AuthResponseDto> {
    const outcome = await this.transactor.run(async (manager) => {
      const user = await this.twoFactor.verifyChallenge(manager, input.challengeToken, input.code);
      if (typeof user === 'string') return user;
      return this.signIn.complete({ user, factors: ['totp'] }, client, manager);
    });
    if (outcome === 'invalid') throw new UnauthorizedError(BAD_CHALLENGE);
    if (outcome === 'wrong') throw new UnauthorizedError(BAD_CODE);
    return outcome as AuthResponseDto;
  }

  /**
   * A new password for the caller. The current one must come with it when the account has one
   * (403 without it or when wrong: an access token alone can't take an account over), and every
   * other session is revoked in the same transaction, the caller's staying open.
   */
  async changePassword(caller: AuthUser, input: ChangePasswordDto): Promise<void> {
    const user = await this.users.get(caller.userId);
    if (user.passwordHash) {
      if (input.currentPassword === undefined) {
        throw new ForbiddenError('The current password is required');
      }
      if (!(await this.hasher.verify(user.passwordHash, input.currentPassword))) {
        throw new ForbiddenError('The current password is incorrect');
      }
    }
    const passwordHash = await this.hasher.hash(input.newPassword);
    await this.transactor.run(async (manager) => {
      await this.users.setPasswordHash(user.id, passwordHash, manager);
      await this.sessions.revokeAllOf(manager, user.id, 'password_changed', {
        except: caller.sessionId,
      });
    });
  }

  refresh(refreshToken: string): Promise<TokenPairDto> {
    return this.sessions.rotate(refreshToken);
  }

  logout(refreshToken: string): Promise<void> {
    return this.sessions.revokeByRefreshToken(refreshToken);
  }
}
