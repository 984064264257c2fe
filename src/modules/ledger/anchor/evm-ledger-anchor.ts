/**
 * The EVM anchor: records each tournament's ledger entry hash in the ArenaLedger contract
 * (contracts/ArenaLedger.sol) on any EVM chain with a JSON-RPC endpoint, through ethers 6.
 */
import {
  Contract,
  FetchRequest,
  getAddress,
  isError,
  JsonRpcProvider,
  Network,
  Wallet,
  type ContractTransactionResponse,
} from 'ethers';
import artifact from './ArenaLedger.artifact.json';
import { LedgerAnchor, LedgerAnchorError, type AnchorReceipt } from './ledger-anchor';

export interface EvmLedgerAnchorOptions {
  rpcUrl: string;
  /** 32-byte hex key of the contract's owner, with or without 0x. */
  privateKey: string;
  /** Address of the deployed ArenaLedger contract. */
  contract: string;
  /** Bound on each JSON-RPC request. */
  requestTimeoutMs?: number;
  /** Bound on waiting for a sent transaction's first confirmation. */
  confirmationTimeoutMs?: number;
  /** How often ethers polls for new blocks while waiting for a confirmation. */
  pollingIntervalMs?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTRY_HASH = /^(0x)?[0-9a-f]{64}$/i;
const PRIVATE_KEY = /^(0x)?[0-9a-f]{64}$/i;
const ZERO_HASH = `0x${'0'.repeat(64)}`;

/** The contract's key for a tournament: the UUID's 16 bytes, as `0x` + 32 hex digits. */
export function tournamentIdToBytes16(tournamentId: string): string {
  if (!UUID.test(tournamentId)) {
    throw new LedgerAnchorError('INVALID_INPUT', 'tournament id must be a UUID', false);
  }
  return `0x${tournamentId.replaceAll('-', '').toLowerCase()}`;
}

/** A ledger entry hash (64 hex digits, SHA-256) as the contract's bytes32. */
export function entryHashToBytes32(entryHash: string): string {
  if (!ENTRY_HASH.test(entryHash)) {
    throw new LedgerAnchorError('INVALID_INPUT', 'entry hash must be 64 hex digits', false);
  }
  const bytes32 = `0x${entryHash.replace(/^0x/i, '').toLowerCase()}`;
  if (bytes32 === ZERO_HASH) {
    throw new LedgerAnchorError('INVALID_INPUT', 'entry hash must not be zero', false);
  }
  return bytes32;
}

interface Connection {
  provider: JsonRpcProvider;
  contract: Contract;
  chain: string;
}

/** Node's codes for a connection that failed below HTTP. */
const NETWORK_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

export class EvmLedgerAnchor extends LedgerAnchor {
  readonly enabled = true;
  readonly contractAddress: string;
  readonly signerAddress: string;

  private readonly wallet: Wallet;
  private readonly rpcUrl: string;
  /** Origin only: a provider's URL often carries an API key in its path. */
  private readonly rpcLabel: string;
  private readonly requestTimeoutMs: number;
  private readonly confirmationTimeoutMs: number;
  private readonly pollingIntervalMs: number;
  private connection: Promise<Connection> | null = null;
  /** Sends one at a time, so each takes the account's next nonce only after the last is mined. */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * The nonce after our last accepted transaction: a floor under the node's pending count,
   * which a load-balanced public endpoint may answer from a node that has not seen it yet.
   */
  private nextNonce: number | null = null;
  private closed = false;

  constructor(options: EvmLedgerAnchorOptions) {
    super();
    this.rpcUrl = options.rpcUrl;
    this.rpcLabel = rpcOrigin(options.rpcUrl);
    // Checked by shape before ethers sees it, so no library message can ever echo the key.
    if (!PRIVATE_KEY.test(options.privateKey)) {
      throw new LedgerAnchorError(
        'MISCONFIGURED',
        'the anchor private key must be 64 hex digits (with or without 0x)',
        false,
      );
    }
    this.wallet = new Wallet(
      options.privateKey.startsWith('0x') ? options.privateKey : `0x${options.privateKey}`,
    );
    this.signerAddress = this.wallet.address;
    try {
      this.contractAddress = getAddress(options.contract);
    } catch {
      throw new LedgerAnchorError(
        'MISCONFIGURED',
        // The value is not echoed: a key pasted into the wrong variable would leak.
        'the anchor contract address is not a valid EVM address (0x and 40 hex digits)',
        false,
      );
    }
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.confirmationTimeoutMs = options.confirmationTimeoutMs ?? 120_000;
    this.pollingIntervalMs = options.pollingIntervalMs ?? 1_000;
  }

  async anchor(tournamentId: string, entryHash: string): Promise<AnchorReceipt> {
    const id = tournamentIdToBytes16(tournamentId);
    const hash = entryHashToBytes32(entryHash);
    const run = this.queue.then(() => this.anchorNow(tournamentId, id, hash));
    this.queue = run.catch(() => undefined);
    return run;
  }

