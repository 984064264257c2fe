/** Which anchor the config yields, and what the disabled one answers. No chain needed. */
import { Wallet } from 'ethers';
import { EvmLedgerAnchor } from './evm-ledger-anchor';
import { DisabledLedgerAnchor, LedgerAnchorError } from './ledger-anchor';
import { createLedgerAnchor } from './ledger-anchor.factory';

const UUID = '3f0c9d8e-1b2a-4c3d-8e9f-0a1b2c3d4e5f';
const HASH = 'ab'.repeat(32);

describe('createLedgerAnchor', () => {
  const privateKey = Wallet.createRandom().privateKey;
  const complete = {
    evmRpcUrl: 'https://api.avax-test.network/ext/bc/C/rpc',
    evmPrivateKey: privateKey,
    evmContract: '0xe78A0F7E598Cc8b0Bb87894B0F60dD2a88d6a8Ab',
  };

  it('builds the EVM anchor when all three variables are set, without connecting yet', async () => {
    const anchor = createLedgerAnchor(complete);

    expect(anchor).toBeInstanceOf(EvmLedgerAnchor);
    expect(anchor.enabled).toBe(true);
    expect((anchor as EvmLedgerAnchor).signerAddress).toBe(new Wallet(privateKey).address);
    await anchor.close();
  });

  it('builds the disabled anchor when nothing is set', async () => {
    const anchor = createLedgerAnchor({ evmRpcUrl: null, evmPrivateKey: null, evmContract: null });

    expect(anchor).toBeInstanceOf(DisabledLedgerAnchor);
    expect(anchor.enabled).toBe(false);
    await expect(anchor.anchor(UUID, HASH)).rejects.toMatchObject({
      reason: 'DISABLED',
      retryable: false,
      message: 'the EVM anchor is not configured',
    });
  });

  it('names the missing variables when only some are set', async () => {
    const anchor = createLedgerAnchor({ ...complete, evmContract: null, evmRpcUrl: '' });

    expect(anchor.enabled).toBe(false);
    await expect(anchor.anchor(UUID, HASH)).rejects.toThrow(
      'the EVM anchor is not configured: LEDGER_EVM_RPC_URL, LEDGER_EVM_CONTRACT not set',
    );
  });

  it('fails fast on a malformed value, without echoing the key', () => {
    const call = (): unknown => createLedgerAnchor({ ...complete, evmContract: privateKey });

    expect(call).toThrow(LedgerAnchorError);
    expect(call).toThrow(/not a valid EVM address/);
    expect(call).not.toThrow(privateKey.slice(2));
  });
});

describe('DisabledLedgerAnchor', () => {
  it('rejects every anchor with its reason and closes without fuss', async () => {
    const anchor = new DisabledLedgerAnchor('turned off for this test');

    const failure = anchor.anchor(UUID, HASH);

    await expect(failure).rejects.toBeInstanceOf(LedgerAnchorError);
    await expect(failure).rejects.toThrow('turned off for this test');
    await expect(anchor.close()).resolves.toBeUndefined();
  });
});
