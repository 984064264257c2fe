/** Recognises an image by its first bytes, never by the client's declared content type. */
export type ImageType = { extension: 'png' | 'jpg' | 'webp'; contentType: string };

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length &&
  signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, PNG)) return { extension: 'png', contentType: 'image/png' };
  if (startsWith(bytes, JPEG)) return { extension: 'jpg', contentType: 'image/jpeg' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) {
    return { extension: 'webp', contentType: 'image/webp' };
  }
  return null;
}

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
};

/** Stored avatar names are `<sha256>.<ext>`; anything else (`../`, other names) is refused. */
export const AVATAR_FILE = /^[a-f0-9]{64}\.(png|jpg|webp)$/;

export function contentTypeOfAvatar(file: string): string | null {
  const match = AVATAR_FILE.exec(file);
  return match ? CONTENT_TYPES[match[1]] : null;
}
