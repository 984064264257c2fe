import type { Conversation } from './chat-host';
import {
  applyMemberEvent,
  channelTools,
  commandDone,
  memberCommands,
  moderates,
  MUTE_MINUTES,
  BAN_MINUTES,
  parseMinutes,
  settingsChange,
} from './moderation-model';

const ME = 'me-0000';
const BOB = 'bob-0000';

function channel(id: string, overrides: Partial<Conversation> = {}): Conversation {
  return {
    id,
    kind: 'channel',
    name: id,
    visibility: 'private',
    peer: null,
    role: 'owner',
    members: 3,
    lastMessage: null,
    unread: 0,
    createdAt: '2026-01-02T12:00:00.000Z',
    ...overrides,
  };
}

describe('what a role offers', () => {
  it('gives the owner every command, an admin kick, ban and mute, a member nothing', () => {
    expect(memberCommands('owner', false)).toEqual(['admin', 'member', 'kick', 'ban', 'mute']);
    expect(memberCommands('admin', false)).toEqual(['kick', 'ban', 'mute']);
    expect(memberCommands('member', false)).toEqual([]);
  });

  it('offers nobody anything on themselves', () => {
    expect(memberCommands('owner', true)).toEqual([]);
    expect(memberCommands('admin', true)).toEqual([]);
  });

  it('moderates channels the caller owns or administers, never a direct conversation', () => {
    expect(moderates(channel('a'))).toBe(true);
    expect(moderates(channel('a', { role: 'admin' }))).toBe(true);
    expect(moderates(channel('a', { role: 'member' }))).toBe(false);
    expect(moderates(channel('a', { kind: 'direct', role: 'owner' }))).toBe(false);
  });

  it('keeps the settings for the owner and invitations for a private channel', () => {
    expect(channelTools(channel('a'))).toEqual({ settings: true, invite: true, unban: true });
    expect(channelTools(channel('a', { role: 'admin' }))).toEqual({
      settings: false,
      invite: true,
      unban: true,
    });
    expect(channelTools(channel('a', { visibility: 'public' }))).toEqual({
      settings: true,
      invite: false,
      unban: true,
    });
    expect(channelTools(channel('a', { role: 'member' }))).toEqual({
      settings: false,
      invite: false,
      unban: false,
    });
  });
});

describe('parseMinutes', () => {
  it('takes a whole number in range', () => {
    expect(parseMinutes(' 10 ', MUTE_MINUTES)).toBe(10);
    expect(parseMinutes('1', MUTE_MINUTES)).toBe(1);
    expect(parseMinutes('10080', MUTE_MINUTES)).toBe(10080);
    expect(parseMinutes('525600', BAN_MINUTES)).toBe(525600);
  });

  it('refuses anything else', () => {
    for (const text of ['', '0', '10081', '1.5', '-3', 'ten', '1e3']) {
      expect(parseMinutes(text, MUTE_MINUTES)).toBeNull();
    }
  });
});

describe('commandDone', () => {
  it('says what each command did', () => {
    expect(commandDone('admin', 'Bob')).toBe('Bob is now an admin.');
    expect(commandDone('member', 'Bob')).toBe('Bob is now a member.');
    expect(commandDone('kick', 'Bob')).toBe('Bob was removed from the channel.');
    expect(commandDone('ban', 'Bob')).toBe('Bob is banned for good.');
    expect(commandDone('ban', 'Bob', 1)).toBe('Bob is banned for 1 minute.');
    expect(commandDone('mute', 'Bob', 30)).toBe('Bob is muted for 30 minutes.');
  });
});

