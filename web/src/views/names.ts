/** How players are named on screen. */
import type { MatchPlayer, PublicProfile } from '../api.types';
import { h } from '../dom';

export function playerName(player: Pick<MatchPlayer, 'user' | 'alias'>): string {
  return player.user?.displayName ?? player.alias;
}

/** A link to a profile, or plain text for an alias or the AI. */
export function playerLink(player: { user: PublicProfile | null; alias: string }): Node {
  return player.user
    ? h('a', { href: `#/users/${player.user.id}` }, player.user.displayName)
    : document.createTextNode(player.alias);
}

export const STATUS_LABEL: Record<PublicProfile['status'], string> = {
  online: 'online',
  in_game: 'in a game',
  offline: 'offline',
};
