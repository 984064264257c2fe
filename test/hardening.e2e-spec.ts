/**
 * Findings of an adversarial review, each reproduced through the real server: slow request
 * headers, CORS methods, names that hide control characters or reorder text, and avatars over
 * the limit sent the way a browser sends them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { connectedGame, request } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

describe('hardening (e2e)', () => {
  let t: TestApp;
  const HEADERS_TIMEOUT_MS = 300;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        CORS_ORIGIN: 'https://play.example.com',
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('slow request headers', () => {
    it('drops a connection whose request headers have not all arrived in time', async () => {
      const { port } = new URL(t.url);
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      const sentAt = Date.now();
      // A request line and one header, then nothing: the headers never end.
      socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');

      const closedAt = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new Error('the connection was still open after 5 s'));
        }, 5000);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve(Date.now());
        });
      });
      expect(closedAt - sentAt).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      // Requests whose headers arrive at once are untouched.
      await t.http().get('/health').expect(200);
    });
  });

  describe('CORS', () => {
    it.each(['PATCH', 'PUT', 'DELETE'])(
      'lets the configured origin preflight %s',
      async (method) => {
        const res = await t
          .http()
          .options('/api/users/me')
          .set('Origin', 'https://play.example.com')
          .set('Access-Control-Request-Method', method)
          .set('Access-Control-Request-Headers', 'authorization,content-type');
        expect(res.status).toBe(204);
        expect(res.headers['access-control-allow-origin']).toBe('https://play.example.com');
        const allowed = String(res.headers['access-control-allow-methods'])
          .split(',')
          .map((m) => m.trim());
        expect(allowed).toEqual(
          expect.arrayContaining(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),
        );
      },
    );
  });

  describe('names refuse control characters and bidirectional overrides', () => {
    // U+0000 is refused before validation, in any text (input-bounds.e2e-spec.ts).
    const refused = [
      ['a bell', 'A\u0007b'],
      ['a newline', 'A\nb'],
      ['DEL', 'A\u007fb'],
      ['a C1 control (NEL)', 'A\u0085b'],
      ['RIGHT-TO-LEFT OVERRIDE', 'A\u202eb'],
      ['LEFT-TO-RIGHT EMBEDDING', 'A\u202ab'],
      ['FIRST STRONG ISOLATE', 'A\u2068b'],
      ['POP DIRECTIONAL ISOLATE', 'A\u2069b'],
    ] as const;

    it.each(refused)('refuses a display name with %s', async (_case, name) => {
      const account = await registerAccount(t);
      const res = await t
        .http()
        .patch('/api/users/me')
        .set(bearer(account.accessToken))
        .send({ displayName: name })
        .expect(400);
      expectEnvelope(res.body, 400, '/api/users/me', [
        'displayName must not contain control characters or bidirectional overrides',
      ]);
      const signUp = await t
        .http()
        .post('/api/auth/register')
        .send({
          username: `${account.username}_b`.slice(0, 20),
          email: `b_${account.email}`,
          password: 'correct horse battery',
          displayName: name,
        })
        .expect(400);
      expectEnvelope(signUp.body, 400, '/api/auth/register', [
        'displayName must not contain control characters or bidirectional overrides',
      ]);
    });

    it('keeps letters, accents, emoji (joined ones too) and inner spaces', async () => {
      const account = await registerAccount(t);
      const name = 'Zoë 🏓 👩‍👩‍👧 مرحبا';
      const res = await t
        .http()
        .patch('/api/users/me')
        .set(bearer(account.accessToken))
        .send({ displayName: name })
        .expect(200);
      expect(res.body.displayName).toBe(name);
    });

    it('lets a bio hold newlines and tabs, and no other control or override', async () => {
      const account = await registerAccount(t);
      const patch = (bio: string) =>
        t.http().patch('/api/users/me').set(bearer(account.accessToken)).send({ bio });
      const kept = await patch('Left paddle\n\tenjoyer').expect(200);
      expect(kept.body.bio).toBe('Left paddle\n\tenjoyer');
      for (const bio of [
        'carriage\rreturn',
        'bell\u0007',
        'nel\u0085',
        'flip\u202e',
        'iso\u2066',
      ]) {
        const res = await patch(bio).expect(400);
        expectEnvelope(res.body, 400, '/api/users/me', [
          'bio must not contain control characters other than newlines and tabs, or bidirectional overrides',
        ]);
      }
    });

    it('refuses them in tournament names and aliases', async () => {
      const account = await registerAccount(t);
      const post = (body: object) =>
        t.http().post('/api/tournaments').set(bearer(account.accessToken)).send(body);
      const local = await post({ name: 'Cup', kind: 'local', aliases: ['Ann', 'B\u202eo'] }).expect(
        400,
      );
      expectEnvelope(local.body, 400, '/api/tournaments', [
        'aliases must not contain control characters or bidirectional overrides',
      ]);
      const named = await post({ name: 'Cup\u2067', size: 4 }).expect(400);
      expectEnvelope(named.body, 400, '/api/tournaments', [
        'name must not contain control characters or bidirectional overrides',
      ]);

      const open = await post({ name: 'Open cup', size: 4 }).expect(201);
      const joiner = await registerAccount(t);
      const path = `/api/tournaments/${open.body.id as string}/join`;
      const join = await t
        .http()
        .post(path)
        .set(bearer(joiner.accessToken))
        .send({ alias: 'Sneaky\u0085' })
        .expect(400);
      expectEnvelope(join.body, 400, path, [
        'alias must not contain control characters or bidirectional overrides',
      ]);
    });

    it('refuses them in the aliases of a local match', async () => {
      const account = await registerAccount(t);
      const socket = await connectedGame(t, account.accessToken);
      try {
        const ack = await request(socket, 'match:local', { aliases: ['Ann', 'B\u202eo'] });
        expect(ack).toEqual({
          ok: false,
          error: {
            code: 'VALIDATION',
            message: 'aliases must not contain control characters or bidirectional overrides',
          },
        });
        await expect(
          request(socket, 'match:local', { aliases: ['Ann', 'Bö 🏓'] }),
        ).resolves.toMatchObject({ ok: true });
      } finally {
        socket.disconnect();
      }
    });
  });

  describe('avatars over 2 MiB sent as a browser sends them', () => {
    const SLICE = 64 * 1024;
    // An app of their own, with the default headers timeout: the 300 ms one above is for slow
    // headers, and a loaded machine can take longer than that between two uploads' requests.
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp();
    });

    afterAll(async () => {
      await app.close();
    });

    /**
     * PUT /api/users/me/avatar with fetch and a FormData holding the file as a Blob: a filename
     * and a content type, no length per part. A browser reads a File in 64 KiB slices that
     * reach the server one by one; Node's fetch would hand a Blob over in one write, so with
     * `sliced` the same encoded FormData goes out one slice at a time, as it would from a page.
     */
    async function upload(token: string, file: Blob, sliced: boolean): Promise<Response> {
      const form = new FormData();
      form.append('file', file, 'big.png');
      if (!sliced) {
        return fetch(`${app.url}/api/users/me/avatar`, {
          method: 'PUT',
          headers: bearer(token),
          body: form,
        });
      }
      const encoded = new Response(form);
      const reader = (encoded.body as ReadableStream<Uint8Array>).getReader();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            return;
          }
          // Let the server read this slice before the next one is written.
          await new Promise((resolve) => setImmediate(resolve));
          controller.enqueue(value);
        },
      });
      return fetch(`${app.url}/api/users/me/avatar`, {
        method: 'PUT',
        headers: {
          ...bearer(token),
          'content-type': encoded.headers.get('content-type') as string,
        },
        body,
        duplex: 'half',
      });
    }

    it('answers 413 every time and stores nothing', async () => {
      const account = await registerAccount(app);
      const png = Buffer.alloc(3 * 1024 * 1024, 0x41);
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
      const slices = Array.from({ length: png.length / SLICE }, (_, i) =>
        png.subarray(i * SLICE, (i + 1) * SLICE),
      );
      const file = new Blob(slices, { type: 'image/png' });

      const answers: { status: number; body: unknown }[] = [];
      for (let attempt = 0; attempt < 4; attempt++) {
        for (const sliced of [true, false]) {
          const res = await upload(account.accessToken, file, sliced);
          answers.push({ status: res.status, body: await res.json() });
        }
      }
      expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 8 }, () => 413));
      for (const { body } of answers) {
        expectEnvelope(body, 413, '/api/users/me/avatar', 'The avatar must be at most 2 MiB');
      }
      const me = await app.http().get('/api/users/me').set(bearer(account.accessToken)).expect(200);
      expect(me.body.avatarUrl).toBeNull();
      const dir = app.env.AVATAR_DIR as string;
      expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    });

    it('still takes an image of exactly 2 MiB sent the same way', async () => {
      const account = await registerAccount(app);
      const png = Buffer.alloc(2 * 1024 * 1024, 0x42);
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
      const slices = Array.from({ length: png.length / SLICE }, (_, i) =>
        png.subarray(i * SLICE, (i + 1) * SLICE),
      );
      const res = await upload(account.accessToken, new Blob(slices, { type: 'image/png' }), true);
      expect(res.status).toBe(200);
      const { avatarUrl } = (await res.json()) as { avatarUrl: string };
      const stored = await app.http().get(avatarUrl).buffer(true).expect(200);
      expect((stored.body as Buffer).length).toBe(png.length);
    });
  });
});