  override async close(): Promise<void> {
    this.closed = true;
    const connection = this.connection;
    this.connection = null;
    if (connection) {
      const opened = await connection.catch(() => null);
      opened?.provider.destroy();
    }
  }

  private async anchorNow(tournamentId: string, id: string, hash: string): Promise<AnchorReceipt> {
    let chain: string | null = null;
    try {
      const connection = await this.connect();
      chain = connection.chain;
      const existing = await this.existingReceipt(connection, tournamentId, id, hash);
      if (existing) return existing;
      try {
        const nonce = await this.takeNonce(connection);
        let tx: ContractTransactionResponse;
        try {
          tx = await connection.contract.getFunction('record').send(id, hash, { nonce });
        } catch (error) {
          this.nextNonce = null;
          throw error;
        }
        this.nextNonce = nonce + 1;
        const receipt = await tx.wait(1, this.confirmationTimeoutMs).catch((error: unknown) => {
          // Unconfirmed: it may yet be dropped, so the next send asks the chain afresh.
          this.nextNonce = null;
          throw error;
        });
        // wait(1) answers null only for 0 confirmations; kept as a guard for the type.
        if (!receipt) throw new Error('no receipt for the record transaction');
        return { chain, txHash: receipt.hash, blockNumber: receipt.blockNumber };
      } catch (error) {
        // The record may be on chain despite the error: an earlier attempt mined late, or the
        // wait timed out just before the block. The chain, not the error, decides.
        const recorded = await this.recheck(connection, tournamentId, id, hash);
        if (recorded) return recorded;
        throw error;
      }
    } catch (error) {
      throw this.explain(error, tournamentId, chain);
    }
  }

  /** The receipt of an existing record of this tournament, null if none, or a conflict. */
  private async existingReceipt(
    { contract, chain }: Connection,
    tournamentId: string,
    id: string,
    hash: string,
  ): Promise<AnchorReceipt | null> {
    const recorded = (await contract.getFunction('hashOf').staticCall(id)) as string;
    if (recorded === ZERO_HASH) return null;
    if (recorded.toLowerCase() !== hash) {
      throw new LedgerAnchorError(
        'CONFLICT',
        `tournament ${tournamentId} is already anchored on ${chain} with hash ${recorded.slice(2)}, ` +
          `not ${hash.slice(2)}; an anchored result cannot change`,
        false,
      );
    }
    // The contract keeps the block of each record, so the log is looked up in one block: public
    // RPC endpoints refuse eth_getLogs over long block ranges.
    const block = Number((await contract.getFunction('blockOf').staticCall(id)) as bigint);
    const logs = await contract.queryFilter(contract.getEvent('Recorded')(id), block, block);
    const log = logs.find((entry) => entry.data.toLowerCase() === hash);
    if (!log) {
      throw new LedgerAnchorError(
        'UNAVAILABLE',
        `tournament ${tournamentId} is anchored on ${chain} but its Recorded log in block ${block} ` +
          'was not returned by the RPC endpoint',
        true,
      );
    }
    return { chain, txHash: log.transactionHash, blockNumber: log.blockNumber };
  }

  /** `existingReceipt` after a failed send; its own transient failure leaves the send's error. */
  private async recheck(
    connection: Connection,
    tournamentId: string,
    id: string,
    hash: string,
  ): Promise<AnchorReceipt | null> {
    try {
      return await this.existingReceipt(connection, tournamentId, id, hash);
    } catch (error) {
      if (error instanceof LedgerAnchorError && error.reason === 'CONFLICT') throw error;
      return null;
    }
  }

  private async takeNonce({ provider }: Connection): Promise<number> {
    // A raw request: ethers' getTransactionCount shares answers between calls 250 ms apart.
    const pending = Number(
      await provider.send('eth_getTransactionCount', [this.signerAddress, 'pending']),
    );
    return Math.max(pending, this.nextNonce ?? 0);
  }

  private connect(): Promise<Connection> {
    if (this.closed) {
      return Promise.reject(new LedgerAnchorError('UNAVAILABLE', 'the anchor is closed', false));
    }
    // A failed connection is forgotten so the next anchor tries again.
    this.connection ??= this.open().catch((error: unknown) => {
      this.connection = null;
      throw error;
    });
    return this.connection;
  }

