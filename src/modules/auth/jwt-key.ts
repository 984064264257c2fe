import { createSecretKey, KeyObject } from 'node:crypto';

const keys = new Map<string, KeyObject>();

/**
 * The HS256 key as a KeyObject. Given a string, jsonwebtoken first tries to parse it as a PEM
 * public key on every verification, which cost a third of the CPU of an authenticated request.
 */
export function jwtKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}
