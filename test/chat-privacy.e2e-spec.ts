/**
 * Chat and the GDPR through the real app: the export lists the caller's conversations,
 * memberships, own messages and inbox; erasure leaves the person's messages as `[deleted]`,
 * removes the memberships and hands owned channels on as leaving does.
 */
import { Account, bearer, eraseAccount, registerAccount } from './support/accounts';
import { startTestApp, TestApp } from './support/test-app';

describe('chat and privacy (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const post = (who: Account, path: string, body: Record<string, unknown> = {}, status = 201) =>
    t.http().post(path).set(bearer(who.accessToken)).send(body).expect(status);

  it('exports the caller’s conversations, memberships and own messages', async () => {
    const [ann, bob] = [await registerAccount(t), await registerAccount(t)];
    const direct = await post(ann, '/api/chat/direct', { userId: bob.id });
    const channel = await post(ann, '/api/chat/channels', {
      name: `den-${ann.id.slice(0, 8)}`,
      visibility: 'private',
    });
    await post(ann, `/api/chat/conversations/${direct.body.id}/messages`, { body: 'mine' });
    await post(bob, `/api/chat/conversations/${direct.body.id}/messages`, { body: 'not mine' });
    await post(ann, `/api/chat/conversations/${channel.body.id}/messages`, { body: 'notes' });
    const res = await t.http().get('/api/users/me/export').set(bearer(ann.accessToken)).expect(200);
    expect(res.body.conversations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ conversationId: direct.body.id, kind: 'direct', role: 'member' }),
        expect.objectContaining({
          conversationId: channel.body.id,
          kind: 'channel',
          visibility: 'private',
          role: 'owner',
        }),
      ]),
    );
    expect(res.body.conversations).toHaveLength(2);
    expect((res.body.messages as { body: string }[]).map((m) => m.body).sort()).toEqual([
      'mine',
      'notes',
    ]);
  });

  it('erases the text of the person’s messages, removes the memberships and hands the channel on', async () => {
    const [gone, admin, stays] = [
      await registerAccount(t),
      await registerAccount(t),
      await registerAccount(t),
    ];
    const channel = await post(gone, '/api/chat/channels', {
      name: `hall-${gone.id.slice(0, 8)}`,
      visibility: 'public',
    });
    const channelId = channel.body.id as string;
    await post(admin, `/api/chat/channels/${channelId}/join`, {}, 200);
    await post(stays, `/api/chat/channels/${channelId}/join`, {}, 200);
    await t
      .http()
      .put(`/api/chat/channels/${channelId}/members/${admin.id}/role`)
      .set(bearer(gone.accessToken))
      .send({ role: 'admin' })
      .expect(204);
    await post(gone, `/api/chat/conversations/${channelId}/messages`, { body: 'my secret' });
    await post(stays, `/api/chat/conversations/${channelId}/messages`, { body: 'hello' });
    const direct = await post(gone, '/api/chat/direct', { userId: stays.id });
    await post(gone, `/api/chat/conversations/${direct.body.id}/messages`, {
      body: 'private words',
    });

    await eraseAccount(t, gone);

    const history = await t
      .http()
      .get(`/api/chat/conversations/${channelId}/messages`)
      .set(bearer(stays.accessToken))
      .expect(200);
    expect(history.body.items.map((m: { body: string }) => m.body)).toEqual(['hello', '[deleted]']);
    expect(history.body.items[1].sender.username).toBe(`deleted-${gone.id.slice(0, 8)}`);
    const directHistory = await t
      .http()
      .get(`/api/chat/conversations/${direct.body.id}/messages`)
      .set(bearer(stays.accessToken))
      .expect(200);
    expect(directHistory.body.items.map((m: { body: string }) => m.body)).toEqual(['[deleted]']);
    const list = (
      await t.http().get('/api/chat/conversations').set(bearer(admin.accessToken)).expect(200)
    ).body as { id: string; role: string; members: number }[];
    expect(list.find((c) => c.id === channelId)).toMatchObject({ role: 'owner', members: 2 });
    const text = JSON.stringify([history.body, directHistory.body]);
    expect(text).not.toContain('my secret');
    expect(text).not.toContain('private words');
  });
});
