import { UnauthorizedError } from '../../../common/errors';
import type { Transactor } from '../../../database/transactor';
import type { User } from '../../users/entities/user.entity';
import type { UsersService } from '../../users/users.service';
import type { SessionsService } from '../sessions.service';
import type { TwoFactorService } from '../two-factor.service';
import { SignInFactor, SignInService } from './sign-in.service';

const client = { ip: '127.0.0.1', userAgent: 'spec' };
const tokens = { accessToken: 'access', refreshToken: 'refresh' };

function setup() {
  const manager = { transactional: true };
  const mocks = {
    open: jest.fn(() => Promise.resolve(tokens)),
    openChallenge: jest.fn(() => Promise.resolve('challenge')),
    run: jest.fn((work: (m: unknown) => Promise<unknown>) => work(manager)),
    me: jest.fn((user: User) => ({ id: user.id })),
  };
  const sut = new SignInService(
    { me: mocks.me } as unknown as UsersService,
    { open: mocks.open } as unknown as SessionsService,
    { openChallenge: mocks.openChallenge } as unknown as TwoFactorService,
    { run: mocks.run } as unknown as Transactor,
  );
  return { sut, mocks, manager };
}

const user = (changes: Partial<User> = {}) =>
  ({ id: 'u1', twoFactorEnabled: false, erasedAt: null, ...changes }) as User;

describe('SignInService.complete: the one end of every sign-in', () => {
  it.each<SignInFactor>(['password', 'provider'])(
    'opens a session after %s for an account without 2FA',
    async (factor) => {
      const { sut, mocks, manager } = setup();
      await expect(sut.complete({ user: user(), factors: [factor] }, client)).resolves.toEqual({
        user: { id: 'u1' },
        ...tokens,
      });
      expect(mocks.open).toHaveBeenCalledWith(manager, 'u1', client);
      expect(mocks.openChallenge).not.toHaveBeenCalled();
    },
  );

  it.each<SignInFactor>(['password', 'provider'])(
    'answers the same 2FA challenge after %s when the account has 2FA',
    async (factor) => {
      const { sut, mocks } = setup();
      await expect(
        sut.complete({ user: user({ twoFactorEnabled: true }), factors: [factor] }, client),
      ).resolves.toEqual({ twoFactorRequired: true, challengeToken: 'challenge' });
      expect(mocks.open).not.toHaveBeenCalled();
    },
  );

  it('opens the session once the code was shown, in the verifier’s transaction', async () => {
    const { sut, mocks } = setup();
    const callerManager = { callers: true };
    await sut.complete(
      { user: user({ twoFactorEnabled: true }), factors: ['totp'] },
      client,
      callerManager as never,
    );
    expect(mocks.open).toHaveBeenCalledWith(callerManager, 'u1', client);
    expect(mocks.run).not.toHaveBeenCalled();
  });

  it('refuses an erased account whatever proved it', async () => {
    const { sut, mocks } = setup();
    await expect(
      sut.complete({ user: user({ erasedAt: new Date() }), factors: ['provider'] }, client),
    ).rejects.toBeInstanceOf(UnauthorizedError);
    expect(mocks.open).not.toHaveBeenCalled();
  });
});
