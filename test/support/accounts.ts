import type { TestApp } from './test-app';

export interface Account {
  id: string;
  username: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

let counter = 0;

/** Registers a fresh account through the API and returns its credentials. */
export async function registerAccount(
  t: TestApp,
  overrides: Partial<{
    username: string;
    email: string;
    password: string;
    displayName: string;
  }> = {},
): Promise<Account> {
  counter += 1;
  const username = overrides.username ?? `player_${process.pid}_${counter}`;
  const body = {
    username,
    email: overrides.email ?? `${username.toLowerCase()}@example.com`,
    password: overrides.password ?? 'correct horse battery',
    ...(overrides.displayName ? { displayName: overrides.displayName } : {}),
  };
  const res = await t.http().post('/api/auth/register').send(body).expect(201);
  return {
    id: res.body.user.id,
    username,
    email: body.email,
    password: body.password,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Erases the account through the API (`DELETE /api/users/me` with its password). */
export async function eraseAccount(t: TestApp, account: Account): Promise<void> {
  await t
    .http()
    .delete('/api/users/me')
    .set(bearer(account.accessToken))
    .send({ password: account.password })
    .expect(204);
}
