import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('serialises canonically: sorted keys at every depth, no whitespace, undefined fields left out', () => {
    expect(canonicalJson({ b: 1, a: [{ z: null, y: 'é' }, true], c: undefined })).toBe(
      '{"a":[{"y":"é","z":null},true],"b":1}',
    );
    expect(canonicalJson({ b: 2, a: 1 })).toBe(canonicalJson({ a: 1, b: 2 }));
    expect(canonicalJson('line\n"quoted"')).toBe('"line\\n\\"quoted\\""');
  });

  it('writes numbers as JavaScript does, so doubles round-trip exactly', () => {
    expect(canonicalJson([1.0471975511965976, 1e21, -0, 0.1])).toBe(
      '[1.0471975511965976,1e+21,0,0.1]',
    );
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });
});
