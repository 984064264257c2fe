import { validateSync } from 'class-validator';
import { isCleanText, NoControlCharacters } from './no-control-characters';

const codePoints = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

describe('isCleanText', () => {
  const refusedEverywhere = [
    ...codePoints(0x00, 0x08),
    ...codePoints(0x0b, 0x1f),
    ...codePoints(0x7f, 0x9f),
    ...codePoints(0x202a, 0x202e),
    ...codePoints(0x2066, 0x2069),
  ];

  it.each(refusedEverywhere.map((c) => [c.codePointAt(0)?.toString(16).padStart(4, '0'), c]))(
    'refuses U+%s in names and in multi-line texts',
    (_hex, c) => {
      expect(isCleanText(`a${c}b`)).toBe(false);
      expect(isCleanText(`a${c}b`, { multiline: true })).toBe(false);
    },
  );

  it('lets multi-line texts, and only them, hold newlines and tabs', () => {
    for (const c of ['\n', '\t']) {
      expect(isCleanText(`a${c}b`)).toBe(false);
      expect(isCleanText(`a${c}b`, { multiline: true })).toBe(true);
    }
    expect(isCleanText('a\r\nb', { multiline: true })).toBe(false);
  });

  it.each([
    ['plain ASCII', 'Alice_42'],
    ['accents and other scripts', 'Zoë Ñandú 日本 مرحبا'],
    ['emoji, joined ones too', '🏓 👩‍👩‍👧 👍🏽'],
    ['the characters around the refused ranges', '\u00a0\u2029\u202f\u2065\u206a ~'],
    ['an empty string', ''],
  ])('keeps %s', (_case, text) => {
    expect(isCleanText(text)).toBe(true);
    expect(isCleanText(text, { multiline: true })).toBe(true);
  });
});

describe('@NoControlCharacters', () => {
  class Profile {
    @NoControlCharacters()
    name: unknown = 'Ann';

    @NoControlCharacters({ multiline: true })
    bio: unknown = 'line\n\tindented';

    @NoControlCharacters({}, { each: true })
    aliases: unknown = ['Ann', 'Bob'];
  }

  const messages = (changes: Partial<Profile>) =>
    validateSync(Object.assign(new Profile(), changes)).flatMap((error) =>
      Object.values(error.constraints ?? {}),
    );

  it('accepts clean values, and leaves non-strings to other rules', () => {
    expect(messages({})).toEqual([]);
    expect(messages({ name: 42, aliases: [1, null] })).toEqual([]);
  });

  it('names the property and what it must not hold', () => {
    expect(messages({ name: 'A\u202eB', bio: 'x\u0007', aliases: ['Ann', 'B\u2066'] })).toEqual([
      'name must not contain control characters or bidirectional overrides',
      'bio must not contain control characters other than newlines and tabs, or bidirectional overrides',
      'aliases must not contain control characters or bidirectional overrides',
    ]);
  });
});
