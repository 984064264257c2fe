/**
 * The port between the ledger and a public chain: the ledger service depends on `LedgerAnchor`
 * only, so Arena runs the same with the EVM anchor configured or not.
 */

/** Where an entry's hash was recorded. `chain` is a CAIP-2 id such as `eip155:43113`. */
export interface AnchorReceipt {
  chain: string;
  txHash: string;
  blockNumber: number;
}

/**
 * Why an anchor failed. The ledger retries in the background; `retryable` tells it whether a
 * later attempt can succeed (an unreachable RPC can, a hash conflict or a wrong key cannot).
 */
export type LedgerAnchorFailure =
  | 'DISABLED'
  | 'INVALID_INPUT'
  | 'MISCONFIGURED'
  | 'UNAUTHORIZED'
  | 'CONFLICT'
  | 'UNAVAILABLE'
  | 'FAILED';

export class LedgerAnchorError extends Error {
  constructor(
    readonly reason: LedgerAnchorFailure,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'LedgerAnchorError';
  }
}

export abstract class LedgerAnchor {
  abstract readonly enabled: boolean;

  /**
   * Records `entryHash` (64 hex digits) for `tournamentId` (a UUID). Idempotent: anchoring what
   * is already recorded answers the existing receipt. Rejects with a `LedgerAnchorError`.
   */
  abstract anchor(tournamentId: string, entryHash: string): Promise<AnchorReceipt>;

  /** Releases connections and timers; anchoring afterwards rejects. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Nest calls this on shutdown, after services had their chance to finish an anchor. */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}

/** The anchor when no chain is configured: the ledger still works, its entries stay unanchored. */
export class DisabledLedgerAnchor extends LedgerAnchor {
  readonly enabled = false;

  constructor(readonly why = 'the EVM anchor is not configured') {
    super();
  }

  anchor(_tournamentId: string, _entryHash: string): Promise<AnchorReceipt> {
    return Promise.reject(new LedgerAnchorError('DISABLED', this.why, false));
  }
}
