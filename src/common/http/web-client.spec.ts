import { isWebClientPage, webClientHeaders } from './web-client';

describe('web client page', () => {
  it('is / and /index.html, with or without a query, and nothing else', () => {
    expect(isWebClientPage('/')).toBe(true);
    expect(isWebClientPage('/?code=1')).toBe(true);
    expect(isWebClientPage('/index.html')).toBe(true);
    expect(isWebClientPage('/api/users')).toBe(false);
    expect(isWebClientPage('/docs')).toBe(false);
    expect(isWebClientPage('/assets/app-1.js')).toBe(false);
  });

  it("allows only the page's own origin: no inline code, no other host, no framing", () => {
    const csp = webClientHeaders()['content-security-policy'];
    expect(csp.split(';').sort()).toEqual(
      [
        "base-uri 'self'",
        "connect-src 'self'",
        "default-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "img-src 'self' data:",
        "object-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
      ].sort(),
    );
    expect(webClientHeaders()['x-content-type-options']).toBe('nosniff');
  });
});
