/**
 * Where chat goes (`/chat` and /api/chat, API.md "Chat and notifications"): the layout keeps a
 * labelled region for it, and each chat panel mounts into that region once signed in, and
 * unmounts on sign-out.
 */
export interface ChatPanel {
  mount(region: HTMLElement): void;
  unmount(): void;
}

/** The panels shown in the chat region (main.ts registers them). */
export const chatPanels: ChatPanel[] = [];
