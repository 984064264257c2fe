import { asFlowError, SignInFlowError } from './provider-client';
import { withFragment } from './provider-sign-in.service';

describe('provider failures as #error reasons', () => {
  it('calls network failures and timeouts provider_unreachable, along the cause chain', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    const fetchFailed = new TypeError('fetch failed', { cause: refused });
    const wrapped = new Error('something went wrong', { cause: fetchFailed });
    const timedOut = Object.assign(new Error('operation timed out'), { code: 'OAUTH_TIMEOUT' });
    for (const error of [fetchFailed, wrapped, timedOut, refused]) {
      expect(asFlowError(error).reason).toBe('provider_unreachable');
    }
  });

  it('calls any other failure provider_error, and keeps a flow error as it is', () => {
    const refusedGrant = Object.assign(new Error('server responded with an error'), {
      code: 'OAUTH_RESPONSE_BODY_ERROR',
      cause: { error: 'invalid_grant' },
    });
    expect(asFlowError(refusedGrant).reason).toBe('provider_error');
    expect(asFlowError('weird').reason).toBe('provider_error');
    const inUse = new SignInFlowError('identity_in_use', 'taken');
    expect(asFlowError(inUse)).toBe(inUse);
  });

  it('writes the outcome in the fragment, replacing any there was', () => {
    expect(withFragment('https://c.example/done?x=1#old', { code: 'a b' })).toBe(
      'https://c.example/done?x=1#code=a+b',
    );
  });
});
