/**
 * Secrets at rest (TOTP secrets, the PKCE verifiers of pending sign-ins): AES-256-GCM under
 * ENCRYPTION_KEY. A sealed value is text that fits a varchar column:
 *
 *     enc1:<key id>:<base64url(iv ‖ ciphertext ‖ tag)>
 *
 * - `enc1` names this format, so a reader can tell sealed values from old plaintext ones;
 * - the key id (see keyIdOf) names the key that sealed it: after a rotation the previous keys
 *   (ENCRYPTION_KEY_PREVIOUS) still open old values, and `needsResealing` finds them;
 * - the iv is 12 random bytes per value, the GCM tag 16 bytes;
 * - the context (`users.twoFactorSecret:<user id>`) is bound as additional authenticated data,
 *   so a value copied into another row or column does not open.
 * Any change to a sealed value makes `open` fail: nothing half-decrypted comes out.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KEY_BYTES, keyIdOf } from './encryption-key';

export const SEALED_PREFIX = 'enc1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED_PATTERN = /^enc1:([0-9a-f]{8}):([A-Za-z0-9_-]+)$/;

/** A sealed value that no configured key opens, or that was altered. */
export class SecretUnreadableError extends Error {
  constructor(reason: string) {
    super(`A secret stored encrypted could not be read: ${reason}`);
    this.name = 'SecretUnreadableError';
  }
}

export class SecretCipher {
  readonly keyId: string;
  private readonly keys = new Map<string, Buffer>();

  /** `current` seals; it and every `previous` key open. */
  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== KEY_BYTES) throw new Error(`An encryption key must be ${KEY_BYTES} bytes`);
    }
    this.keyId = keyIdOf(current);
    this.keys.set(this.keyId, current);
    for (const key of previous) if (!this.keys.has(keyIdOf(key))) this.keys.set(keyIdOf(key), key);
  }

  /** Previous keys are configured: a rotation is in progress. */
  get rotating(): boolean {
    return this.keys.size > 1;
  }

  static isSealed(value: string): boolean {
    return value.startsWith(SEALED_PREFIX);
  }

  seal(plaintext: string, context: string): string {
    const key = this.keys.get(this.keyId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    return `${SEALED_PREFIX}${this.keyId}:${sealed}`;
  }

  open(sealed: string, context: string): string {
    const match = SEALED_PATTERN.exec(sealed);
    if (!match) throw new SecretUnreadableError('not a sealed value');
    const key = this.keys.get(match[1]);
    if (!key) {
      throw new SecretUnreadableError(
        `sealed with key ${match[1]}, which is neither ENCRYPTION_KEY nor in ENCRYPTION_KEY_PREVIOUS`,
      );
    }
    const bytes = Buffer.from(match[2], 'base64url');
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new SecretUnreadableError('truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      const body = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnreadableError('altered, or sealed for another record');
    }
  }

  /** Sealed under a previous key: worth sealing again under the current one. */
  needsResealing(sealed: string): boolean {
    const match = SEALED_PATTERN.exec(sealed);
    return match !== null && match[1] !== this.keyId;
  }
}