  private async open(): Promise<Connection> {
    const request = new FetchRequest(this.rpcUrl);
    request.timeout = this.requestTimeoutMs;
    // ethers' own network detection retries forever when the endpoint is down; asking for the
    // chain id once, with a timeout, keeps every anchor bounded.
    let chainId: bigint;
    try {
      chainId = await fetchChainId(request);
    } catch (error) {
      throw new LedgerAnchorError(
        'UNAVAILABLE',
        `cannot reach a JSON-RPC endpoint at ${this.rpcLabel} (eth_chainId: ${this.summary(error)})`,
        true,
      );
    }
    const network = Network.from(chainId);
    const provider = new JsonRpcProvider(request, network, {
      staticNetwork: network,
      batchMaxCount: 1,
      pollingInterval: this.pollingIntervalMs,
      // Shared answers within 250 ms would let hashOf or the nonce read a state we just changed.
      cacheTimeout: -1,
    });
    try {
      const chain = `eip155:${chainId}`;
      if ((await provider.getCode(this.contractAddress)) === '0x') {
        throw new LedgerAnchorError(
          'MISCONFIGURED',
          `no contract at ${this.contractAddress} on ${chain}; deploy it with npm run ledger:deploy`,
          false,
        );
      }
      const contract = new Contract(
        this.contractAddress,
        artifact.abi,
        this.wallet.connect(provider),
      );
      // Checked up front: nodes differ in how they return revert data, so NotOwner from a
      // failed estimate cannot be relied on to say what went wrong.
      const owner = getAddress((await contract.getFunction('owner').staticCall()) as string);
      if (owner !== this.signerAddress) {
        throw new LedgerAnchorError(
          'UNAUTHORIZED',
          `the anchor's signer ${this.signerAddress} is not the owner (${owner}) of ` +
            `${this.contractAddress} on ${chain}`,
          false,
        );
      }
      if (this.closed) throw new LedgerAnchorError('UNAVAILABLE', 'the anchor is closed', false);
      return { provider, contract, chain };
    } catch (error) {
      provider.destroy();
      throw error;
    }
  }

  /** One `LedgerAnchorError` per failure, worded for an operator, without secrets. */
  private explain(error: unknown, tournamentId: string, chain: string | null): LedgerAnchorError {
    if (error instanceof LedgerAnchorError) return error;
    const what = `anchoring tournament ${tournamentId} ${chain ? `on ${chain} ` : ''}via ${this.rpcLabel}`;
    if (isError(error, 'CALL_EXCEPTION') && error.revert) {
      switch (error.revert.name) {
        case 'NotOwner':
          return new LedgerAnchorError(
            'UNAUTHORIZED',
            `${what}: the signer ${this.signerAddress} is not the owner of ${this.contractAddress}`,
            false,
          );
        case 'AlreadyRecorded':
          return new LedgerAnchorError(
            'CONFLICT',
            `${what}: the tournament was recorded concurrently with another hash`,
            false,
          );
        default:
          return new LedgerAnchorError(
            'FAILED',
            `${what}: the contract refused (${error.revert.signature})`,
            false,
          );
      }
    }
    if (isError(error, 'INSUFFICIENT_FUNDS')) {
      return new LedgerAnchorError(
        'FAILED',
        `${what}: the signer ${this.signerAddress} cannot pay for gas`,
        true,
      );
    }
    if (isNetworkFailure(error)) {
      return new LedgerAnchorError('UNAVAILABLE', `${what}: ${this.summary(error)}`, true);
    }
    return new LedgerAnchorError('FAILED', `${what}: ${this.summary(error)}`, true);
  }

  /** ethers' short message (its long one lists request details), without key or RPC URL. */
  private summary(error: unknown): string {
    let text = String(error);
    if (error instanceof Error) {
      text = 'shortMessage' in error ? String(error.shortMessage) : error.message;
      // "could not coalesce error" and kin: the node's own words sit one level down.
      const nested = (error as { error?: { message?: unknown } }).error?.message;
      if (typeof nested === 'string') text = `${text}: ${nested}`;
    }
    const key = this.wallet.privateKey.slice(2);
    return text
      .replace(new RegExp(`(0x)?${key}`, 'gi'), '[redacted]')
      .replaceAll(this.rpcUrl, this.rpcLabel);
  }
}

/** eth_chainId with one bounded request; rejects on an unreachable or non-JSON-RPC endpoint. */
async function fetchChainId(base: FetchRequest): Promise<bigint> {
  const request = base.clone();
  request.setHeader('content-type', 'application/json');
  request.body = { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] };
  // One attempt only: the ledger already retries in the background.
  request.setThrottleParams({ maxAttempts: 1 });
  const response = await request.send();
  response.assertOk();
  const body = response.bodyJson as { result?: unknown };
  if (typeof body.result !== 'string') {
    throw new LedgerAnchorError('UNAVAILABLE', 'the RPC endpoint did not answer eth_chainId', true);
  }
  return BigInt(body.result);
}

function isNetworkFailure(error: unknown): boolean {
  if (
    isError(error, 'TIMEOUT') ||
    isError(error, 'NETWORK_ERROR') ||
    isError(error, 'SERVER_ERROR')
  ) {
    return true;
  }
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NETWORK_FAILURES.has(code);
}

function rpcOrigin(rpcUrl: string): string {
  let url: URL;
  try {
    url = new URL(rpcUrl);
  } catch {
    throw new LedgerAnchorError('MISCONFIGURED', 'the anchor RPC URL is not a valid URL', false);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LedgerAnchorError('MISCONFIGURED', 'the anchor RPC URL must be http(s)', false);
  }
  return url.origin;
}
