/**
 * Erasure of an account (GDPR), as two domain events each module answers in its own code, so
 * nobody writes another module's tables (ARCHITECTURE.md rule 7):
 * - `AccountErasing`, inside the erasure's transaction: each module replaces or removes its own
 *   copies of the person's data (aliases, salts, seats, friendships) through `manager`, so the
 *   erasure commits whole or not at all;
 * - `AccountErased`, once committed: each module ends the account's live state (queues,
 *   challenges, a live match) and tells the people concerned.
 */
import type { EntityManager } from 'typeorm';

export const ACCOUNT_ERASING = 'account.erasing';
export const ACCOUNT_ERASED = 'account.erased';

export class AccountErasing {
  constructor(
    readonly userId: string,
    /** The name that replaces the old one everywhere it was copied (`deleted-<short id>`). */
    readonly anonymousName: string,
    readonly manager: EntityManager,
  ) {}
}

export class AccountErased {
  constructor(
    readonly userId: string,
    readonly anonymousName: string,
  ) {}
}

/** Rows changed per statement when a long list of copies is rewritten: a few ms each. */
export const ERASURE_BATCH = 500;
