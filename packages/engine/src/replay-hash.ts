/**
 * A replay's hash: SHA-256 (64 lowercase hex digits) of the canonical JSON of the replay without
 * its `hash`. (node:crypto: the one Node module the package uses; a browser build would swap
 * this file for SubtleCrypto.)
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { Replay, UnsignedReplay } from './replay.types';

/**
 * The canonical JSON of a replay without its hash. The inputs, tens of thousands of
 * `[tick, side, direction]` of integers and plain words, are written by JSON.stringify, whose
 * text for them is exactly the canonical one (no object inside, nothing to sort) and which is
 * several times faster than walking them; the rest goes through canonicalJson. The keys come in
 * sorted order: config, engine, final, inputs, matchId, seed.
 */
export function canonicalReplayText(replay: UnsignedReplay): string {
  const { matchId, engine, config, seed, inputs, final } = replay;
  const head = canonicalJson({ config, engine, final });
  const tail = canonicalJson({ matchId, seed });
  return `${head.slice(0, -1)},"inputs":${JSON.stringify(inputs)},${tail.slice(1)}`;
}

export function replayHash(replay: UnsignedReplay): string {
  return createHash('sha256').update(canonicalReplayText(replay), 'utf8').digest('hex');
}

/** The replay with its hash. */
export function sealReplay(replay: UnsignedReplay): Replay {
  return { ...replay, hash: replayHash(replay) };
}
