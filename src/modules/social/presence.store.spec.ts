import { InMemoryPresenceStore } from './presence.store';

describe('InMemoryPresenceStore', () => {
  it('is offline until a socket connects, and counts several tabs once', async () => {
    const presence = new InMemoryPresenceStore();
    expect(presence.statusOf('u1')).toBe('offline');
    await expect(presence.connect('u1')).resolves.toBe('online');
    await expect(presence.connect('u1')).resolves.toBe('online');
    expect(presence.disconnect('u1')).toBe('online');
    expect(presence.disconnect('u1')).toBe('offline');
    expect(presence.disconnect('u1')).toBe('offline');
    await expect(presence.connect('u1')).resolves.toBe('online');
  });

  it('shows a player in a live match as in_game, connected or not', async () => {
    const presence = new InMemoryPresenceStore();
    await presence.connect('u1');
    expect(presence.setInGame('u1', true)).toBe('in_game');
    expect(presence.disconnect('u1')).toBe('in_game');
    expect(presence.setInGame('u1', false)).toBe('offline');
    expect(presence.statusOf('u2')).toBe('offline');
  });

  it('counts no socket past the limit, per user, and takes one again once a socket closes', async () => {
    const presence = new InMemoryPresenceStore();
    const connects = Array.from({ length: 5 }, () => presence.connect('u1', 3));
    await expect(Promise.all(connects)).resolves.toEqual([
      'online',
      'online',
      'online',
      null,
      null,
    ]);
    await expect(presence.connect('u2', 3)).resolves.toBe('online');
    presence.disconnect('u1');
    await expect(presence.connect('u1', 3)).resolves.toBe('online');
    await expect(presence.connect('u1', 3)).resolves.toBeNull();
    // Refused connections were never counted: three closes leave the user offline.
    for (let i = 0; i < 3; i++) presence.disconnect('u1');
    expect(presence.isConnected('u1')).toBe(false);
  });
});
