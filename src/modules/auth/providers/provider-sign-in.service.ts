/**
 * Signing in (or linking an identity) through a provider, on any node:
 * 1. `start`: a random `state`, a PKCE verifier and (OIDC) a nonce are stored as a pending
 *    authorization, and the browser goes to the provider;
 * 2. `callback`: the pending authorization is taken (once) by its `state`; the provider's code is
 *    traded for who the person is; a sign-in then leaves a one-time code (60 s) in the
 *    redirect's fragment, a link says `#linked=<provider>`, a failure `#error=<reason>`;
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
import { SignInFlows, PendingAuthorization } from '../sign-in/sign-in-flows';
import type { VerifiedSignIn } from '../sign-in/sign-in.service';
import { IdentitiesService } from './identities.service';
import { ProviderClient, SignInFlowError } from './provider-client';

export interface ProviderSummary {
  id: string;
  name: string;
  kind: 'oidc' | 'oauth2';
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

  /** Where to send the browser to sign in: the provider, or the redirect with `#error=`. */
  start(providerId: string, redirect: string | undefined): Promise<string> {
    const provider = this.provider(providerId);
    const target = this.allowedRedirect(redirect);
    return this.authorize(provider, { purpose: 'sign_in', userId: null, redirect: target });
  }

  /** The provider address that links its identity to `userId` once the person comes back. */
  startLink(userId: string, providerId: string, redirect: string | undefined): Promise<string> {
    const provider = this.provider(providerId);
    const target = this.allowedRedirect(redirect);
    return this.authorize(provider, { purpose: 'link', userId, redirect: target });
  }

  /** Where the provider's callback sends the browser next (see the file's header). */
  async callback(providerId: string, rawQuery: string): Promise<string> {
    const query = new URLSearchParams(rawQuery);
    const state = query.get('state');
    const pending = state ? await this.flows.takeAuthorization(state) : null;
    // Without a known state there is no redirect to trust: the error goes to PUBLIC_URL.
    if (!state || !pending) {
      return withFragment(`${this.config.publicUrl}/`, { error: 'invalid_state' });
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
  ): Promise<string> {
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
      return url;
    } catch (error) {
      if (!(error instanceof SignInFlowError)) throw error;
      this.logger.warn(
        `Sign-in with ${provider.id} not started (${error.reason}): ${error.message}`,
      );
      return withFragment(flow.redirect, { error: error.reason });
    }
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
