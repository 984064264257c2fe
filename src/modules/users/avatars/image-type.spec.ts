import { contentTypeOfAvatar, sniffImageType } from './image-type';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => Uint8Array.from(Buffer.from(value, 'latin1'));

describe('sniffImageType', () => {
  it('recognises PNG, JPEG and WebP by their signatures', () => {
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toEqual({
      extension: 'png',
      contentType: 'image/png',
    });
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toEqual({
      extension: 'jpg',
      contentType: 'image/jpeg',
    });
    expect(sniffImageType(text('RIFF\x10\x00\x00\x00WEBPVP8 '))).toEqual({
      extension: 'webp',
      contentType: 'image/webp',
    });
  });

  it.each([
    ['text', text('hello, world')],
    ['GIF', text('GIF89a......')],
    ['a RIFF that is not WebP', text('RIFF\x10\x00\x00\x00WAVEfmt ')],
    ['a truncated PNG signature', bytes(0x89, 0x50, 0x4e)],
    ['nothing', bytes()],
  ])('refuses %s', (_name, data) => {
    expect(sniffImageType(data)).toBeNull();
  });
});

describe('contentTypeOfAvatar', () => {
  const hash = 'a'.repeat(64);
  it('accepts only content-addressed names', () => {
    expect(contentTypeOfAvatar(`${hash}.png`)).toBe('image/png');
    expect(contentTypeOfAvatar(`${hash}.webp`)).toBe('image/webp');
    expect(contentTypeOfAvatar(`../${hash}.png`)).toBeNull();
    expect(contentTypeOfAvatar(`${hash}.png/../../etc/passwd`)).toBeNull();
    expect(contentTypeOfAvatar('..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(contentTypeOfAvatar(`${hash}.svg`)).toBeNull();
  });
});
