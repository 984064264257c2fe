/**
 * One configured sign-in provider, as the sign-in flow sees it: where to send the person, and
 * what the provider says about them once they come back. Built on openid-client (authorization
 * code with PKCE S256 and `state`; for OpenID Connect also the `nonce` and the ID token checks:
 * issuer, audience, expiry, nonce), both for OIDC issuers found by discovery and for OAuth 2.0
 * providers whose endpoints are configured (42's preset). Every request to the provider is
 * bounded by OAUTH_TIMEOUT_MS.
 */
import * as openid from 'openid-client';
import { isLoopback, type ProviderConfig } from '../../../config';
import {
  fortyTwoProfile,
  genericProfile,
  oidcProfile,
  ProfileUnreadableError,
  type ProviderProfile,
} from './provider-profile';

/** Why a sign-in with a provider failed, as the client reads it in `#error=<reason>`. */
export type SignInErrorReason =
  | 'denied'
  | 'invalid_state'
  | 'provider_unreachable'
  | 'provider_error'
  | 'identity_in_use'
  | 'already_linked'
  | 'server_error';

export class SignInFlowError extends Error {
  constructor(
    readonly reason: SignInErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'SignInFlowError';
  }
}

export interface AuthorizationRequest {
  redirectUri: string;
  state: string;
  codeVerifier: string;
  nonce: string | null;
}

export interface CallbackChecks {
  state: string;
  codeVerifier: string;
  nonce: string | null;
}

export class ProviderClient {
  readonly id: string;
  readonly name: string;
  readonly kind: 'oidc' | 'oauth2';
  private configuration: Promise<openid.Configuration> | null = null;

  constructor(
    private readonly provider: ProviderConfig,
    private readonly timeoutMs: number,
  ) {
    this.id = provider.id;
    this.name = provider.name;
    this.kind = provider.kind;
  }

  /** The provider's authorization URL for this request (PKCE S256; a nonce for OIDC). */
  async authorizationUrl(request: AuthorizationRequest): Promise<string> {
    const config = await this.config();
    const parameters: Record<string, string> = {
      redirect_uri: request.redirectUri,
      response_type: 'code',
      state: request.state,
      code_challenge: await openid.calculatePKCECodeChallenge(request.codeVerifier),
      code_challenge_method: 'S256',
    };
    if (this.provider.scopes.length > 0) parameters.scope = this.provider.scopes.join(' ');
    if (request.nonce !== null) parameters.nonce = request.nonce;
    return openid.buildAuthorizationUrl(config, parameters).href;
  }

  /**
   * Trades the callback's code for tokens (checking state, PKCE and, for OIDC, the ID token and
   * its nonce), then reads who the person is. Tokens are used here and dropped: Arena keeps none.
   */
  async complete(callbackUrl: URL, checks: CallbackChecks): Promise<ProviderProfile> {
    const config = await this.config();
    try {
      const tokens = await openid.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        ...(this.provider.kind === 'oidc'
          ? { expectedNonce: checks.nonce ?? undefined, idTokenExpected: true }
          : {}),
      });
      if (this.provider.kind === 'oidc') {
        const claims = tokens.claims() as Record<string, unknown> | undefined;
        if (!claims) throw new ProfileUnreadableError('ID token');
        const userinfo = config.serverMetadata().userinfo_endpoint
          ? await openid.fetchUserInfo(config, tokens.access_token, String(claims.sub))
          : {};
        return oidcProfile(claims, userinfo);
      }
      const answer = await openid.fetchProtectedResource(
        config,
        tokens.access_token,
        new URL(this.provider.userinfoUrl),
        'GET',
      );
      if (!answer.ok) {
        throw new SignInFlowError('provider_error', `User info answered ${answer.status}`);
      }
      const body = (await answer.json()) as Record<string, unknown>;
      return this.provider.profile === 'ft' ? fortyTwoProfile(body) : genericProfile(body);
    } catch (error) {
      throw asFlowError(error);
    }
  }

  /**
   * The provider's configuration: discovered once for OIDC (and again after a failure), built
   * from the configured endpoints for OAuth 2.0.
   */
  private config(): Promise<openid.Configuration> {
    this.configuration ??= this.load().catch((error: unknown) => {
      this.configuration = null;
      throw asFlowError(error);
    });
    return this.configuration;
  }

  private async load(): Promise<openid.Configuration> {
    const { provider } = this;
    const timeout = this.timeoutMs / 1000;
    const metadata = provider.clientSecret ?? undefined;
    if (provider.kind === 'oidc') {
      // RFC 6749 makes client_secret_basic the one every server supports.
      const auth = provider.clientSecret
        ? openid.ClientSecretBasic(provider.clientSecret)
        : openid.None();
      return openid.discovery(new URL(provider.issuer), provider.clientId, metadata, auth, {
        timeout,
        execute: isLoopback(new URL(provider.issuer).hostname)
          ? [openid.allowInsecureRequests]
          : [],
      });
    }
    const server: openid.ServerMetadata = {
      issuer: new URL(provider.authorizeUrl).origin,
      authorization_endpoint: provider.authorizeUrl,
      token_endpoint: provider.tokenUrl,
    };
    // 42 documents client credentials in the token request's body; others get the default.
    const auth = !provider.clientSecret
      ? openid.None()
      : provider.profile === 'ft'
        ? openid.ClientSecretPost(provider.clientSecret)
        : openid.ClientSecretBasic(provider.clientSecret);
    const config = new openid.Configuration(server, provider.clientId, metadata, auth);
    config.timeout = timeout;
    const urls = [provider.authorizeUrl, provider.tokenUrl, provider.userinfoUrl];
    if (urls.some((url) => new URL(url).protocol === 'http:')) openid.allowInsecureRequests(config);
    return config;
  }
}

const NETWORK_CODES = new Set([
  'OAUTH_TIMEOUT',
  'OAUTH_ABORT',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * Network failures and timeouts are `provider_unreachable`; any other failure `provider_error`.
 * Read by name and code along the `cause` chain rather than by class: fetch's errors may come
 * from another realm than ours.
 */
export function asFlowError(error: unknown): SignInFlowError {
  if (error instanceof SignInFlowError) return error;
  if (isNetworkFailure(error)) {
    return new SignInFlowError(
      'provider_unreachable',
      `The provider did not answer: ${describe(error)}`,
    );
  }
  return new SignInFlowError(
    'provider_error',
    `The provider's answer was refused: ${describe(error)}`,
  );
}

function isNetworkFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { name, message, code } = current as {
      name?: unknown;
      message?: unknown;
      code?: unknown;
    };
    if (name === 'TimeoutError' || name === 'AbortError') return true;
    if (name === 'TypeError' && message === 'fetch failed') return true;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR'))) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The message and its causes' messages, for the log. */
function describe(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { message } = current as { message?: unknown };
    if (typeof message === 'string') messages.push(message);
    current = (current as { cause?: unknown }).cause;
  }
  return messages.length > 0 ? messages.join(': ') : String(error);
}
