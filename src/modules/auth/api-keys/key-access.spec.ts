import { keyMay, requirementOf, SOCKET_REQUIREMENT } from './key-access';

describe('what an API key may do', () => {
  it('reads GET and HEAD routes with `read`, and nothing else by default', () => {
    expect(requirementOf('GET', undefined)).toBe('read');
    expect(requirementOf('HEAD', undefined)).toBe('read');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(requirementOf(method, undefined)).toBe('never');
    }
  });

  it('lets a declared requirement override the method', () => {
    expect(requirementOf('GET', 'never')).toBe('never');
    expect(requirementOf('POST', 'play')).toBe('play');
  });

  it.each([
    [['read'], 'read', true],
    [['read'], 'play', false],
    [['play'], 'read', false],
    [['play'], 'play', true],
    [['read', 'play'], 'read', true],
    [['read', 'play'], 'play', true],
    [['read', 'play'], 'never', false],
    [[], 'read', false],
  ] as const)('scopes %j, requirement %s: %s', (scopes, requirement, allowed) => {
    expect(keyMay(scopes, requirement)).toBe(allowed);
  });

  it('opens game sockets to `play` keys only', () => {
    expect(keyMay(['play'], SOCKET_REQUIREMENT)).toBe(true);
    expect(keyMay(['read'], SOCKET_REQUIREMENT)).toBe(false);
  });
});
