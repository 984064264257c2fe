/**
 * Signing in (or linking an identity) through a provider, on any node:
 * 1. `start`: a random `state`, a PKCE verifier and (OIDC) a nonce are stored as a pending
 *    authorization, the browser gets a cookie binding the flow to it (browser-binding.ts) and
 *    goes to the provider. A link starts the same way: the signed-in client's request leaves a
 *    one-time link ticket, and its browser opens the start route with it;
 * 2. `callback`: the pending authorization is taken (once) by its `state`, and counts only in
 *    the browser holding its cookie; the provider's code is traded for who the person is; a
 *    sign-in then leaves a one-time code (60 s) in the redirect's fragment, a link says
 *    `#linked=<provider>`, a failure `#error=<reason>`;
 * 3. the client exchanges the code (ProviderVerifier), reaching the common completion path: the
 *    2FA challenge if the account has 2FA, else a session.
 * Tokens never travel in a URL, and the client only ever returns to an allow-listed address.
 */
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as openid from 'openid-client';
import { randomBytes } from 'node:crypto';
import { NotFoundError, UnauthorizedError, ValidationError } from '../../../common/errors';
import type { ArenaConfig, SignInConfig } from '../../../config';
import { UsersService } from '../../users/users.service';
import { AUTHORIZATION_TTL_MS, PendingAuthorization, SignInFlows } from '../sign-in/sign-in-flows';
import type { VerifiedSignIn } from '../sign-in/sign-in.service';
import {
  BINDING_COOKIE,
  BindingCookie,
  bindingCookie,
  bindingCookieOptions,
  isBound,
} from './browser-binding';
import { IdentitiesService } from './identities.service';
import { ProviderClient, SignInFlowError } from './provider-client';

export interface ProviderSummary {
  id: string;
  name: string;
  kind: 'oidc' | 'oauth2';
}

/** Where a started flow sends the browser, and the cookie that binds the flow to it. */
export interface StartedFlow {
  /** The provider, or (nothing started) the redirect or PUBLIC_URL with `#error=`. */
  location: string;
  /** Set it on the answer; null when no flow started. */
  binding: BindingCookie | null;
}

/** `url` with `fields` as its fragment (any fragment it had replaced). */
export function withFragment(url: string, fields: Record<string, string>): string {
  return `${url.split('#')[0]}#${new URLSearchParams(fields).toString()}`;
}

@Injectable()
export class ProviderSignInService {
  private readonly logger = new Logger(ProviderSignInService.name);
  private readonly config: SignInConfig;
  private readonly providers: Map<string, ProviderClient>;

  constructor(
    private readonly flows: SignInFlows,
    private readonly identities: IdentitiesService,
    private readonly users: UsersService,
    config: ConfigService<ArenaConfig, true>,
  ) {
    this.config = config.get('signIn', { infer: true });
    this.providers = new Map(
      this.config.providers.map((provider) => [
        provider.id,
        new ProviderClient(provider, this.config.providerTimeoutMs),
      ]),
    );
  }

  list(): ProviderSummary[] {
    return [...this.providers.values()].map(({ id, name, kind }) => ({ id, name, kind }));
  }

  /**
   * Where to send the browser to sign in (or, with a link ticket, to link): the provider, or
   * the redirect with `#error=`.
   */
  async start(
    providerId: string,
    request: { redirect?: string; link?: string },
  ): Promise<StartedFlow> {
    const provider = this.provider(providerId);
    if (request.link === undefined) {
      const target = this.allowedRedirect(request.redirect);
      return this.authorize(provider, { purpose: 'sign_in', userId: null, redirect: target });
    }
    if (request.redirect !== undefined) {
      throw new ValidationError('redirect comes with the link ticket', [
        'redirect must be left out with link: the link request chose it',
      ]);
    }
    const ticket = await this.flows.takeLinkTicket(request.link);
    // Spent, expired or another provider's: no redirect to trust, the error goes to PUBLIC_URL.
    if (!ticket || ticket.provider !== provider.id) {
      return { location: this.invalidStateUrl(), binding: null };
    }
    return this.authorize(provider, {
      purpose: 'link',
      userId: ticket.userId,
      redirect: ticket.redirect,
    });
  }

  /**
   * The address a signed-in client sends its browser to, to link the provider's identity to
   * `userId`: Arena's start route with a one-time link ticket (60 s), so the link is bound to
   * that browser as a sign-in is.
   */
  async startLink(
    userId: string,
    providerId: string,
    redirect: string | undefined,
  ): Promise<string> {
    const provider = this.provider(providerId);
    const target = this.allowedRedirect(redirect);
    const ticket = randomBytes(32).toString('base64url');
    await this.flows.saveLinkTicket(ticket, { provider: provider.id, userId, redirect: target });
    const start = new URL(
      `${this.config.publicUrl}/api/auth/oauth/${encodeURIComponent(provider.id)}`,
    );
    start.searchParams.set('link', ticket);
    return start.href;
  }

