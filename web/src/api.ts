/**
 * The web client's one door to Arena, built on the typed client library @arena/client: `rest`
 * (typed REST, the tokens kept in localStorage and shared by the page's tabs) and the page's
 * `/game` and `/chat` sockets. Screens ask it; only this file knows tokens and transports.
 */
import {
  ArenaAckError,
  ArenaRestClient,
  connectChat,
  connectGame,
  emitWithAck,
  type AckedEventOf,
  type AckAnswerOf,
  type ChatSocket,
  type GameClientToServerEvents,
  type GameSocket,
  type HeldTokens,
  type PayloadArgsOf,
  type TokenStore,
} from '@arena/client';
import type { Me } from './api.types';

export type { ChatSocket, GameSocket };

type GameEvents = GameClientToServerEvents;
type GameAcked = AckedEventOf<GameEvents>;

/** An acknowledgement as the screens read it; `TIMEOUT` when the server did not answer. */
export type AckResult<E extends GameAcked> =
  | Extract<AckAnswerOf<GameEvents, E>, { ok: true }>
  | { ok: false; error: { code: string; message: string } };

const TOKENS_KEY = 'arena.tokens';

export class ArenaApi extends EventTarget {
  readonly rest: ArenaRestClient;
  private gameSocket: GameSocket | null = null;
  private chatSocket: ChatSocket | null = null;

  constructor(
    storage: Storage = localStorage,
    private readonly baseUrl = location.origin,
  ) {
    super();
    this.rest = new ArenaRestClient({
      baseUrl,
      store: storedTokens(storage),
      exclusive: webLock('arena.refresh'),
      onTokens: (tokens) => {
        // Refused on rotation (revoked, spent elsewhere), or signed out: the session is over.
        if (!tokens) this.signedOut();
      },
    });
    // Signed out in another tab: this one follows.
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', (event) => {
        if (event.key === TOKENS_KEY && event.newValue === null) this.signedOut();
      });
    }
  }

  get signedIn(): boolean {
    return this.rest.accessToken !== null;
  }

  me(): Promise<Me> {
    return this.rest.get('/api/users/me');
  }

  /** The one `/game` socket of this page (opened on first use; it reconnects by itself). */
  game(): GameSocket {
    this.gameSocket ??= this.reconnecting(connectGame(this.baseUrl, () => this.rest.accessToken));
    return this.gameSocket;
  }

  /** The one `/chat` socket of this page, like `game()`. */
  chat(): ChatSocket {
    this.chatSocket ??= this.reconnecting(connectChat(this.baseUrl, () => this.rest.accessToken));
    return this.chatSocket;
  }

  /** Sends an acknowledged `/game` event and resolves with its answer, whichever it is. */
  async ask<E extends GameAcked>(
    event: E,
    ...payload: PayloadArgsOf<GameEvents, E>
  ): Promise<AckResult<E>> {
    const send = emitWithAck as unknown as (
      socket: GameSocket,
      event: E,
      ...args: unknown[]
    ) => Promise<Extract<AckAnswerOf<GameEvents, E>, { ok: true }>>;
    try {
      return await send(this.game(), event, ...payload);
    } catch (error) {
      if (error instanceof ArenaAckError) {
        return { ok: false, error: { code: error.code, message: error.detail } };
      }
      return { ok: false, error: { code: 'TIMEOUT', message: 'The server did not answer' } };
    }
  }

  /** `game:input`, fire-and-forget. */
  input(payload: Parameters<GameEvents['game:input']>[0]): void {
    this.game().emit('game:input', payload);
  }

  /** Ends the session on the server too; the page learns it by `signed-out`. */
  async logout(): Promise<void> {
    await this.rest.signOut().catch(() => this.rest.setTokens(null));
  }

  /** Where a provider's sign-in starts (a full-page navigation). */
  providerUrl(id: string): string {
    return `${this.baseUrl}/api/auth/oauth/${encodeURIComponent(id)}`;
  }

  /** A socket refused for an expired access token refreshes it, then connects again. */
  private reconnecting<S extends GameSocket | ChatSocket>(socket: S): S {
    const either = socket as unknown as GameSocket;
    either.on('connect_error', (error) => {
      const refused = this.rest.accessToken;
      if (error.message !== 'unauthorized' || !refused) return;
      void this.rest.refresh(refused).then((renewed) => {
        if (renewed && (this.gameSocket === socket || this.chatSocket === socket)) {
          either.connect();
        }
      });
    });
    return socket;
  }

  private signedOut(): void {
    this.gameSocket?.disconnect();
    this.chatSocket?.disconnect();
    this.gameSocket = null;
    this.chatSocket = null;
    this.dispatchEvent(new Event('signed-out'));
  }
}

/** The tokens in localStorage, shared by every tab of the page. */
function storedTokens(storage: Storage): TokenStore {
  return {
    load(): HeldTokens | null {
      const saved = storage.getItem(TOKENS_KEY);
      if (!saved) return null;
      try {
        const tokens = JSON.parse(saved) as Partial<HeldTokens>;
        return typeof tokens.accessToken === 'string'
          ? { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }
          : null;
      } catch {
        return null;
      }
    },
    save(tokens) {
      if (tokens) storage.setItem(TOKENS_KEY, JSON.stringify(tokens));
      else storage.removeItem(TOKENS_KEY);
    },
  };
}

/** Runs one thing at a time across the browser's tabs (where Web Locks exist). */
function webLock(name: string) {
  return <T>(run: () => Promise<T>): Promise<T> => {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    return locks ? (locks.request(name, run) as Promise<T>) : run();
  };
}
