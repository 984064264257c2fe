/**
 * Findings of an adversarial review, each reproduced through the real server: slow request
 * headers and CORS methods.
 */
import { connect } from 'node:net';
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
});
