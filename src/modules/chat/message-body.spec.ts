import { checkBody, MAX_BODY } from './message-body';

describe('checkBody', () => {
  it('trims and keeps plain text with newlines and tabs', () => {
    expect(checkBody('  hello\n\tworld  ')).toEqual({ ok: true, body: 'hello\n\tworld' });
  });

  it('keeps markup as text (never rendered by the server)', () => {
    expect(checkBody('<b>hi</b>')).toEqual({ ok: true, body: '<b>hi</b>' });
  });

  it('counts characters, not UTF-16 units, up to 2000', () => {
    expect(checkBody('😀'.repeat(MAX_BODY))).toEqual({ ok: true, body: '😀'.repeat(MAX_BODY) });
    expect(checkBody('a'.repeat(MAX_BODY + 1)).ok).toBe(false);
    expect(checkBody(` ${'a'.repeat(MAX_BODY)} `)).toEqual({
      ok: true,
      body: 'a'.repeat(MAX_BODY),
    });
  });

  it.each([
    ['empty', ''],
    ['blank', ' \n\t '],
    ['U+0000', 'a\u0000b'],
    ['a control character', 'a\u0007b'],
    ['a bidirectional override', 'a\u202eb'],
    ['not a string', 42],
    ['far too long', 'a'.repeat(MAX_BODY * 4 + 1)],
  ])('refuses %s', (_label, raw) => {
    expect(checkBody(raw).ok).toBe(false);
  });
});
