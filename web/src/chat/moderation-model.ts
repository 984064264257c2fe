/**
 * Channel administration apart from the DOM (API.md "Chat and notifications"): what the caller's
 * role offers on whom, the settings form turned into a PATCH, what a moderation did in a
 * sentence, and how the conversation list follows a `chat:member` event.
 */
import type { Conversation } from './chat-host';
import { conversationTitle } from './chat-model';

export type Role = Conversation['role'];
export type Visibility = 'public' | 'private' | 'protected';
export type MemberAction = 'joined' | 'left' | 'kicked' | 'banned' | 'muted' | 'role';
export interface MemberEvent {
  conversationId: string;
  userId: string;
  action: MemberAction;
}

/** What an owner or admin may do to a member. */
export type MemberCommand = 'admin' | 'member' | 'kick' | 'ban' | 'mute';

export const MUTE_MINUTES = { min: 1, max: 10_080 } as const;
export const BAN_MINUTES = { min: 1, max: 525_600 } as const;

/** A channel the caller runs (owner or admin): its members' senders can be moderated. */
export function moderates(conversation: Conversation): boolean {
  return conversation.kind === 'channel' && conversation.role !== 'member';
}

/**
 * The commands the caller's role offers on someone else. The target's role is not known to the
 * client (senders are public profiles), so an admin is offered kick, ban and mute on anyone but
 * themselves, and the server refuses what the hierarchy forbids, with its reason.
 */
export function memberCommands(role: Role, self: boolean): MemberCommand[] {
  if (self) return [];
  if (role === 'owner') return ['admin', 'member', 'kick', 'ban', 'mute'];
  if (role === 'admin') return ['kick', 'ban', 'mute'];
  return [];
}

/** The channel-wide tools of the caller's role. */
export function channelTools(conversation: Conversation): {
  settings: boolean;
  invite: boolean;
  unban: boolean;
} {
  const runs = moderates(conversation);
  return {
    settings: runs && conversation.role === 'owner',
    invite: runs && conversation.visibility === 'private',
    unban: runs,
  };
}

/** Minutes as typed into a number field: a whole number in range, or null. */
export function parseMinutes(text: string, range: { min: number; max: number }): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const minutes = Number(trimmed);
  return minutes >= range.min && minutes <= range.max ? minutes : null;
}

const duration = (minutes: number) => (minutes === 1 ? '1 minute' : `${minutes} minutes`);

/** What a command did, in a sentence (`minutes` for a ban or a mute; a ban without is for good). */
export function commandDone(command: MemberCommand, name: string, minutes?: number): string {
  switch (command) {
    case 'admin':
      return `${name} is now an admin.`;
    case 'member':
      return `${name} is now a member.`;
    case 'kick':
      return `${name} was removed from the channel.`;
    case 'ban':
      return minutes === undefined
        ? `${name} is banned for good.`
        : `${name} is banned for ${duration(minutes)}.`;
    case 'mute':
      return `${name} is muted for ${duration(minutes ?? MUTE_MINUTES.min)}.`;
  }
}

export interface SettingsInput {
  name: string;
  visibility: Visibility;
  /** A new password ('' keeps the current one of a protected channel). */
  password: string;
}
export type SettingsChange = {
  name?: string;
  visibility?: Visibility;
  password?: string;
};

/**
 * The PATCH body for the settings form: only what changed (`{}` when nothing did), or why the
 * form can't be sent. A channel becoming protected needs a password; one that stays protected
 * keeps its own unless a new one is given.
 */
export function settingsChange(
  channel: Conversation,
  input: SettingsInput,
): { body: SettingsChange } | { error: string } {
  const name = input.name.trim();
  if (name.length === 0) return { error: 'The channel needs a name.' };
  const body: SettingsChange = {};
  if (name !== channel.name) body.name = name;
  if (input.visibility !== channel.visibility) body.visibility = input.visibility;
  if (input.visibility === 'protected') {
    if (input.password !== '') {
      if (input.password.length < 8) return { error: 'The password needs 8 characters or more.' };
      body.password = input.password;
    } else if (channel.visibility !== 'protected') {
      return { error: 'A protected channel needs a password.' };
    }
  }
  return { body };
}

export interface MemberOutcome {
  /** The conversation list after the event. */
  list: Conversation[];
  /** The caller is no longer in the conversation: close it if it is open. */
  removed: boolean;
  /** The caller was muted there. */
  muted: boolean;
  /** The caller's role changed: load the list again (the event does not say the new role). */
  refetch: boolean;
  /** What to tell the caller, if anything. */
  notice: string | null;
}

/** How the caller's conversation list follows a `chat:member` event. */
export function applyMemberEvent(
  list: readonly Conversation[],
  event: MemberEvent,
  me: string,
): MemberOutcome {
  const outcome: MemberOutcome = {
    list: [...list],
    removed: false,
    muted: false,
    refetch: false,
    notice: null,
  };
  const known = list.find((c) => c.id === event.conversationId);
  const gone = event.action === 'left' || event.action === 'kicked' || event.action === 'banned';
  if (event.userId !== me) {
    const change = event.action === 'joined' ? 1 : gone ? -1 : 0;
    if (known && change !== 0) {
      outcome.list = list.map((c) =>
        c.id === known.id ? { ...c, members: Math.max(0, c.members + change) } : c,
      );
    }
    return outcome;
  }
  if (gone) {
    outcome.removed = true;
    outcome.list = list.filter((c) => c.id !== event.conversationId);
    if (known && event.action !== 'left') {
      const verb = event.action === 'kicked' ? 'removed from' : 'banned from';
      outcome.notice = `You were ${verb} ${conversationTitle(known)}.`;
    }
  } else if (event.action === 'muted') {
    outcome.muted = true;
    if (known) outcome.notice = `You are muted in ${conversationTitle(known)}.`;
  } else {
    // 'role' (or 'joined' from another tab): the server's view of it is the truth.
    outcome.refetch = true;
  }
  return outcome;
}
