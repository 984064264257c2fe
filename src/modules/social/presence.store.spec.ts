import { InMemoryPresenceStore } from './presence.store';

const GAME = '/game';
const CHAT = '/chat';

describe('InMemoryPresenceStore', () => {
  it('is offline until a socket connects, and counts several tabs once', async () => {
    const presence = new InMemoryPresenceStore();
    expect(presence.statusOf('u1')).toBe('offline');
    await expect(presence.connect('u1', GAME)).resolves.toEqual({
      userId: 'u1',
      before: 'offline',
      after: 'online',
    });
    await expect(presence.connect('u1', GAME)).resolves.toMatchObject({
      before: 'online',
      after: 'online',
    });
    await expect(presence.disconnect('u1', GAME)).resolves.toMatchObject({ after: 'online' });
    await expect(presence.disconnect('u1', GAME)).resolves.toMatchObject({
      before: 'online',
      after: 'offline',
    });
    await expect(presence.disconnect('u1', GAME)).resolves.toMatchObject({ after: 'offline' });
    await expect(presence.connect('u1', GAME)).resolves.toMatchObject({ after: 'online' });
  });

  it('shows a player in a live match as in_game, connected or not', async () => {
    const presence = new InMemoryPresenceStore();
    await presence.connect('u1', GAME);
    await expect(presence.setInGame('u1', true)).resolves.toMatchObject({
      before: 'online',
      after: 'in_game',
    });
    await expect(presence.disconnect('u1', GAME)).resolves.toMatchObject({ after: 'in_game' });
    await expect(presence.setInGame('u1', false)).resolves.toMatchObject({ after: 'offline' });
    expect(presence.statusOf('u2')).toBe('offline');
  });

  it('counts no socket past the limit, per user and namespace, and takes one again once a socket closes', async () => {
    const presence = new InMemoryPresenceStore();
    const connects = Array.from({ length: 5 }, () => presence.connect('u1', GAME, 3));
    const results = await Promise.all(connects);
    expect(results.map((change) => change?.after ?? null)).toEqual([
      'online',
      'online',
      'online',
      null,
      null,
    ]);
    await expect(presence.connect('u2', GAME, 3)).resolves.not.toBeNull();
    // Another namespace has seats of its own.
    await expect(presence.connect('u1', CHAT, 3)).resolves.not.toBeNull();
    await presence.disconnect('u1', GAME);
    await expect(presence.connect('u1', GAME, 3)).resolves.not.toBeNull();
    await expect(presence.connect('u1', GAME, 3)).resolves.toBeNull();
    // Refused connections were never counted: three closes leave only the /chat socket.
    for (let i = 0; i < 3; i++) await presence.disconnect('u1', GAME);
    expect(presence.statusOf('u1')).toBe('online');
    await presence.disconnect('u1', CHAT);
    expect(presence.statusOf('u1')).toBe('offline');
  });
});
