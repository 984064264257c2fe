import { ForbiddenError } from '../../common/errors';
import type { ApiKeysService } from './api-keys/api-keys.service';
import { CredentialsService } from './credentials.service';
import type { SessionsService } from './sessions.service';

const KEY = `arena_${'k'.repeat(43)}`;

function setup(scopes: ('read' | 'play')[] = ['read']) {
  const mocks = {
    verifyAccessToken: jest.fn(() => Promise.resolve({ userId: 'u1', sessionId: 's1' })),
    sessionExpiry: jest.fn(() => Promise.resolve(1000)),
    authenticate: jest.fn(() =>
      Promise.resolve({ userId: 'u1', sessionId: 'api-key:k1', apiKey: { id: 'k1', scopes } }),
    ),
    expiry: jest.fn(() => Promise.resolve(2000)),
  };
  const sut = new CredentialsService(
    mocks as unknown as SessionsService,
    mocks as unknown as ApiKeysService,
  );
  return { sut, mocks };
}

describe('CredentialsService', () => {
  it('checks an access token as a session, whatever the requirement', async () => {
    const { sut, mocks } = setup();
    await expect(sut.authenticate('a.b.c', 'never')).resolves.toEqual({
      userId: 'u1',
      sessionId: 's1',
    });
    expect(mocks.authenticate).not.toHaveBeenCalled();
  });

  it('holds an API key to the requirement', async () => {
    const { sut } = setup(['read']);
    await expect(sut.authenticate(KEY, 'read')).resolves.toMatchObject({ sessionId: 'api-key:k1' });
    await expect(sut.authenticate(KEY, 'play')).rejects.toThrow(
      new ForbiddenError('This API key lacks the "play" scope'),
    );
    await expect(sut.authenticate(KEY, 'never')).rejects.toThrow(/may not manage the account/);
  });

  it('reads a socket’s end from its session, or from its key', async () => {
    const { sut, mocks } = setup();
    await expect(sut.sessionExpiry('s1')).resolves.toBe(1000);
    await expect(sut.sessionExpiry('api-key:k1')).resolves.toBe(2000);
    expect(mocks.expiry).toHaveBeenCalledWith('k1');
  });
});
