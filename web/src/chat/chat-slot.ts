/**
 * Where chat goes. Arena's chat (`/chat` and /api/chat, API.md "Chat and notifications") is not
 * part of this client yet: the layout keeps a labelled, hidden region for it, and a chat panel
 * plugs in here by mounting into that region once signed in, and unmounting on sign-out.
 */
export interface ChatPanel {
  mount(region: HTMLElement): void;
  unmount(): void;
}

/** The panels shown in the chat region (none until the chat client lands). */
export const chatPanels: ChatPanel[] = [];
