import type { ConfigService } from '@nestjs/config';
import * as argon2 from 'argon2';
import type { ArenaConfig } from '../../config';
import { argon2Permits, MAX_WAITING, PasswordHasher } from './password.hasher';

jest.mock('argon2', () => ({
  argon2id: 2,
  hash: jest.fn(),
  verify: jest.fn(),
  needsRehash: jest.fn(),
}));
// A 2-core machine: one argon2 operation at a time.
jest.mock('node:os', () => ({ ...jest.requireActual('node:os'), availableParallelism: () => 2 }));

const hash = jest.mocked(argon2.hash);
const verify = jest.mocked(argon2.verify);

/** argon2 calls that finish only when told to. */
function held<T>() {
  const pending: ((value: T) => void)[] = [];
  const fn = () => new Promise<T>((resolve) => pending.push(resolve));
  return { fn, pending };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function makeHasher(): PasswordHasher {
  const config = {
    get: () => ({ argon2MemoryKiB: 19456, argon2TimeCost: 2 }),
  } as unknown as ConfigService<ArenaConfig, true>;
  return new PasswordHasher(config);
}

describe('argon2Permits', () => {
  it('leaves one core to the game loop, and allows at least one', () => {
    expect(argon2Permits(1)).toBe(1);
    expect(argon2Permits(2)).toBe(1);
    expect(argon2Permits(8)).toBe(7);
  });
});

describe('PasswordHasher', () => {
  beforeEach(() => {
    hash.mockReset();
    verify.mockReset();
  });

  it('runs one argon2 operation at a time on two cores, the others in order of arrival', async () => {
    const hashes = held<string>();
    const checks = held<boolean>();
    hash.mockImplementation(hashes.fn);
    verify.mockImplementation(checks.fn);
    const hasher = makeHasher();

    const first = hasher.hash('password one');
    const second = hasher.verify('$argon2id$stored', 'password two');
    const third = hasher.hash('password three');
    await flush();
    expect(hash).toHaveBeenCalledTimes(1);
    expect(verify).not.toHaveBeenCalled();

    hashes.pending[0]('$argon2id$one');
    await expect(first).resolves.toBe('$argon2id$one');
    await flush();
    expect(verify).toHaveBeenCalledTimes(1);
    expect(hash).toHaveBeenCalledTimes(1);

    checks.pending[0](true);
    await expect(second).resolves.toBe(true);
    await flush();
    expect(hash).toHaveBeenCalledTimes(2);
    expect(hash).toHaveBeenLastCalledWith('password three', expect.anything());
    hashes.pending[1]('$argon2id$three');
    await expect(third).resolves.toBe('$argon2id$three');
  });

  it(`refuses with UNAVAILABLE beyond ${MAX_WAITING} waiting, and takes work again once they drain`, async () => {
    const checks = held<boolean>();
    verify.mockImplementation(checks.fn);
    const hasher = makeHasher();

    const admitted = Array.from({ length: MAX_WAITING + 1 }, () => hasher.verify('$h', 'pw'));
    await expect(hasher.verify('$h', 'pw')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(hasher.hash('pw')).rejects.toMatchObject({ code: 'UNAVAILABLE' });

    for (let i = 0; i <= MAX_WAITING; i++) {
      await flush();
      checks.pending[i](false);
    }
    await expect(Promise.all(admitted)).resolves.toHaveLength(MAX_WAITING + 1);
    verify.mockResolvedValue(true);
    await expect(hasher.verify('$h', 'pw')).resolves.toBe(true);
  });

  it('answers false for a hash argon2 cannot read', async () => {
    verify.mockRejectedValue(new TypeError('Invalid hash'));
    await expect(makeHasher().verify('not a hash', 'pw')).resolves.toBe(false);
  });

  it('burns through the same gate, and makes its dummy hash again if it was refused', async () => {
    const hasher = makeHasher();
    const checks = held<boolean>();
    verify.mockImplementation(checks.fn);
    hash.mockResolvedValue('$argon2id$dummy');
    // Fill the gate: the burn's dummy hash is refused.
    const busy = Array.from({ length: MAX_WAITING + 1 }, () => hasher.verify('$h', 'pw'));
    await expect(hasher.burn('pw')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    for (let i = 0; i <= MAX_WAITING; i++) {
      await flush();
      checks.pending[i](false);
    }
    await Promise.all(busy);

    verify.mockResolvedValue(false);
    await expect(hasher.burn('pw')).resolves.toBeUndefined();
    expect(hash).toHaveBeenCalledTimes(1);
    expect(verify).toHaveBeenLastCalledWith('$argon2id$dummy', 'pw');
  });
});
