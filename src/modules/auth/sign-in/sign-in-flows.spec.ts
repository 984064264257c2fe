import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ManualClock } from '../../../common/clock/clock';
import { SecretCipher } from '../../../common/crypto/secret-cipher';
import { SignInFlow } from '../entities/sign-in-flow.entity';
import {
  AUTHORIZATION_TTL_MS,
  DatabaseSignInFlows,
  GRANT_TTL_MS,
  LINK_TICKET_TTL_MS,
  PendingAuthorization,
} from './sign-in-flows';

const pending: PendingAuthorization = {
  provider: 'local',
  purpose: 'sign_in',
  userId: null,
  redirect: 'https://client.example/',
  codeVerifier: 'the-pkce-verifier-0123456789abcdefghijklmnopq',
  nonce: 'the-nonce',
};

describe('DatabaseSignInFlows: pending authorizations and one-time codes', () => {
  let dataSource: DataSource;
  let clock: ManualClock;
  let sut: DatabaseSignInFlows;

  beforeEach(async () => {
    dataSource = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [SignInFlow],
      synchronize: true,
    });
    await dataSource.initialize();
    clock = new ManualClock(Date.UTC(2026, 0, 1));
    sut = new DatabaseSignInFlows(
      dataSource.getRepository(SignInFlow),
      new SecretCipher(randomBytes(32)),
      clock,
    );
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  it('gives an authorization back once, by its state, with the verifier sealed at rest', async () => {
    await sut.saveAuthorization('state-1', pending);
    const [row] = await dataSource.getRepository(SignInFlow).find();
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain('state-1');
    expect(row.payload).not.toContain(pending.codeVerifier);
    await expect(sut.takeAuthorization('state-1')).resolves.toEqual(pending);
    await expect(sut.takeAuthorization('state-1')).resolves.toBeNull();
    await expect(sut.takeAuthorization('state-2')).resolves.toBeNull();
  });

  it('lets only one of two racing takers have it', async () => {
    await sut.saveGrant('code-1', { provider: 'local', userId: 'u1' });
    const results = await Promise.all([sut.takeGrant('code-1'), sut.takeGrant('code-1')]);
    expect(results.filter((result) => result !== null)).toEqual([
      { provider: 'local', userId: 'u1' },
    ]);
  });

  it('forgets an authorization after 10 minutes and a code after 60 seconds', async () => {
    await sut.saveAuthorization('state-1', pending);
    await sut.saveGrant('code-1', { provider: 'local', userId: 'u1' });
    await sut.saveGrant('code-2', { provider: 'local', userId: 'u1' });
    clock.advance(GRANT_TTL_MS - 1);
    await expect(sut.takeGrant('code-1')).resolves.not.toBeNull();
    clock.advance(1);
    await expect(sut.takeGrant('code-2')).resolves.toBeNull();
    clock.advance(AUTHORIZATION_TTL_MS);
    await expect(sut.takeAuthorization('state-1')).resolves.toBeNull();
  });

  it('never takes a code for a state or a state for a code', async () => {
    await sut.saveAuthorization('token', pending);
    await expect(sut.takeGrant('token')).resolves.toBeNull();
    await sut.saveGrant('other', { provider: 'local', userId: 'u1' });
    await expect(sut.takeAuthorization('other')).resolves.toBeNull();
  });

  it('gives a link ticket back once, within its 60 seconds, and only as a link ticket', async () => {
    const ticket = { provider: 'local', userId: 'u1', redirect: 'https://client.example/' };
    await sut.saveLinkTicket('ticket-1', ticket);
    await expect(sut.takeAuthorization('ticket-1')).resolves.toBeNull();
    await sut.saveLinkTicket('ticket-2', ticket);
    await expect(sut.takeLinkTicket('ticket-2')).resolves.toEqual(ticket);
    await expect(sut.takeLinkTicket('ticket-2')).resolves.toBeNull();

    await sut.saveLinkTicket('ticket-3', ticket);
    await sut.saveLinkTicket('ticket-4', ticket);
    clock.advance(LINK_TICKET_TTL_MS - 1);
    await expect(sut.takeLinkTicket('ticket-3')).resolves.toEqual(ticket);
    clock.advance(1);
    await expect(sut.takeLinkTicket('ticket-4')).resolves.toBeNull();
    await sut.saveAuthorization('state-1', pending);
    await expect(sut.takeLinkTicket('state-1')).resolves.toBeNull();
  });

  it('drops expired flows as new ones arrive', async () => {
    await sut.saveGrant('old', { provider: 'local', userId: 'u1' });
    clock.advance(GRANT_TTL_MS + 1);
    await sut.saveGrant('new', { provider: 'local', userId: 'u1' });
    expect(await dataSource.getRepository(SignInFlow).count()).toBe(1);
  });
});
