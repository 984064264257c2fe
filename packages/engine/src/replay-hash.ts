/**
 * A replay's hash: SHA-256 (64 lowercase hex digits) of the canonical JSON of the replay without
 * its `hash`. (node:crypto: the one Node module the package uses; a browser build would swap
 * this file for SubtleCrypto.)
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { Replay, UnsignedReplay } from './replay.types';

export function replayHash(replay: UnsignedReplay): string {
  const { matchId, engine, config, seed, inputs, final } = replay;
  const text = canonicalJson({ matchId, engine, config, seed, inputs, final });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The replay with its hash. */
export function sealReplay(replay: UnsignedReplay): Replay {
  return { ...replay, hash: replayHash(replay) };
}
