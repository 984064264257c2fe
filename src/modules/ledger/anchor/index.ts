/** The ledger's anchor: the port, its EVM and disabled implementations, and the factory. */
export {
  DisabledLedgerAnchor,
  LedgerAnchor,
  LedgerAnchorError,
  type AnchorReceipt,
  type LedgerAnchorFailure,
} from './ledger-anchor';
export {
  EvmLedgerAnchor,
  entryHashToBytes32,
  tournamentIdToBytes16,
  type EvmLedgerAnchorOptions,
} from './evm-ledger-anchor';
export {
  createLedgerAnchor,
  type LedgerAnchorConfig,
  type LedgerAnchorTuning,
} from './ledger-anchor.factory';
