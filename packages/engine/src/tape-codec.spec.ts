import { makeGameConfig } from './engine.constants';
import { randomPolicy, recordRun, specRandom } from './replay.fixtures';
import type { TapeInput } from './tape';
import { decodeTape, encodeTape, TapeCodecError } from './tape-codec';

const bytes = (text: string) => [...Buffer.from(text, 'base64')];

describe('tape codec', () => {
  it('packs each input as one varint of delta * 6 + side * 3 + direction', () => {
    const inputs: TapeInput[] = [
      [1, 'left', 'up'],
      [1, 'right', 'stop'],
      [22, 'left', 'down'],
      [300, 'right', 'up'],
    ];
    const text = encodeTape(inputs);
    expect(bytes(text)).toEqual([1 * 6 + 0, 0 * 6 + 5, 21 * 6 + 1, 0x87, 0x0d]);
    expect(decodeTape(text)).toEqual(inputs);
  });

  it('writes an empty tape as empty text', () => {
    expect(encodeTape([])).toBe('');
    expect(decodeTape('')).toEqual([]);
  });

  it('round-trips recorded tapes over many seeds, in little more than a byte an input', () => {
    const config = makeGameConfig();
    let inputs = 0;
    let encoded = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const run = recordRun(config, seed, randomPolicy(seed, 0.05), 3_000);
      const text = encodeTape(run.inputs);
      expect(decodeTape(text)).toEqual(run.inputs);
      inputs += run.inputs.length;
      encoded += Buffer.from(text, 'base64').length;
    }
    expect(inputs).toBeGreaterThan(10_000);
    expect(encoded / inputs).toBeLessThan(1.5);
  });

  it('round-trips ticks up to the largest safe ones', () => {
    const random = specRandom(5);
    const inputs: TapeInput[] = [];
    let tick = 0;
    for (let i = 0; i < 1_000; i++) {
      tick += Math.floor(random() ** 8 * 2 ** 30);
      inputs.push([tick, random() < 0.5 ? 'left' : 'right', random() < 0.5 ? 'up' : 'stop']);
    }
    inputs.push([2 ** 46, 'left', 'down']);
    expect(decodeTape(encodeTape(inputs))).toEqual(inputs);
  });

  it('refuses inputs out of tick order', () => {
    expect(() =>
      encodeTape([
        [5, 'left', 'up'],
        [4, 'right', 'up'],
      ]),
    ).toThrow(TapeCodecError);
  });

  it('refuses text it did not write', () => {
    const b64 = (values: number[]) => Buffer.from(values).toString('base64');
    expect(() => decodeTape('not base64!')).toThrow(TapeCodecError);
    expect(() => decodeTape('AAA')).toThrow(TapeCodecError);
    expect(() => decodeTape(b64([6, 0x86]))).toThrow('Tape ends inside an input');
    expect(() => decodeTape(b64([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toThrow(
      'Tape varint too long',
    );
  });
});
