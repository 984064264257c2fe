/**
 * The pending steps of a provider sign-in, behind a small async port so any node can finish
 * what another began:
 * - an authorization (10 minutes): what Arena sent a provider, found again by the callback's
 *   `state`; it holds the PKCE verifier, the nonce and where the client wants to return;
 * - a grant (60 seconds): the one-time code the callback hands the client, exchanged once for
 *   tokens or a 2FA challenge;
 * - a link ticket (60 seconds): what a signed-in client's request to link a provider leaves for
 *   the browser, which opens the start route with it, so a link is bound to the browser that
 *   goes to the provider exactly as a sign-in is (see browser-binding.ts).
 * Each is taken once: the first `take` gets it, every later one (a replay) gets null, as does
 * one past its time. The database implementation keeps them in `sign_in_flows`, keyed by the
 * SHA-256 of the token, with the PKCE verifier sealed (SecretCipher).
 */
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { LessThan, Repository } from 'typeorm';
import { Clock } from '../../../common/clock/clock';
import { SecretCipher } from '../../../common/crypto/secret-cipher';
import { ACCOUNT_ERASING, AccountErasing } from '../../../common/events/account-erasure.events';
import { SignInFlow } from '../entities/sign-in-flow.entity';

export const AUTHORIZATION_TTL_MS = 10 * 60_000;
export const GRANT_TTL_MS = 60_000;
export const LINK_TICKET_TTL_MS = 60_000;

export interface PendingAuthorization {
  provider: string;
  /** A sign-in, or linking an identity to `userId`. */
  purpose: 'sign_in' | 'link';
  userId: string | null;
  /** The client address to return to (already checked against the allow-list). */
  redirect: string;
  codeVerifier: string;
  /** OpenID Connect only. */
  nonce: string | null;
}

export interface SignInGrant {
  provider: string;
  userId: string;
}

export interface LinkTicket {
  provider: string;
  /** The account the identity will be linked to. */
  userId: string;
  /** The client address to return to (already checked against the allow-list). */
  redirect: string;
}

export abstract class SignInFlows {
  abstract saveAuthorization(state: string, pending: PendingAuthorization): Promise<void>;
  abstract takeAuthorization(state: string): Promise<PendingAuthorization | null>;
  abstract saveGrant(code: string, grant: SignInGrant): Promise<void>;
  abstract takeGrant(code: string): Promise<SignInGrant | null>;
  abstract saveLinkTicket(ticket: string, link: LinkTicket): Promise<void>;
  abstract takeLinkTicket(ticket: string): Promise<LinkTicket | null>;
}

interface StoredAuthorization {
  purpose: PendingAuthorization['purpose'];
  redirect: string;
  codeVerifier: string;
  nonce: string | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

@Injectable()
export class DatabaseSignInFlows extends SignInFlows {
  constructor(
    @InjectRepository(SignInFlow) private readonly flows: Repository<SignInFlow>,
    private readonly cipher: SecretCipher,
    private readonly clock: Clock,
  ) {
    super();
  }

  async saveAuthorization(state: string, pending: PendingAuthorization): Promise<void> {
    const tokenHash = sha256(state);
    const stored: StoredAuthorization = {
      purpose: pending.purpose,
      redirect: pending.redirect,
      codeVerifier: this.cipher.seal(pending.codeVerifier, `sign_in_flows:${tokenHash}`),
      nonce: pending.nonce,
    };
    await this.save(
      tokenHash,
      'state',
      pending.provider,
      pending.userId,
      stored,
      AUTHORIZATION_TTL_MS,
    );
  }

  async takeAuthorization(state: string): Promise<PendingAuthorization | null> {
    const row = await this.take(sha256(state), 'state');
    if (!row) return null;
    const stored = JSON.parse(row.payload) as StoredAuthorization;
    return {
      provider: row.provider,
      purpose: stored.purpose,
      userId: row.userId,
      redirect: stored.redirect,
      codeVerifier: this.cipher.open(stored.codeVerifier, `sign_in_flows:${row.tokenHash}`),
      nonce: stored.nonce,
    };
  }

  async saveGrant(code: string, grant: SignInGrant): Promise<void> {
    await this.save(sha256(code), 'code', grant.provider, grant.userId, {}, GRANT_TTL_MS);
  }

  async takeGrant(code: string): Promise<SignInGrant | null> {
    const row = await this.take(sha256(code), 'code');
    return row?.userId ? { provider: row.provider, userId: row.userId } : null;
  }

  async saveLinkTicket(ticket: string, link: LinkTicket): Promise<void> {
    const payload = { redirect: link.redirect };
    await this.save(
      sha256(ticket),
      'link',
      link.provider,
      link.userId,
      payload,
      LINK_TICKET_TTL_MS,
    );
  }

  async takeLinkTicket(ticket: string): Promise<LinkTicket | null> {
    const row = await this.take(sha256(ticket), 'link');
    if (!row?.userId) return null;
    const { redirect } = JSON.parse(row.payload) as { redirect: string };
    return { provider: row.provider, userId: row.userId, redirect };
  }

  /** Erasure: the account's pending sign-ins and links go too. */
  @OnEvent(ACCOUNT_ERASING, { suppressErrors: false })
  async forget({ userId, manager }: AccountErasing): Promise<void> {
    await manager.getRepository(SignInFlow).delete({ userId });
  }

  private async save(
    tokenHash: string,
    kind: SignInFlow['kind'],
    provider: string,
    userId: string | null,
    payload: object,
    ttlMs: number,
  ): Promise<void> {
    const now = this.clock.now();
    // Whatever has expired goes as new flows arrive (one indexed range each time).
    await this.flows.delete({ expiresAt: LessThan(new Date(now)) });
    await this.flows.insert({
      tokenHash,
      kind,
      provider,
      userId,
      payload: JSON.stringify(payload),
      expiresAt: new Date(now + ttlMs),
      createdAt: new Date(now),
    });
  }

  /** The row, if this call is the one that deleted it and it was still alive. */
  private async take(tokenHash: string, kind: SignInFlow['kind']): Promise<SignInFlow | null> {
    const row = await this.flows.findOneBy({ tokenHash });
    if (!row) return null;
    const taken = await this.flows.delete({ tokenHash });
    if (taken.affected !== 1 || row.kind !== kind) return null;
    return row.expiresAt.getTime() > this.clock.now() ? row : null;
  }
}
