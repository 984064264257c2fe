/**
 * ENCRYPTION_KEY and ENCRYPTION_KEY_PREVIOUS: 32-byte AES-256 keys written as 64 hex digits or
 * as base64 (standard or URL-safe, padded or not). Read by the configuration; the cipher only
 * ever sees the raw bytes.
 */
import { createHash } from 'node:crypto';

export const KEY_BYTES = 32;

/** The key's bytes, or null when the text is neither 64 hex digits nor base64 of 32 bytes. */
export function parseEncryptionKey(text: string): Buffer | null {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(value)) return null;
  const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === KEY_BYTES ? bytes : null;
}

/**
 * The short public name of a key (8 hex digits of a SHA-256 over it): each sealed value carries
 * it, so a value says which key opens it. It tells nothing usable about the key itself.
 */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('arena-secret-key-id\0').update(key).digest('hex').slice(0, 8);
}
