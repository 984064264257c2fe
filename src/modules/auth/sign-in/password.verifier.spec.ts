import { UnauthorizedError } from '../../../common/errors';
import type { User } from '../../users/entities/user.entity';
import type { UsersService } from '../../users/users.service';
import type { PasswordHasher } from '../password.hasher';
import { BAD_CREDENTIALS, PasswordVerifier } from './password.verifier';

function setup(found: Partial<User> | null, { right = true, stale = false } = {}) {
  const mocks = {
    findByLogin: jest.fn(() => Promise.resolve(found as User | null)),
    setPasswordHash: jest.fn(() => Promise.resolve()),
    verify: jest.fn(() => Promise.resolve(right)),
    burn: jest.fn(() => Promise.resolve()),
    needsRehash: jest.fn(() => stale),
    hash: jest.fn(() => Promise.resolve('$argon2id$new')),
  };
  const sut = new PasswordVerifier(
    mocks as unknown as UsersService,
    mocks as unknown as PasswordHasher,
  );
  return { sut, mocks };
}

describe('PasswordVerifier', () => {
  it('answers the account and the password factor for a right password', async () => {
    const { sut, mocks } = setup({ id: 'u1', passwordHash: '$argon2id$old' });
    await expect(sut.verify('alice', 'right')).resolves.toEqual({
      user: expect.objectContaining({ id: 'u1' }),
      factors: ['password'],
    });
    expect(mocks.setPasswordHash).not.toHaveBeenCalled();
  });

  it('upgrades a hash made with older settings on the way', async () => {
    const { sut, mocks } = setup({ id: 'u1', passwordHash: '$argon2id$old' }, { stale: true });
    await sut.verify('alice', 'right');
    expect(mocks.setPasswordHash).toHaveBeenCalledWith('u1', '$argon2id$new');
  });

  it('answers one message for a wrong password, an unknown login and an account without one', async () => {
    const wrong = setup({ id: 'u1', passwordHash: '$argon2id$x' }, { right: false });
    await expect(wrong.sut.verify('alice', 'wrong')).rejects.toThrow(
      new UnauthorizedError(BAD_CREDENTIALS),
    );
    for (const found of [null, { id: 'u2', passwordHash: null }]) {
      const { sut, mocks } = setup(found);
      await expect(sut.verify('ghost', 'guess')).rejects.toThrow(BAD_CREDENTIALS);
      // Still one argon2 check, so timing tells nothing either.
      expect(mocks.burn).toHaveBeenCalledWith('guess');
      expect(mocks.verify).not.toHaveBeenCalled();
    }
  });
});
