import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it("gives helmet's defaults: a strict CSP, nosniff, HSTS, frame and referrer policies", () => {
    const headers = securityHeaders();
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(headers).not.toHaveProperty('x-powered-by');
  });

  it('follows helmet options', () => {
    const headers = securityHeaders({
      contentSecurityPolicy: false,
      frameguard: { action: 'deny' },
    });
    expect(headers).not.toHaveProperty('content-security-policy');
    expect(headers['x-frame-options']).toBe('DENY');
  });

  it('is worked out once and cannot be changed by a caller', () => {
    expect(Object.isFrozen(securityHeaders())).toBe(true);
  });
});
