/**
 * "Message" buttons on other screens (a profile, the friends list) open a direct conversation
 * in the chat panel: they ask through a document event, so a screen needs no handle on it.
 */
import { h } from '../dom';

const OPEN_DIRECT = 'arena:chat-direct';

export function requestDirectConversation(userId: string): void {
  document.dispatchEvent(new CustomEvent<string>(OPEN_DIRECT, { detail: userId }));
}

/** Calls `open` with the user id each "Message" button asks for; returns how to stop. */
export function onDirectConversationRequested(open: (userId: string) => void): () => void {
  const listener = (event: Event) => open((event as CustomEvent<string>).detail);
  document.addEventListener(OPEN_DIRECT, listener);
  return () => document.removeEventListener(OPEN_DIRECT, listener);
}

/** A button that opens the direct conversation with a player. */
export function messageButton(user: { id: string; displayName: string }): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', onclick: () => requestDirectConversation(user.id) },
    `Message ${user.displayName}`,
  );
}
