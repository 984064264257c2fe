import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public } from '../../common/decorators/auth.decorators';
import { UnauthorizedError } from '../../common/errors';
import { AccountManagement, KeyAccess } from './api-keys/key-access';
import type { CredentialsService } from './credentials.service';
import { bearerToken, JwtAuthGuard } from './jwt-auth.guard';

class OpenController {
  @Public()
  health() {}

  profile() {}

  @AccountManagement()
  keys() {}

  @KeyAccess('play')
  move() {}
}

function contextFor(
  handler: () => void,
  headers: Record<string, string> = {},
  type = 'http',
  method = 'GET',
) {
  const request: { method: string; headers: Record<string, string>; user?: unknown } = {
    method,
    headers,
  };
  const context = {
    getType: () => type,
    getClass: () => OpenController,
    getHandler: () => handler,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

function setup() {
  const authenticate = jest.fn((token: string, _requirement: string) =>
    token === 'good'
      ? Promise.resolve({ userId: 'u1', sessionId: 's1' })
      : Promise.reject(new UnauthorizedError('Invalid or expired access token')),
  );
  const sut = new JwtAuthGuard(new Reflector(), {
    authenticate,
  } as unknown as CredentialsService);
  return { sut, mocks: { verifyAccessToken: authenticate } };
}

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc', 'abc'],
    ['  BEARER   abc  ', 'abc'],
  ])('reads %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([[undefined], [''], ['Bearer '], ['Basic dXNlcjpwYXNz'], ['Bearer a b'], [['Bearer a']]])(
    'refuses %j',
    (header) => {
      expect(bearerToken(header)).toBeNull();
    },
  );
});

describe('JwtAuthGuard', () => {
  const { health, profile } = OpenController.prototype;

  it('lets a @Public() route through without a token', async () => {
    const { sut, mocks } = setup();
    await expect(sut.canActivate(contextFor(health).context)).resolves.toBe(true);
    await expect(sut.canActivate(contextFor(health).context)).resolves.toBe(true);
    expect(mocks.verifyAccessToken).not.toHaveBeenCalled();
  });

  it('puts the verified caller on the request', async () => {
    const { sut, mocks } = setup();
    const { context, request } = contextFor(profile, { authorization: 'Bearer good' });
    await expect(sut.canActivate(context)).resolves.toBe(true);
    expect(request.user).toEqual({ userId: 'u1', sessionId: 's1' });
    expect(mocks.verifyAccessToken).toHaveBeenCalledWith('good', 'read');
  });

  it('asks of an API key what the route declares, else what its method allows', async () => {
    const { sut, mocks } = setup();
    const auth = { authorization: 'Bearer good' };
    await sut.canActivate(contextFor(profile, auth, 'http', 'GET').context);
    await sut.canActivate(contextFor(profile, auth, 'http', 'PATCH').context);
    await sut.canActivate(contextFor(OpenController.prototype.keys, auth, 'http', 'GET').context);
    await sut.canActivate(contextFor(OpenController.prototype.move, auth, 'http', 'POST').context);
    expect(mocks.verifyAccessToken.mock.calls.map((call) => call[1])).toEqual([
      'read',
      'never',
      'never',
      'play',
    ]);
  });

  it('answers 401 without a bearer token, and for a bad one', async () => {
    const { sut } = setup();
    await expect(sut.canActivate(contextFor(profile).context)).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    await expect(
      sut.canActivate(contextFor(profile, { authorization: 'Bearer bad' }).context),
    ).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('lets a failure while reading the session through (a 500, not a 401)', async () => {
    const { sut, mocks } = setup();
    mocks.verifyAccessToken.mockRejectedValueOnce(new Error('SQLITE_BUSY'));
    await expect(
      sut.canActivate(contextFor(profile, { authorization: 'Bearer good' }).context),
    ).rejects.toThrow('SQLITE_BUSY');
  });

  it('leaves socket events to the gateway’s own handshake check', async () => {
    const { sut, mocks } = setup();
    await expect(sut.canActivate(contextFor(profile, {}, 'ws').context)).resolves.toBe(true);
    expect(mocks.verifyAccessToken).not.toHaveBeenCalled();
  });
});
