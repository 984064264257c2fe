/**
 * Every network access of the web client: REST with the access token (refreshed and rotated as
 * API.md "Auth" says) and the `/game` socket. Typed with the server's own definitions, imported
 * as types only, so nothing of the server reaches the bundle. Only this file knows URLs, tokens
 * and transport; a shared typed client library can replace it without touching the screens.
 */
import { ArenaRestClient, connectChat, type ChatSocket } from '@arena/client';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../src/common/realtime/realtime.events';
import type { Replay } from '@arena/engine';
import type { Me, Page, PublicProfile } from './api.types';

export type GameSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** An acknowledgement as the screens read it; `TIMEOUT` when the server did not answer. */
export type AckResult<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: { code: string; message: string } };

export interface SignedIn {
  user: Me;
  accessToken: string;
  refreshToken: string;
}
export type SignInResult = SignedIn | { twoFactorRequired: true; challengeToken: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

const TOKENS_KEY = 'arena.tokens';
const ACK_TIMEOUT_MS = 10_000;

export class ArenaApi extends EventTarget {
  private socket: GameSocket | null = null;
  private restClient: ArenaRestClient | null = null;
  private chatSocket: ChatSocket | null = null;

  constructor(
    private readonly storage: Storage = localStorage,
    private readonly base = '',
  ) {
    super();
  }

  get signedIn(): boolean {
    return this.tokens() !== null;
  }

  // ---- auth ----

  register(body: { email: string; username: string; password: string; displayName?: string }) {
    return this.signIn('/auth/register', body);
  }

  login(login: string, password: string) {
    return this.signIn('/auth/login', { login, password });
  }

  completeTwoFactor(challengeToken: string, code: string) {
    return this.signIn('/auth/2fa/login', { challengeToken, code });
  }

  /** The one-time code a sign-in provider's callback left in the page's address. */
  exchangeProviderCode(code: string) {
    return this.signIn('/auth/oauth/exchange', { code });
  }

  providers(): Promise<{ id: string; name: string; kind: 'oidc' | 'oauth2' }[]> {
    return this.call('GET', '/auth/providers', undefined, false);
  }

  /** Where a provider's sign-in starts (a full-page navigation). */
  providerUrl(id: string): string {
    return `${this.base}/api/auth/oauth/${encodeURIComponent(id)}`;
  }

  async logout(): Promise<void> {
    const tokens = this.tokens();
    this.closeSocket();
    this.storage.removeItem(TOKENS_KEY);
    if (tokens) {
      await this.call('POST', '/auth/logout', { refreshToken: tokens.refreshToken }, false).catch(
        () => undefined,
      );
    }
    this.dispatchEvent(new Event('signed-out'));
  }

  private async signIn(path: string, body: object): Promise<SignInResult> {
    const result = await this.call<SignInResult>('POST', path, body, false);
    if ('accessToken' in result) this.store(result);
    return result;
  }

  // ---- REST ----

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T = void>(path: string, body?: object): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  patch<T>(path: string, body: object): Promise<T> {
    return this.call<T>('PATCH', path, body);
  }

  delete(path: string): Promise<void> {
    return this.call<void>('DELETE', path);
  }

  page<T>(path: string, page = 1, limit = 20): Promise<Page<T>> {
    const joiner = path.includes('?') ? '&' : '?';
    return this.get<Page<T>>(`${path}${joiner}page=${page}&limit=${limit}`);
  }

  me(): Promise<Me> {
    return this.get<Me>('/users/me');
  }

  searchUsers(search: string): Promise<Page<PublicProfile>> {
    return this.page<PublicProfile>(`/users?search=${encodeURIComponent(search)}`, 1, 10);
  }

  replay(matchId: string): Promise<Replay> {
    return this.get<Replay>(`/matches/${encodeURIComponent(matchId)}/replay`);
  }

  private async call<T>(method: string, path: string, body?: object, auth = true): Promise<T> {
    let tokens = auth ? this.tokens() : null;
    let response = await this.send(method, path, body, tokens?.accessToken);
    if (response.status === 401 && tokens) {
      tokens = await this.refresh(tokens.accessToken);
      if (tokens) response = await this.send(method, path, body, tokens.accessToken);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const data: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      if (response.status === 401 && auth) this.signedOut();
      throw new ApiError(response.status, errorMessage(data, response.statusText));
    }
    return data as T;
  }

  private send(method: string, path: string, body: object | undefined, token?: string) {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    return fetch(`${this.base}/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  // ---- tokens ----

  private tokens(): Tokens | null {
    const saved = this.storage.getItem(TOKENS_KEY);
    if (!saved) return null;
    try {
      return JSON.parse(saved) as Tokens;
    } catch {
      return null;
    }
  }

  private store(tokens: Tokens): void {
    this.storage.setItem(
      TOKENS_KEY,
      JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }),
    );
  }

  /**
   * Trades the refresh token for a new pair. A spent refresh token presented again counts as
   * theft and revokes the session, so tabs sharing the tokens refresh one at a time (a Web Lock
   * where the browser has them) and a tab whose token another tab already rotated takes the new
   * pair instead of refreshing again.
   */
  private async refresh(staleAccessToken: string): Promise<Tokens | null> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    const run = async (): Promise<Tokens | null> => {
      const current = this.tokens();
      if (!current) return null;
      if (current.accessToken !== staleAccessToken) return current;
      const response = await this.send('POST', '/auth/refresh', {
        refreshToken: current.refreshToken,
      });
      if (!response.ok) {
        this.signedOut();
        return null;
      }
      const next = (await response.json()) as Tokens;
      this.store(next);
      return next;
    };
    return locks ? locks.request('arena.refresh', run) : run();
  }

  private signedOut(): void {
    if (!this.tokens()) return;
    this.storage.removeItem(TOKENS_KEY);
    this.closeSocket();
    this.dispatchEvent(new Event('signed-out'));
  }

  /** The typed REST client of @arena/client, sharing this page's stored tokens. */
  get rest(): ArenaRestClient {
    const stored = this.tokens();
    this.restClient ??= new ArenaRestClient({
      baseUrl: this.base,
      tokens: stored,
      onTokens: (next) => {
        if (next?.refreshToken) this.store({ ...next, refreshToken: next.refreshToken });
        else if (!next) this.signedOut();
      },
      // Its refreshes go through this page's one (locked across tabs): a refresh token presented
      // twice would count as theft and end the session.
      fetch: async (input, init) => {
        if (typeof input !== 'string' || !input.endsWith('/api/auth/refresh')) {
          return fetch(input, init);
        }
        const stale = this.restClient?.accessToken ?? this.tokens()?.accessToken;
        const next = stale ? await this.refresh(stale) : null;
        return next
          ? new Response(JSON.stringify(next), { headers: { 'content-type': 'application/json' } })
          : new Response(null, { status: 401 });
      },
    });
    // Another path (sign-in, a refresh) may have changed the stored pair since.
    if (this.restClient.accessToken !== (stored?.accessToken ?? null)) {
      this.restClient.setTokens(stored);
    }
    return this.restClient;
  }

  /** The one `/chat` socket of this page (opened on first use, closed on sign-out). */
  chat(): ChatSocket {
    if (this.chatSocket) return this.chatSocket;
    const socket = connectChat(this.base, this.tokens()?.accessToken ?? '');
    // Reconnections present the newest access token; an expired one is refreshed first.
    socket.auth = (send) => send({ token: this.tokens()?.accessToken ?? '' });
    socket.on('connect_error', (error) => {
      const tokens = this.tokens();
      if (error.message === 'unauthorized' && tokens) {
        void this.refresh(tokens.accessToken).then((next) => {
          if (next && this.chatSocket === socket) socket.connect();
        });
      }
    });
    this.addEventListener(
      'signed-out',
      () => {
        socket.disconnect();
        if (this.chatSocket === socket) this.chatSocket = null;
      },
      { once: true },
    );
    this.chatSocket = socket;
    return socket;
  }

  // ---- the /game socket ----

  /** The one `/game` socket of this page (opened on first use; it reconnects by itself). */
  game(): GameSocket {
    if (this.socket) return this.socket;
    const socket: GameSocket = io(`${this.base}/game`, {
      transports: ['websocket'],
      // Read at every (re)connection, so a reconnect presents the newest access token.
      auth: (send) => send({ token: this.tokens()?.accessToken ?? '' }),
    });
    socket.on('connect_error', (error) => {
      // An expired access token: refresh it, then connect again with the new one.
      const tokens = this.tokens();
      if (error.message === 'unauthorized' && tokens) {
        void this.refresh(tokens.accessToken).then((next) => {
          if (next && this.socket === socket) socket.connect();
        });
      }
    });
    this.socket = socket;
    return socket;
  }

  /** Sends a client event and resolves with its acknowledgement. */
  async ask<E extends keyof ClientToServerEvents>(
    event: E,
    ...payload: AckPayload<E>
  ): Promise<AckResult<AckData<E>>> {
    const timed = this.game().timeout(ACK_TIMEOUT_MS) as unknown as {
      emitWithAck(event: string, ...args: unknown[]): Promise<unknown>;
    };
    try {
      return (await timed.emitWithAck(event, payload[0])) as AckResult<AckData<E>>;
    } catch {
      return { ok: false, error: { code: 'TIMEOUT', message: 'The server did not answer' } };
    }
  }

  /** `game:input`, fire-and-forget. */
  input(payload: Parameters<ClientToServerEvents['game:input']>[0]): void {
    this.game().emit('game:input', payload);
  }

  private closeSocket(): void {
    this.socket?.disconnect();
    this.socket = null;
  }
}

// An acked event's listener is `(payload, ack) => void`, or `(ack) => void` when it takes none.
type AckPayload<E extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[E]> extends [(result: never) => void]
    ? []
    : Parameters<ClientToServerEvents[E]> extends [infer P, (result: never) => void]
      ? P extends undefined | null
        ? []
        : [P]
      : never;
type AckOf<E extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[E]> extends [(result: infer R) => void]
    ? R
    : Parameters<ClientToServerEvents[E]> extends [unknown, (result: infer R) => void]
      ? R
      : never;
type AckData<E extends keyof ClientToServerEvents> =
  AckOf<E> extends infer R ? (R extends { ok: true } ? Omit<R, 'ok'> : never) : never;

function errorMessage(body: unknown, fallback: string): string {
  if (body && typeof body === 'object' && 'message' in body) {
    const { message } = body;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return fallback;
}
