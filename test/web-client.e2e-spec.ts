/**
 * The web client at `/`: served from WEB_DIR (here a small stand-in build), with a policy that
 * allows only Arena's own origin, and without shadowing any route of the API.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectEnvelope } from './support/envelope';
import { makeTempDir } from './support/temp-dir';
import { startTestApp, TestApp } from './support/test-app';

const PAGE = '<!doctype html><title>Arena</title><script src="/assets/app-0a1b2c3d.js"></script>';
const SCRIPT = 'document.title = "Arena";';

describe('web client (e2e)', () => {
  const web = makeTempDir('arena-web-');
  let t: TestApp;

  beforeAll(async () => {
    mkdirSync(join(web.path, 'assets'));
    writeFileSync(join(web.path, 'index.html'), PAGE);
    writeFileSync(join(web.path, 'assets', 'app-0a1b2c3d.js'), SCRIPT);
    t = await startTestApp({ env: { WEB_DIR: web.path } });
  });

  afterAll(async () => {
    await t.close();
    web.cleanup();
  });

  it('serves the page at / with a policy that allows only its own origin', async () => {
    const res = await t.http().get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toBe(PAGE);
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https:|\*/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    await t.http().get('/index.html').expect(200, PAGE);
  });

  it('serves hashed assets for good', async () => {
    const res = await t.http().get('/assets/app-0a1b2c3d.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.text).toBe(SCRIPT);
  });

  it('shadows nothing: the API, docs, health and unknown paths answer as before', async () => {
    expectEnvelope((await t.http().get('/api/nowhere').expect(404)).body, 404, '/api/nowhere');
    expectEnvelope((await t.http().get('/nowhere.js').expect(404)).body, 404, '/nowhere.js');
    expectEnvelope(
      (await t.http().get('/assets/missing.js').expect(404)).body,
      404,
      '/assets/missing.js',
    );
    await t.http().get('/health').expect(200);
    const docs = await t.http().get('/docs-json').expect(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    // The API keeps its own policy.
    const api = await t.http().get('/api/nowhere');
    expect(api.headers['content-security-policy']).not.toBe(
      (await t.http().get('/')).headers['content-security-policy'],
    );
  });

  it('answers / with the 404 envelope when no client was built', async () => {
    const empty = makeTempDir('arena-web-empty-');
    const bare = await startTestApp({ env: { WEB_DIR: empty.path } });
    try {
      expectEnvelope((await bare.http().get('/').expect(404)).body, 404, '/');
    } finally {
      await bare.close();
      empty.cleanup();
    }
  });
});
