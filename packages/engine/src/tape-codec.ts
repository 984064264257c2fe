/**
 * The tape as compact text, for storage: each input becomes one unsigned LEB128 varint of
 * `delta * 6 + side * 3 + direction` (delta: ticks since the previous input, or since tick 0 for
 * the first; side: left 0, right 1; direction: up 0, down 1, stop 2), and the bytes are written
 * in base64. A player changes direction every few ticks, so most inputs take one byte (any delta
 * under 22 ticks), four characters of base64 for three inputs.
 */
import { inputCode, TAPE_DIRECTIONS, TAPE_SIDES, TapeInput } from './tape';
/** Varints longer than this would not fit a safe integer. */
const MAX_VARINT_BYTES = 7;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export class TapeCodecError extends Error {}

export function encodeTape(inputs: readonly TapeInput[]): string {
  const bytes: number[] = [];
  let previous = 0;
  for (const [tick, side, direction] of inputs) {
    const delta = tick - previous;
    if (!Number.isSafeInteger(delta) || delta < 0) {
      throw new TapeCodecError(`Inputs must be in tick order (tick ${tick} after ${previous})`);
    }
    let value = delta * 6 + inputCode(side, direction);
    while (value >= 0x80) {
      bytes.push((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    bytes.push(value);
    previous = tick;
  }
  return toBase64(bytes);
}

/** The inputs of an encoded tape; throws TapeCodecError on anything `encodeTape` did not write. */
export function decodeTape(text: string): TapeInput[] {
  const bytes = fromBase64(text);
  const inputs: TapeInput[] = [];
  let tick = 0;
  let value = 0;
  let scale = 1;
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes.charCodeAt(i);
    value += (byte & 0x7f) * scale;
    scale *= 0x80;
    length += 1;
    if (byte & 0x80) {
      if (length >= MAX_VARINT_BYTES) throw new TapeCodecError('Tape varint too long');
      continue;
    }
    const code = value % 6;
    tick += (value - code) / 6;
    if (!Number.isSafeInteger(tick)) throw new TapeCodecError('Tape tick out of range');
    inputs.push([tick, TAPE_SIDES[code >= 3 ? 1 : 0], TAPE_DIRECTIONS[code % 3]]);
    value = 0;
    scale = 1;
    length = 0;
  }
  if (length > 0) throw new TapeCodecError('Tape ends inside an input');
  return inputs;
}

// btoa/atob work on "binary strings" (one character per byte) in Node and in browsers alike.
function toBase64(bytes: readonly number[]): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x2000) {
    binary += String.fromCharCode(...bytes.slice(i, i + 0x2000));
  }
  return btoa(binary);
}

function fromBase64(text: string): string {
  if (text.length % 4 !== 0 || !BASE64.test(text)) {
    throw new TapeCodecError('Tape is not base64');
  }
  return atob(text);
}