describe('settingsChange', () => {
  const den = channel('den', { name: 'den', visibility: 'private' });

  it('sends only what changed, the name trimmed', () => {
    expect(settingsChange(den, { name: ' hideout ', visibility: 'private', password: '' })).toEqual(
      { body: { name: 'hideout' } },
    );
    expect(settingsChange(den, { name: 'den', visibility: 'public', password: '' })).toEqual({
      body: { visibility: 'public' },
    });
    expect(settingsChange(den, { name: 'den', visibility: 'private', password: '' })).toEqual({
      body: {},
    });
  });

  it('needs a password for a channel becoming protected, and keeps a protected one’s', () => {
    expect(settingsChange(den, { name: 'den', visibility: 'protected', password: '' })).toEqual({
      error: 'A protected channel needs a password.',
    });
    expect(
      settingsChange(den, { name: 'den', visibility: 'protected', password: 'open sesame' }),
    ).toEqual({ body: { visibility: 'protected', password: 'open sesame' } });
    const vault = channel('vault', { name: 'vault', visibility: 'protected' });
    expect(settingsChange(vault, { name: 'vault', visibility: 'protected', password: '' })).toEqual(
      { body: {} },
    );
    expect(
      settingsChange(vault, { name: 'vault', visibility: 'protected', password: 'new secret' }),
    ).toEqual({ body: { password: 'new secret' } });
  });

  it('refuses a blank name and a short password', () => {
    expect(settingsChange(den, { name: '  ', visibility: 'private', password: '' })).toEqual({
      error: 'The channel needs a name.',
    });
    expect(
      settingsChange(den, { name: 'den', visibility: 'protected', password: 'short' }),
    ).toEqual({ error: 'The password needs 8 characters or more.' });
  });
});

describe('applyMemberEvent', () => {
  const list = [channel('den'), channel('lobby', { role: 'member' })];

  it('counts others joining and going, and nothing else changes for the reader', () => {
    const joined = applyMemberEvent(
      list,
      { conversationId: 'den', userId: BOB, action: 'joined' },
      ME,
    );
    expect(joined.list.map((c) => c.members)).toEqual([4, 3]);
    expect(joined).toMatchObject({ removed: false, muted: false, refetch: false, notice: null });
    for (const action of ['left', 'kicked', 'banned'] as const) {
      const gone = applyMemberEvent(list, { conversationId: 'den', userId: BOB, action }, ME);
      expect(gone.list.map((c) => c.members)).toEqual([2, 3]);
      expect(gone.removed).toBe(false);
    }
    const muted = applyMemberEvent(
      list,
      { conversationId: 'den', userId: BOB, action: 'muted' },
      ME,
    );
    expect(muted).toEqual({ list, removed: false, muted: false, refetch: false, notice: null });
  });

  it('takes the channel away from a reader kicked or banned, and says so', () => {
    const kicked = applyMemberEvent(
      list,
      { conversationId: 'den', userId: ME, action: 'kicked' },
      ME,
    );
    expect(kicked.list.map((c) => c.id)).toEqual(['lobby']);
    expect(kicked).toMatchObject({ removed: true, notice: 'You were removed from den.' });
    const banned = applyMemberEvent(
      list,
      { conversationId: 'lobby', userId: ME, action: 'banned' },
      ME,
    );
    expect(banned.list.map((c) => c.id)).toEqual(['den']);
    expect(banned).toMatchObject({ removed: true, notice: 'You were banned from lobby.' });
  });

  it('removes a channel the reader left elsewhere without a notice', () => {
    const left = applyMemberEvent(list, { conversationId: 'den', userId: ME, action: 'left' }, ME);
    expect(left).toMatchObject({ removed: true, notice: null });
    expect(left.list.map((c) => c.id)).toEqual(['lobby']);
  });

  it('marks the reader muted, and loads the list again when their role changed', () => {
    const muted = applyMemberEvent(
      list,
      { conversationId: 'den', userId: ME, action: 'muted' },
      ME,
    );
    expect(muted).toMatchObject({ muted: true, refetch: false, notice: 'You are muted in den.' });
    const role = applyMemberEvent(list, { conversationId: 'den', userId: ME, action: 'role' }, ME);
    expect(role).toMatchObject({ refetch: true, removed: false, notice: null });
    expect(role.list).toEqual(list);
  });

  it('ignores events of conversations it does not list, but for a role change', () => {
    const other = (action: 'kicked' | 'joined' | 'role') =>
      applyMemberEvent(list, { conversationId: 'elsewhere', userId: ME, action }, ME);
    expect(other('kicked')).toMatchObject({ list, removed: true, notice: null });
    expect(other('role').refetch).toBe(true);
    expect(
      applyMemberEvent(list, { conversationId: 'elsewhere', userId: BOB, action: 'joined' }, ME)
        .list,
    ).toEqual(list);
  });
});
