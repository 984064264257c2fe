/**
 * Who may do what in a channel, pure: nobody acts on the owner, admins act on members only,
 * members on nobody; only the owner changes roles and the channel itself.
 */
import type { MemberRole } from './entities/chat-member.entity';

export type ModerationAction = 'kick' | 'ban' | 'mute' | 'unban' | 'invite' | 'role' | 'edit';

/** May `actor` (a member with this role) do `action` to a member with role `target`? */
export function mayModerate(
  actor: MemberRole,
  action: Exclude<ModerationAction, 'invite' | 'edit'>,
  target: MemberRole,
): boolean {
  if (target === 'owner') return false;
  if (action === 'role') return actor === 'owner';
  if (actor === 'owner') return true;
  return actor === 'admin' && target === 'member';
}

/** May `actor` invite people, or edit the channel? */
export function mayManage(actor: MemberRole, action: 'invite' | 'edit' | 'unban'): boolean {
  if (action === 'edit') return actor === 'owner';
  return actor === 'owner' || actor === 'admin';
}

export interface Seniority {
  userId: string;
  role: MemberRole;
  joinedAt: Date;
}

/** Who owns the channel once its owner leaves: the oldest admin, else the oldest member. */
export function successor(remaining: readonly Seniority[]): Seniority | null {
  const byAge = [...remaining].sort(
    (a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.userId.localeCompare(b.userId),
  );
  return byAge.find((member) => member.role === 'admin') ?? byAge[0] ?? null;
}

/** A mute or ban end from now and a number of minutes (null: forever). */
export function until(now: number, minutes: number | undefined): Date | null {
  return minutes === undefined ? null : new Date(now + minutes * 60_000);
}

/** Whether a ban or mute ending at `end` (null: never) still holds at `now`. */
export function stillHolds(end: Date | null, now: number): boolean {
  return end === null || end.getTime() > now;
}
