import { mayManage, mayModerate, stillHolds, successor, until } from './moderation.policy';

describe('moderation policy', () => {
  it.each([
    ['owner', 'kick', 'admin', true],
    ['owner', 'ban', 'member', true],
    ['owner', 'mute', 'admin', true],
    ['owner', 'role', 'admin', true],
    ['owner', 'role', 'member', true],
    ['admin', 'kick', 'member', true],
    ['admin', 'ban', 'member', true],
    ['admin', 'mute', 'member', true],
    ['admin', 'unban', 'member', true],
    ['admin', 'kick', 'admin', false],
    ['admin', 'ban', 'admin', false],
    ['admin', 'mute', 'admin', false],
    ['admin', 'kick', 'owner', false],
    ['admin', 'role', 'member', false],
    ['member', 'kick', 'member', false],
    ['member', 'mute', 'member', false],
    ['owner', 'kick', 'owner', false],
    ['owner', 'role', 'owner', false],
  ] as const)('%s may %s a %s: %s', (actor, action, target, expected) => {
    expect(mayModerate(actor, action, target)).toBe(expected);
  });

  it('lets owners and admins invite and unban, and only the owner edit', () => {
    expect(mayManage('owner', 'invite')).toBe(true);
    expect(mayManage('admin', 'invite')).toBe(true);
    expect(mayManage('member', 'invite')).toBe(false);
    expect(mayManage('admin', 'unban')).toBe(true);
    expect(mayManage('member', 'unban')).toBe(false);
    expect(mayManage('owner', 'edit')).toBe(true);
    expect(mayManage('admin', 'edit')).toBe(false);
  });

  it('hands ownership to the oldest admin, else the oldest member, else nobody', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
    const members = [
      { userId: 'c', role: 'member' as const, joinedAt: at(1) },
      { userId: 'b', role: 'admin' as const, joinedAt: at(5) },
      { userId: 'a', role: 'admin' as const, joinedAt: at(3) },
    ];
    expect(successor(members)?.userId).toBe('a');
    expect(successor(members.filter((m) => m.role === 'member'))?.userId).toBe('c');
    expect(successor([])).toBeNull();
  });

  it('ends bans and mutes at their time, or never', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(until(now, 5)).toEqual(new Date(now + 300_000));
    expect(until(now, undefined)).toBeNull();
    expect(stillHolds(null, now)).toBe(true);
    expect(stillHolds(new Date(now + 1), now)).toBe(true);
    expect(stillHolds(new Date(now), now)).toBe(false);
  });
});
