import type { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ManualClock } from '../../../common/clock/clock';
import { SecretCipher } from '../../../common/crypto/secret-cipher';
import { ValidationError } from '../../../common/errors';
import { ArenaConfig, loadConfig } from '../../../config';
import type { UsersService } from '../../users/users.service';
import { SignInFlow } from '../entities/sign-in-flow.entity';
import { DatabaseSignInFlows } from '../sign-in/sign-in-flows';
import { BINDING_COOKIE, bindingOf } from './browser-binding';
import type { IdentitiesService } from './identities.service';
import { ProviderSignInService } from './provider-sign-in.service';

const PUBLIC_URL = 'https://arena.example';
const CLIENT = 'https://client.example/back';

/** A collaborator no test here may reach: any call fails the test. */
function untouchable<T>(name: string): T {
  return new Proxy({}, {
    get: (_target, member) => () => {
      throw new Error(`${name}.${String(member)} must not be called`);
    },
  }) as T;
}

describe('ProviderSignInService: flows bound to the browser that started them', () => {
  let dataSource: DataSource;
  let flows: DatabaseSignInFlows;
  let sut: ProviderSignInService;

  beforeEach(async () => {
    dataSource = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [SignInFlow],
      synchronize: true,
    });
    await dataSource.initialize();
    flows = new DatabaseSignInFlows(
      dataSource.getRepository(SignInFlow),
      new SecretCipher(randomBytes(32)),
      new ManualClock(Date.UTC(2026, 0, 1)),
    );
    const { signIn } = loadConfig({
      PUBLIC_URL,
      OAUTH_REDIRECT_ALLOWLIST: CLIENT,
      OAUTH_PROVIDERS: '42',
      OAUTH_42_CLIENT_ID: 'u-s4t2ud-arena',
      OAUTH_42_CLIENT_SECRET: 's-s4t2ud-secret',
    });
    const config = { get: () => signIn } as unknown as ConfigService<ArenaConfig, true>;
    sut = new ProviderSignInService(
      flows,
      untouchable<IdentitiesService>('identities'),
      untouchable<UsersService>('users'),
      config,
    );
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  const stateOf = (location: string) => new URL(location).searchParams.get('state') as string;
  const callbackQuery = (state: string) => `code=provider-code&state=${state}`;

  it('sets the cookie of the flow it starts, for the callback path, Secure on https', async () => {
    const started = await sut.start('42', { redirect: CLIENT });
    expect(started.binding).toEqual({
      name: BINDING_COOKIE,
      value: bindingOf(stateOf(started.location)),
      options: {
        path: '/api/auth/oauth/42/callback',
        httpOnly: true,
        sameSite: 'lax',
        secure: true,
        maxAge: 600,
      },
    });
    expect(sut.spentBinding('42')).toEqual({
      name: BINDING_COOKIE,
      options: expect.objectContaining({ path: '/api/auth/oauth/42/callback', maxAge: 0 }),
    });
  });

  it('refuses a state without its cookie or with another’s, spending it, before asking the provider', async () => {
    const first = await sut.start('42', { redirect: CLIENT });
    const second = await sut.start('42', { redirect: CLIENT });
    const state = stateOf(first.location);
    await expect(sut.callback('42', callbackQuery(state), undefined)).resolves.toBe(
      `${CLIENT}#error=invalid_state`,
    );
    const other = stateOf(second.location);
    await expect(sut.callback('42', callbackQuery(other), first.binding?.value)).resolves.toBe(
      `${CLIENT}#error=invalid_state`,
    );
    // Both states are spent now, even for the browser that holds the right cookie.
    await expect(sut.callback('42', callbackQuery(state), first.binding?.value)).resolves.toBe(
      `${PUBLIC_URL}/#error=invalid_state`,
    );
    await expect(sut.callback('42', callbackQuery(other), second.binding?.value)).resolves.toBe(
      `${PUBLIC_URL}/#error=invalid_state`,
    );
  });

  it('starts a link from its one-time ticket, bound like a sign-in', async () => {
    const url = new URL(await sut.startLink('user-1', '42', CLIENT));
    expect(`${url.origin}${url.pathname}`).toBe(`${PUBLIC_URL}/api/auth/oauth/42`);
    const ticket = url.searchParams.get('link') as string;
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await expect(sut.start('42', { link: ticket, redirect: CLIENT })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const started = await sut.start('42', { link: ticket });
    const state = stateOf(started.location);
    expect(started.binding?.value).toBe(bindingOf(state));
    await expect(flows.takeAuthorization(state)).resolves.toMatchObject({
      purpose: 'link',
      userId: 'user-1',
      redirect: CLIENT,
    });

    // Spent: no flow, no cookie, and the error goes to PUBLIC_URL.
    await expect(sut.start('42', { link: ticket })).resolves.toEqual({
      location: `${PUBLIC_URL}/#error=invalid_state`,
      binding: null,
    });
    await expect(sut.start('42', { link: 'made-up' })).resolves.toEqual({
      location: `${PUBLIC_URL}/#error=invalid_state`,
      binding: null,
    });
  });
});
