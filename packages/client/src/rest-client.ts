/**
 * A small typed fetch wrapper over Arena's REST API. Paths, parameters, bodies and answers are
 * typed from rest-api.generated.ts (generated from /docs-json). It holds the caller's tokens:
 * the access token goes out as `Authorization: Bearer`, and an answer 401 to a request that
 * carried one is retried once after rotating the refresh token (concurrent 401s share one
 * refresh). A failed answer throws an ArenaApiError carrying the error envelope.
 *
 * ```ts
 * const api = new ArenaRestClient({ baseUrl: 'http://localhost:3000' });
 * await api.signIn({ login: 'alice', password: 'correct horse' });
 * const me = await api.get('/api/users/me');
 * const page = await api.get('/api/users/{id}/matches', { params: { id: me.id }, query: { limit: 10 } });
 * ```
 */
import { ArenaApiError, type ErrorEnvelope } from './errors';
import type { components, paths } from './rest-api.generated';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The paths that answer `method`. */
export type PathsWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P][M & keyof paths[P]] extends { responses: unknown } ? P : never;
}[keyof paths];

/** The operation of `path` and `method`. */
export type Operation<P extends keyof paths, M extends HttpMethod> = paths[P][M & keyof paths[P]];

type PathParams<O> = O extends { parameters: { path: infer X } } ? X : never;
type QueryParams<O> = O extends { parameters: { query?: infer X } } ? NonNullable<X> : never;
type RequestBodyOf<O> = O extends { requestBody?: infer R } ? R : never;
type JsonBody<O> =
  NonNullable<RequestBodyOf<O>> extends { content: { 'application/json': infer B } } ? B : never;
/** `body` is required when the operation's body is. */
type BodyOption<O> = [JsonBody<O>] extends [never]
  ? object
  : undefined extends RequestBodyOf<O>
    ? { body?: JsonBody<O> }
    : { body: JsonBody<O> };

/** What a request of operation O takes: `params` (path), `query`, `body`, as it declares them. */
export type RequestOptions<O> = ([PathParams<O>] extends [never]
  ? object
  : { params: PathParams<O> }) &
  ([QueryParams<O>] extends [never] ? object : { query?: QueryParams<O> }) &
  BodyOption<O> & {
    /** Extra headers (Authorization is the client's). */
    headers?: Record<string, string>;
  };

type SuccessStatus = 200 | 201 | 202 | 204;
/** The body of operation O's successful answers (undefined for 204). */
export type SuccessBody<O> = O extends { responses: infer R }
  ? {
      [S in keyof R]: S extends SuccessStatus
        ? R[S] extends { content: { 'application/json': infer B } }
          ? B
          : undefined
        : never;
    }[keyof R]
  : never;

/** Options are optional when the operation requires none. */
type OptionsArg<O> =
  object extends RequestOptions<O> ? [options?: RequestOptions<O>] : [options: RequestOptions<O>];

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/** The tokens a client holds: a session's pair, or an API key alone as `accessToken`. */
export interface HeldTokens {
  accessToken: string;
  refreshToken?: string;
}

/**
 * Storage the tokens live in when several clients share them (the tabs of a browser over
 * localStorage, say): read at every request, written at every change.
 */
export interface TokenStore {
  load(): HeldTokens | null;
  save(tokens: HeldTokens | null): void;
}

export interface ArenaRestClientOptions {
  /** Arena's address, e.g. `http://localhost:3000` (REST lives under its /api). */
  baseUrl: string;
  /** Tokens to start with, or an API key as `{ accessToken: key }` (ignored with `store`). */
  tokens?: HeldTokens | null;
  /** Shared storage of the tokens, instead of holding them in this client alone. */
  store?: TokenStore;
  /**
   * Runs each refresh alone among every client of the same `store` (in a browser, a Web Lock).
   * A spent refresh token presented again counts as theft and revokes the session, so clients
   * sharing tokens must not rotate them at once; one whose tokens another already rotated takes
   * the new pair instead.
   */
  exclusive?: <T>(run: () => Promise<T>) => Promise<T>;
  /** Told every time the tokens change (sign-in, rotation, sign-out), e.g. to store them. */
  onTokens?: (tokens: HeldTokens | null) => void;
  /** The fetch to use (default: the global one; Node ≥ 18 and browsers have it). */
  fetch?: typeof fetch;
}

