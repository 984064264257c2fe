/** What every screen is given: the network, who is signed in, navigation and notices. */
import type { ArenaApi } from './api';
import type { LiveMatch, Me, MatchFoundPayload } from './api.types';

export interface View {
  title: string;
  element: HTMLElement;
  dispose?: () => void;
}

export interface Notice {
  message: string;
  actions?: { label: string; run: () => void | Promise<void> }[];
  /** Names the notice, so that a later one with the same key replaces it and `dismiss` ends it. */
  key?: string;
  /** Seconds before it goes by itself (default: stays until dismissed or acted on). */
  seconds?: number;
}

/** How a match screen starts: from `match:found`, or from a join / spectate acknowledgement. */
export type MatchEntry =
  | { kind: 'found'; found: MatchFoundPayload }
  | { kind: 'joined'; live: LiveMatch; as: 'player' | 'spectator' };

export interface App {
  api: ArenaApi;
  me: Me | null;
  navigate(path: string): void;
  notify(notice: Notice): void;
  /** Ends the notice of that key, if it is shown (its matter was settled elsewhere). */
  dismiss(key: string): void;
  /** Matches the server has put this client in, waiting for their screen. */
  entries: Map<string, MatchEntry>;
  refreshMe(): Promise<void>;
}

export type Screen = (app: App, params: string[]) => View;
