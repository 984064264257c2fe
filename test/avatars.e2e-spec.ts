import { existsSync, readdirSync } from 'node:fs';
import { bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { startTestApp, TestApp } from './support/test-app';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (fill: string) => Buffer.concat([PNG_SIGNATURE, Buffer.from(fill)]);
const jpeg = (fill: string) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(fill)]);
const webp = (fill: string) =>
  Buffer.concat([Buffer.from('RIFF\x20\x00\x00\x00WEBPVP8 ', 'latin1'), Buffer.from(fill)]);

describe('avatars (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const avatarDir = () => t.env.AVATAR_DIR as string;
  const upload = (
    token: string,
    data: Buffer,
    filename = 'me.png',
    contentType = 'image/png',
    field = 'file',
  ) =>
    t
      .http()
      .put('/api/users/me/avatar')
      .set(bearer(token))
      .attach(field, data, { filename, contentType });

  it('stores an image by its content hash and serves it with its type and cache headers', async () => {
    const account = await registerAccount(t);
    const res = await upload(account.accessToken, png('first')).expect(200);
    expect(res.body).toEqual({
      avatarUrl: expect.stringMatching(/^\/avatars\/[a-f0-9]{64}\.png$/),
    });
    const me = await t.http().get('/api/users/me').set(bearer(account.accessToken)).expect(200);
    expect(me.body.avatarUrl).toBe(res.body.avatarUrl);

    const image = await t.http().get(res.body.avatarUrl).buffer(true).expect(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(image.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(Buffer.compare(image.body as Buffer, png('first'))).toBe(0);
  });

  it('trusts the bytes, not the declared type: JPEG and WebP are recognised, anything else refused', async () => {
    const account = await registerAccount(t);
    const asJpeg = await upload(account.accessToken, jpeg('photo'), 'x.png', 'image/png').expect(
      200,
    );
    expect(asJpeg.body.avatarUrl).toMatch(/\.jpg$/);
    const asWebp = await upload(
      account.accessToken,
      webp('pic'),
      'x.bin',
      'application/octet-stream',
    ).expect(200);
    expect(asWebp.body.avatarUrl).toMatch(/\.webp$/);
    const html = await upload(
      account.accessToken,
      Buffer.from('<script>alert(1)</script>'),
      'x.png',
      'image/png',
    ).expect(400);
    expectEnvelope(
      html.body,
      400,
      '/api/users/me/avatar',
      'The file must be a PNG, JPEG or WebP image',
    );
  });

  it('replaces the previous file and removes it', async () => {
    const account = await registerAccount(t);
    const first = await upload(account.accessToken, png('one')).expect(200);
    const second = await upload(account.accessToken, png('two')).expect(200);
    const firstFile = first.body.avatarUrl.split('/').pop();
    const secondFile = second.body.avatarUrl.split('/').pop();
    expect(readdirSync(avatarDir())).toContain(secondFile);
    expect(existsSync(`${avatarDir()}/${firstFile}`)).toBe(false);
    await t.http().get(first.body.avatarUrl).expect(404);
  });

  it('keeps a file another account still shows', async () => {
    const a = await registerAccount(t);
    const b = await registerAccount(t);
    const shared = await upload(a.accessToken, png('shared')).expect(200);
    await upload(b.accessToken, png('shared')).expect(200);
    await upload(a.accessToken, png('a-new')).expect(200);
    await t.http().get(shared.body.avatarUrl).expect(200);
  });

  it('refuses a file over 2 MiB with 413, and accepts exactly 2 MiB', async () => {
    const account = await registerAccount(t);
    const big = Buffer.concat([
      PNG_SIGNATURE,
      Buffer.alloc(2 * 1024 * 1024 + 1 - PNG_SIGNATURE.length, 1),
    ]);
    const res = await upload(account.accessToken, big).expect(413);
    expectEnvelope(res.body, 413, '/api/users/me/avatar');
    const exact = Buffer.concat([
      PNG_SIGNATURE,
      Buffer.alloc(2 * 1024 * 1024 - PNG_SIGNATURE.length, 2),
    ]);
    await upload(account.accessToken, exact).expect(200);
  });

  it('refuses requests without a multipart file field', async () => {
    const account = await registerAccount(t);
    await t
      .http()
      .put('/api/users/me/avatar')
      .set(bearer(account.accessToken))
      .send({ file: 'x' })
      .expect(400);
    await upload(account.accessToken, png('x'), 'me.png', 'image/png', 'avatar').expect(400);
    await t.http().put('/api/users/me/avatar').attach('file', png('x'), 'me.png').expect(401);
  });

  it('serves only stored, content-addressed names', async () => {
    await t
      .http()
      .get(`/avatars/${'0'.repeat(64)}.png`)
      .expect(404);
    await t.http().get('/avatars/..%2F..%2Fpackage.json').expect(404);
    await t.http().get('/avatars/%2E%2E%2Farena.sqlite').expect(404);
    const res = await t.http().get('/avatars/whatever.svg').expect(404);
    expectEnvelope(res.body, 404, '/avatars/whatever.svg');
  });
});