/** Path and query values, as the document types them. */
type QueryValues = Record<string, string | number | boolean | null | undefined>;

type SignedIn = components['schemas']['AuthResponseDto'];
const REFRESH_PATH = '/api/auth/refresh';

export class ArenaRestClient {
  readonly baseUrl: string;
  private held: HeldTokens | null;
  private refreshing: Promise<boolean> | null = null;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ArenaRestClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.held = options.tokens ?? null;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The current access token (for the sockets' `auth: { token }`), or null. */
  get accessToken(): string | null {
    return this.tokens?.accessToken ?? null;
  }

  get refreshToken(): string | null {
    return this.tokens?.refreshToken ?? null;
  }

  setTokens(tokens: HeldTokens | null): void {
    if (this.options.store) this.options.store.save(tokens);
    else this.held = tokens;
    this.options.onTokens?.(tokens);
  }

  private get tokens(): HeldTokens | null {
    return this.options.store ? this.options.store.load() : this.held;
  }

  get<P extends PathsWith<'get'>>(path: P, ...options: OptionsArg<Operation<P, 'get'>>) {
    return this.request('get', path, ...options);
  }

  post<P extends PathsWith<'post'>>(path: P, ...options: OptionsArg<Operation<P, 'post'>>) {
    return this.request('post', path, ...options);
  }

  put<P extends PathsWith<'put'>>(path: P, ...options: OptionsArg<Operation<P, 'put'>>) {
    return this.request('put', path, ...options);
  }

  patch<P extends PathsWith<'patch'>>(path: P, ...options: OptionsArg<Operation<P, 'patch'>>) {
    return this.request('patch', path, ...options);
  }

  delete<P extends PathsWith<'delete'>>(path: P, ...options: OptionsArg<Operation<P, 'delete'>>) {
    return this.request('delete', path, ...options);
  }

  /** Registers, and keeps the new account's tokens. */
  async register(body: JsonBody<Operation<'/api/auth/register', 'post'>>) {
    const answer = await this.post('/api/auth/register', { body });
    this.setTokens({ accessToken: answer.accessToken, refreshToken: answer.refreshToken });
    return answer;
  }

  /**
   * Signs in with a password. The answer is either signed in (tokens kept) or
   * `{ twoFactorRequired: true, challengeToken }`: then call `signInWithCode`.
   */
  async signIn(body: JsonBody<Operation<'/api/auth/login', 'post'>>) {
    const answer = await this.post('/api/auth/login', { body });
    this.keepTokensOf(answer);
    return answer;
  }

  /** The second step of a sign-in with 2FA (or of a provider's sign-in). */
  async signInWithCode(body: JsonBody<Operation<'/api/auth/2fa/login', 'post'>>) {
    const answer = await this.post('/api/auth/2fa/login', { body });
    this.keepTokensOf(answer);
    return answer;
  }

  /**
   * Trades the one-time code a provider's sign-in left in the page's address (`#code=`) for a
   * session, or for `{ twoFactorRequired: true, challengeToken }` (then `signInWithCode`).
   */
  async signInWithProviderCode(body: JsonBody<Operation<'/api/auth/oauth/exchange', 'post'>>) {
    const answer = await this.post('/api/auth/oauth/exchange', { body });
    this.keepTokensOf(answer);
    return answer;
  }

  /** Ends the session of the refresh token held, and forgets the tokens. */
  async signOut(): Promise<void> {
    const refreshToken = this.tokens?.refreshToken;
    try {
      if (refreshToken) await this.post('/api/auth/logout', { body: { refreshToken } });
    } finally {
      this.setTokens(null);
    }
  }

  /**
   * Rotates the refresh token now; false when it was refused (the tokens are then forgotten).
   * Given the access token that was refused, it rotates only if the tokens held are still those:
   * when another client of the same store rotated them meanwhile, their new pair is used.
   */
  refresh(refusedAccessToken?: string): Promise<boolean> {
    this.refreshing ??= this.rotateAlone(refusedAccessToken).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Any typed request; the helpers above are shorter. */
  async request<M extends HttpMethod, P extends PathsWith<M>>(
    method: M,
    path: P,
    ...[options]: OptionsArg<Operation<P, M>>
  ): Promise<SuccessBody<Operation<P, M>>> {
    const opts = (options ?? {}) as {
      params?: QueryValues;
      query?: QueryValues;
      body?: unknown;
      headers?: Record<string, string>;
    };
    const url = this.url(path, opts.params, opts.query);
    const send = () => this.send(method, url, opts.body, opts.headers);
    let response = await send();
    if (response.status === 401 && response.sentToken !== null && path !== REFRESH_PATH) {
      if (await this.refresh(response.sentToken)) response = await send();
    }
    return (await this.answer(method, path, response.response)) as SuccessBody<Operation<P, M>>;
  }

  private keepTokensOf(answer: SignedIn | components['schemas']['TwoFactorRequiredDto']) {
    if ('accessToken' in answer) {
      this.setTokens({ accessToken: answer.accessToken, refreshToken: answer.refreshToken });
    }
  }

  private rotateAlone(refusedAccessToken: string | undefined): Promise<boolean> {
    const run = async () => {
      const held = this.tokens;
      if (!held) return false;
      if (refusedAccessToken !== undefined && held.accessToken !== refusedAccessToken) return true;
      return this.rotate(held.refreshToken);
    };
    return this.options.exclusive ? this.options.exclusive(run) : run();
  }

  private async rotate(refreshToken: string | undefined): Promise<boolean> {
    if (!refreshToken) return false;
    const { response } = await this.send(
      'post',
      this.url(REFRESH_PATH),
      { refreshToken },
      {},
      false,
    );
    if (!response.ok) {
      await response.body?.cancel();
      // A spent or revoked refresh token will never work again.
      if (response.status === 401) this.setTokens(null);
      return false;
    }
    const pair = (await response.json()) as TokenPair;
    this.setTokens({ accessToken: pair.accessToken, refreshToken: pair.refreshToken });
    return true;
  }

  private url(path: string, params?: QueryValues, query?: QueryValues) {
    const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = params?.[name];
      if (value === undefined) throw new TypeError(`${path}: path parameter ${name} is missing`);
      return encodeURIComponent(String(value));
    });
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) search.append(key, String(value));
    }
    const text = search.toString();
    return `${this.baseUrl}${filled}${text ? `?${text}` : ''}`;
  }

  private async send(
    method: HttpMethod,
    url: string,
    body: unknown,
    headers: Record<string, string> = {},
    authorize = true,
  ): Promise<{ response: Response; status: number; sentToken: string | null }> {
    const token = authorize ? this.tokens?.accessToken : undefined;
    const response = await this.fetchImpl(url, {
      method: method.toUpperCase(),
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { response, status: response.status, sentToken: token ?? null };
  }

  private async answer(method: string, path: string, response: Response): Promise<unknown> {
    const json = (response.headers.get('content-type') ?? '').includes('application/json');
    const text = await response.text();
    const body: unknown =
      json && text.length > 0 ? JSON.parse(text) : text.length > 0 ? text : undefined;
    if (response.ok) return body;
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ArenaApiError(
      method.toUpperCase(),
      path,
      response.status,
      isEnvelope(body) ? body : null,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
  }
}

function isEnvelope(body: unknown): body is ErrorEnvelope {
  if (body === null || typeof body !== 'object') return false;
  const envelope = body as Record<string, unknown>;
  return typeof envelope.statusCode === 'number' && typeof envelope.error === 'string';
}
