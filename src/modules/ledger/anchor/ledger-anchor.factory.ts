/**
 * Chooses the ledger's anchor from config: the EVM anchor when its three variables are all set,
 * otherwise the disabled one, which says which variables are missing.
 */
import { EvmLedgerAnchor, type EvmLedgerAnchorOptions } from './evm-ledger-anchor';
import { DisabledLedgerAnchor, type LedgerAnchor } from './ledger-anchor';

export interface LedgerAnchorConfig {
  evmRpcUrl: string | null;
  evmPrivateKey: string | null;
  evmContract: string | null;
}

export type LedgerAnchorTuning = Pick<
  EvmLedgerAnchorOptions,
  'requestTimeoutMs' | 'confirmationTimeoutMs' | 'pollingIntervalMs'
>;

/** Throws (a `LedgerAnchorError`, MISCONFIGURED) on a malformed key, address or URL, so a bad start fails fast. */
export function createLedgerAnchor(
  config: LedgerAnchorConfig,
  tuning: LedgerAnchorTuning = {},
): LedgerAnchor {
  const { evmRpcUrl, evmPrivateKey, evmContract } = config;
  if (evmRpcUrl && evmPrivateKey && evmContract) {
    return new EvmLedgerAnchor({
      rpcUrl: evmRpcUrl,
      privateKey: evmPrivateKey,
      contract: evmContract,
      ...tuning,
    });
  }
  const missing = [
    ['LEDGER_EVM_RPC_URL', evmRpcUrl],
    ['LEDGER_EVM_PRIVATE_KEY', evmPrivateKey],
    ['LEDGER_EVM_CONTRACT', evmContract],
  ]
    .filter(([, value]) => !value)
    .map(([name]) => name);
  // Some but not all set is most likely a mistake: say which ones are missing.
  return missing.length === 3
    ? new DisabledLedgerAnchor()
    : new DisabledLedgerAnchor(`the EVM anchor is not configured: ${missing.join(', ')} not set`);
}
