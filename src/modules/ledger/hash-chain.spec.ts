import { canonicalJson } from '@arena/engine';
import { createHash } from 'node:crypto';
import {
  GENESIS_PREV_HASH,
  identityCommitment,
  linkHash,
  StoredLink,
  verifyChain,
} from './hash-chain';

const AT = '2026-11-25T12:00:00.000Z';

/** A valid chain of `n` links with small payloads. */
function chain(n: number): StoredLink[] {
  const links: StoredLink[] = [];
  let prevHash = GENESIS_PREV_HASH;
  for (let index = 0; index < n; index++) {
    const payload = canonicalJson({ tournament: { id: `t${index}`, name: `Cup ${index}` } });
    const link = { index, prevHash, payload, createdAt: AT };
    const hash = linkHash(link);
    links.push({ ...link, hash });
    prevHash = hash;
  }
  return links;
}

describe('ledger hash chain', () => {
  it('hashes a link to 64 lowercase hex digits that change with every field', () => {
    const link = { index: 0, prevHash: GENESIS_PREV_HASH, payload: '{"a":1}', createdAt: AT };
    const hash = linkHash(link);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(linkHash({ ...link })).toBe(hash);
    expect(linkHash({ ...link, index: 1 })).not.toBe(hash);
    expect(linkHash({ ...link, prevHash: 'f'.repeat(64) })).not.toBe(hash);
    expect(linkHash({ ...link, payload: '{"a":2}' })).not.toBe(hash);
    expect(linkHash({ ...link, createdAt: '2026-11-25T12:00:00.001Z' })).not.toBe(hash);
    // The same value written another way is the same payload.
    expect(linkHash({ ...link, payload: '{ "a" : 1 }' })).toBe(hash);
  });

  it('accepts an empty chain and a whole chain', () => {
    expect(verifyChain([])).toEqual({ valid: true, length: 0, brokenAt: null });
    expect(verifyChain(chain(5))).toEqual({ valid: true, length: 5, brokenAt: null });
    expect(verifyChain(chain(5).reverse())).toEqual({ valid: true, length: 5, brokenAt: null });
  });

  it('names the first broken index whatever was changed', () => {
    const edited = chain(5);
    edited[2] = { ...edited[2], payload: edited[2].payload.replace('Cup 2', 'Cup X') };
    expect(verifyChain(edited)).toEqual({ valid: false, length: 5, brokenAt: 2 });

    // Rewriting an entry and its hash is caught by the next entry's prevHash.
    const rehashed = chain(5);
    const forged = { ...rehashed[1], payload: '{"forged":true}' };
    rehashed[1] = { ...forged, hash: linkHash(forged) };
    expect(verifyChain(rehashed)).toEqual({ valid: false, length: 5, brokenAt: 2 });

    const badTime = chain(3);
    badTime[0] = { ...badTime[0], createdAt: '2020-01-01T00:00:00.000Z' };
    expect(verifyChain(badTime).brokenAt).toBe(0);

    const badPrev = chain(3);
    badPrev[0] = { ...badPrev[0], prevHash: '1'.repeat(64) };
    expect(verifyChain(badPrev).brokenAt).toBe(0);

    const unreadable = chain(3);
    unreadable[2] = { ...unreadable[2], payload: '{not json' };
    expect(verifyChain(unreadable).brokenAt).toBe(2);
  });

  it('notices a removed entry (a gap in the indexes)', () => {
    const links = chain(4);
    links.splice(1, 1);
    expect(verifyChain(links)).toEqual({ valid: false, length: 3, brokenAt: 1 });
  });

  describe('identityCommitment', () => {
    const ada = { alias: 'Ada', userId: 'u1', salt: 'ab'.repeat(32) };

    it('is the SHA-256 of the canonical JSON of alias, salt and user', () => {
      expect(identityCommitment(ada)).toBe(
        createHash('sha256')
          .update(`{"alias":"Ada","salt":"${'ab'.repeat(32)}","userId":"u1"}`)
          .digest('hex'),
      );
    });

    it('changes with the salt, the alias and the user', () => {
      const base = identityCommitment(ada);
      expect(identityCommitment({ ...ada, salt: 'cd'.repeat(32) })).not.toBe(base);
      expect(identityCommitment({ ...ada, alias: 'Adb' })).not.toBe(base);
      expect(identityCommitment({ ...ada, userId: null })).not.toBe(base);
    });
  });
});
