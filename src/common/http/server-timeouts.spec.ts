import { REQUEST_TIMEOUT_MS, serverTimeouts } from './server-timeouts';

describe('serverTimeouts', () => {
  it('waits 10 s for headers, checked every second, and 5 minutes for a whole request', () => {
    expect(serverTimeouts(10_000)).toEqual({
      requestTimeout: REQUEST_TIMEOUT_MS,
      http: { headersTimeout: 10_000, connectionsCheckingInterval: 1000 },
    });
  });

  it('checks a short wait often enough to keep it', () => {
    expect(serverTimeouts(300).http.connectionsCheckingInterval).toBe(75);
    expect(serverTimeouts(100).http.connectionsCheckingInterval).toBe(25);
  });
});
