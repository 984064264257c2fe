import { InMemoryPresenceStore } from './presence.store';

describe('InMemoryPresenceStore', () => {
  it('is offline until a socket connects, and counts several tabs once', () => {
    const presence = new InMemoryPresenceStore();
    expect(presence.statusOf('u1')).toBe('offline');
    expect(presence.connect('u1')).toBe('online');
    expect(presence.connect('u1')).toBe('online');
    expect(presence.disconnect('u1')).toBe('online');
    expect(presence.disconnect('u1')).toBe('offline');
    expect(presence.disconnect('u1')).toBe('offline');
    expect(presence.connect('u1')).toBe('online');
  });

  it('shows a player in a live match as in_game, connected or not', () => {
    const presence = new InMemoryPresenceStore();
    presence.connect('u1');
    expect(presence.setInGame('u1', true)).toBe('in_game');
    expect(presence.disconnect('u1')).toBe('in_game');
    expect(presence.setInGame('u1', false)).toBe('offline');
    expect(presence.statusOf('u2')).toBe('offline');
  });
});