  /** The cookie a callback clears, whatever its outcome (name and options; no value). */
  spentBinding(providerId: string): Omit<BindingCookie, 'value'> {
    return { name: BINDING_COOKIE, options: bindingCookieOptions(this.callbackUrl(providerId), 0) };
  }

  /** Where the provider's callback sends the browser next (see the file's header). */
  async callback(
    providerId: string,
    rawQuery: string,
    cookie: string | undefined,
  ): Promise<string> {
    const query = new URLSearchParams(rawQuery);
    const state = query.get('state');
    const pending = state ? await this.flows.takeAuthorization(state) : null;
    // Without a known state there is no redirect to trust: the error goes to PUBLIC_URL.
    if (!state || !pending) return this.invalidStateUrl();
    // A state that comes back in a browser other than the one that started its flow (login
    // CSRF) is spent, and goes no further.
    if (!isBound(state, cookie)) {
      this.logger.warn(
        `Sign-in with ${providerId} refused: its state came back in another browser`,
      );
      return withFragment(pending.redirect, { error: 'invalid_state' });
    }
    const provider = this.providers.get(providerId);
    if (pending.provider !== providerId || !provider) {
      return withFragment(pending.redirect, { error: 'invalid_state' });
    }
    const refusal = query.get('error');
    if (refusal !== null) {
      return withFragment(pending.redirect, {
        error: refusal === 'access_denied' ? 'denied' : 'provider_error',
      });
    }
    try {
      const profile = await provider.complete(
        new URL(`${this.callbackUrl(providerId)}?${query.toString()}`),
        { state, codeVerifier: pending.codeVerifier, nonce: pending.nonce },
      );
      if (pending.purpose === 'link' && pending.userId) {
        await this.identities.link(pending.userId, providerId, profile);
        return withFragment(pending.redirect, { linked: providerId });
      }
      const user = await this.identities.accountFor(providerId, profile);
      const code = randomBytes(32).toString('base64url');
      await this.flows.saveGrant(code, { provider: providerId, userId: user.id });
      return withFragment(pending.redirect, { code });
    } catch (error) {
      const reason = error instanceof SignInFlowError ? error.reason : 'server_error';
      const log = reason === 'server_error' ? 'error' : 'warn';
      this.logger[log](`Sign-in with ${providerId} failed (${reason}): ${String(error)}`);
      return withFragment(pending.redirect, { error: reason });
    }
  }

  /** The provider verifier: a one-time code from the callback, spent here. */
  async verifyCode(code: string): Promise<VerifiedSignIn> {
    const grant = await this.flows.takeGrant(code);
    if (!grant) throw new UnauthorizedError('Invalid, spent or expired sign-in code');
    return { user: await this.users.get(grant.userId), factors: ['provider'] };
  }

  private async authorize(
    provider: ProviderClient,
    flow: Pick<PendingAuthorization, 'purpose' | 'userId' | 'redirect'>,
  ): Promise<StartedFlow> {
    const state = openid.randomState();
    const codeVerifier = openid.randomPKCECodeVerifier();
    const nonce = provider.kind === 'oidc' ? openid.randomNonce() : null;
    try {
      const url = await provider.authorizationUrl({
        redirectUri: this.callbackUrl(provider.id),
        state,
        codeVerifier,
        nonce,
      });
      await this.flows.saveAuthorization(state, {
        ...flow,
        provider: provider.id,
        codeVerifier,
        nonce,
      });
      const binding = bindingCookie(state, this.callbackUrl(provider.id), AUTHORIZATION_TTL_MS);
      return { location: url, binding };
    } catch (error) {
      if (!(error instanceof SignInFlowError)) throw error;
      this.logger.warn(
        `Sign-in with ${provider.id} not started (${error.reason}): ${error.message}`,
      );
      return { location: withFragment(flow.redirect, { error: error.reason }), binding: null };
    }
  }

  private invalidStateUrl(): string {
    return withFragment(`${this.config.publicUrl}/`, { error: 'invalid_state' });
  }

  private provider(id: string): ProviderClient {
    const provider = this.providers.get(id.toLowerCase());
    if (!provider) throw new NotFoundError(`Unknown sign-in provider "${id}"`);
    return provider;
  }

  private callbackUrl(providerId: string): string {
    return `${this.config.publicUrl}/api/auth/oauth/${encodeURIComponent(providerId)}/callback`;
  }

  /** The redirect, when it is one of OAUTH_REDIRECT_ALLOWLIST (the first one when omitted). */
  private allowedRedirect(redirect: string | undefined): string {
    if (redirect === undefined) return this.config.redirectAllowlist[0];
    let normalised: string | null = null;
    try {
      const url = new URL(redirect);
      if (!url.hash) normalised = url.href;
    } catch {
      normalised = null;
    }
    if (normalised === null || !this.config.redirectAllowlist.includes(normalised)) {
      throw new ValidationError('redirect is not in OAUTH_REDIRECT_ALLOWLIST', [
        'redirect must be one of the addresses in OAUTH_REDIRECT_ALLOWLIST',
      ]);
    }
    return normalised;
  }
}
