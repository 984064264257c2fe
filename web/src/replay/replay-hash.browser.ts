/**
 * A replay's hash as API.md defines it (SHA-256 of the canonical JSON of the replay without
 * `hash`, 64 lowercase hex digits), computed with Web Crypto so the browser can check a replay
 * it downloaded without trusting anyone.
 */
import { canonicalJson, type Replay } from '@arena/engine';

export async function replayHashHex(replay: Replay): Promise<string> {
  const { hash: _hash, ...unsigned } = replay;
  const bytes = new TextEncoder().encode(canonicalJson(unsigned));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
