import { randomBytes } from 'node:crypto';
import { keyIdOf, parseEncryptionKey } from './encryption-key';
import { SecretCipher, SecretUnreadableError } from './secret-cipher';

const CONTEXT = 'users.twoFactorSecret:5f1c0000-0000-4000-8000-000000000001';

describe('SecretCipher', () => {
  const key = randomBytes(32);
  const cipher = new SecretCipher(key);

  it('seals to enc1:<key id>:<base64url> and opens it again', () => {
    const sealed = cipher.seal('JBSWY3DPEHPK3PXP', CONTEXT);
    expect(sealed).toMatch(new RegExp(`^enc1:${keyIdOf(key)}:[A-Za-z0-9_-]+$`));
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(SecretCipher.isSealed(sealed)).toBe(true);
    expect(SecretCipher.isSealed('JBSWY3DPEHPK3PXP')).toBe(false);
    expect(cipher.open(sealed, CONTEXT)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('draws a fresh iv for every value', () => {
    expect(cipher.seal('same', CONTEXT)).not.toBe(cipher.seal('same', CONTEXT));
  });

  it('refuses a value moved to another record (the context is authenticated)', () => {
    const sealed = cipher.seal('secret', CONTEXT);
    expect(() => cipher.open(sealed, 'users.twoFactorSecret:someone-else')).toThrow(
      SecretUnreadableError,
    );
  });

  it('refuses any altered byte, a truncated value and a malformed one', () => {
    const sealed = cipher.seal('secret', CONTEXT);
    const body = Buffer.from(sealed.split(':')[2], 'base64url');
    for (const index of [0, 12, body.length - 1]) {
      const altered = Buffer.from(body);
      altered[index] ^= 1;
      const text = `enc1:${cipher.keyId}:${altered.toString('base64url')}`;
      expect(() => cipher.open(text, CONTEXT)).toThrow(SecretUnreadableError);
    }
    expect(() => cipher.open(`enc1:${cipher.keyId}:AAAA`, CONTEXT)).toThrow('truncated');
    expect(() => cipher.open('secret', CONTEXT)).toThrow('not a sealed value');
  });

  it('opens values of a previous key after a rotation, and says they need resealing', () => {
    const next = new SecretCipher(randomBytes(32), [key]);
    const old = cipher.seal('secret', CONTEXT);
    expect(next.open(old, CONTEXT)).toBe('secret');
    expect(next.needsResealing(old)).toBe(true);
    const fresh = next.seal('secret', CONTEXT);
    expect(next.needsResealing(fresh)).toBe(false);
    expect(() => cipher.open(fresh, CONTEXT)).toThrow(/ENCRYPTION_KEY_PREVIOUS/);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new SecretCipher(randomBytes(16))).toThrow('32 bytes');
    expect(() => new SecretCipher(key, [randomBytes(31)])).toThrow('32 bytes');
  });
});

describe('parseEncryptionKey', () => {
  const key = randomBytes(32);

  it('reads 64 hex digits and base64 or base64url, padded or not', () => {
    expect(parseEncryptionKey(key.toString('hex'))).toEqual(key);
    expect(parseEncryptionKey(key.toString('hex').toUpperCase())).toEqual(key);
    expect(parseEncryptionKey(key.toString('base64'))).toEqual(key);
    expect(parseEncryptionKey(key.toString('base64url'))).toEqual(key);
    expect(parseEncryptionKey(` ${key.toString('base64')} `)).toEqual(key);
  });

  it('refuses anything else', () => {
    expect(parseEncryptionKey('')).toBeNull();
    expect(parseEncryptionKey('correct horse battery staple')).toBeNull();
    expect(parseEncryptionKey(randomBytes(16).toString('hex'))).toBeNull();
    expect(parseEncryptionKey(randomBytes(24).toString('base64'))).toBeNull();
    expect(parseEncryptionKey(randomBytes(33).toString('hex'))).toBeNull();
  });
});
