/**
 * What the chat panel needs from the page, and nothing more: the typed REST client and the
 * page's `/chat` socket (both from @arena/client), who is signed in, and accepting a game
 * challenge on the page's `/game` socket. The shapes it reads are the REST document's
 * (generated from /docs-json).
 */
import type { ArenaRestClient, ChatSocket, components } from '@arena/client';

export interface ChatHost {
  /** REST sharing the page's tokens. */
  readonly rest: ArenaRestClient;
  /** The page's one `/chat` socket (opened on first use, closed on sign-out). */
  chat(): ChatSocket;
  /** Who is signed in (the panel is mounted only then). */
  readonly me: { id: string; displayName: string };
  /** `challenge:accept` on `/game`: rejects with the server's reason when refused. */
  acceptChallenge(challengeId: string): Promise<void>;
}

export type Conversation = components['schemas']['ConversationDto'];
export type Message = components['schemas']['MessageDto'];
export type ChannelSummary = components['schemas']['ChannelSummaryDto'];
export type Notification = components['schemas']['NotificationDto'];
