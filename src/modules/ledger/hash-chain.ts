/**
 * The ledger's hash chain, pure: the canonical form of a payload, the hash of one link, and the
 * check of a whole chain. Each link's hash covers its index, the previous link's hash, its
 * payload and its time, so changing any stored byte breaks that link or the next one.
 */
import { canonicalJson } from '@arena/engine';
import { createHash } from 'node:crypto';

/** The `prevHash` of the first entry. */
export const GENESIS_PREV_HASH = '0'.repeat(64);

/** Who sat in a tournament, as the ledger may name them: kept apart from the payload. */
export interface CommittedIdentity {
  alias: string;
  userId: string | null;
  /** 64 hex digits drawn for this seat; deleted when its account is erased. */
  salt: string;
}

/**
 * SHA-256 of the canonical JSON of `{ alias, salt, userId }`: the ledger names a participant by
 * this value only. Whoever holds the salt (the participant, in their export) can show that a
 * place was theirs; once the salt is deleted, nobody can link the entry to the person, and not
 * one hashed byte of the ledger changed.
 */
export function identityCommitment(identity: CommittedIdentity): string {
  const text = canonicalJson({
    alias: identity.alias,
    salt: identity.salt,
    userId: identity.userId,
  });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface ChainLink {
  index: number;
  prevHash: string;
  /** The payload as its canonical JSON text. */
  payload: string;
  /** ISO-8601 with milliseconds. */
  createdAt: string;
}

/** SHA-256 (64 lowercase hex digits) of the canonical serialisation of a link. */
export function linkHash(link: ChainLink): string {
  const payload: unknown = JSON.parse(link.payload);
  const text = canonicalJson({
    index: link.index,
    prevHash: link.prevHash,
    payload,
    createdAt: link.createdAt,
  });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface StoredLink extends ChainLink {
  hash: string;
}

export interface ChainVerdict {
  valid: boolean;
  length: number;
  /** The first index whose link does not hold, or null. */
  brokenAt: number | null;
}

/** Whether a link's stored hash is the hash of its own contents (false for unreadable payloads). */
function holds(link: StoredLink): boolean {
  try {
    return linkHash(link) === link.hash;
  } catch {
    return false;
  }
}

/**
 * Checks a chain link by link, in index order, so a long chain can be read in chunks: the
 * indexes run 0, 1, 2, …, each `prevHash` is the previous link's stored hash, and each stored
 * hash is the hash of its link.
 */
export class ChainVerifier {
  private position = 0;
  private prevHash = GENESIS_PREV_HASH;
  /** The first position that did not hold, once one has not. */
  brokenAt: number | null = null;

  /** false once a link has not held (later links are not checked). */
  push(link: StoredLink): boolean {
    if (this.brokenAt !== null) return false;
    if (link.index !== this.position || link.prevHash !== this.prevHash || !holds(link)) {
      this.brokenAt = this.position;
      return false;
    }
    this.prevHash = link.hash;
    this.position++;
    return true;
  }

  verdict(length: number): ChainVerdict {
    return { valid: this.brokenAt === null, length, brokenAt: this.brokenAt };
  }
}

/** Recomputes every link from its stored fields (see ChainVerifier). */
export function verifyChain(links: readonly StoredLink[]): ChainVerdict {
  const verifier = new ChainVerifier();
  const sorted = [...links].sort((a, b) => a.index - b.index);
  for (const link of sorted) if (!verifier.push(link)) break;
  return verifier.verdict(sorted.length);
}
