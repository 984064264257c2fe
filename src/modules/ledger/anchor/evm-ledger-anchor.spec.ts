/**
 * The EVM anchor against a real chain: ganache in-process on a loopback port, ArenaLedger
 * deployed from the committed artifact. One chain for the whole file; each test uses its own
 * tournament ids, so no test depends on another's records.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { startEvmChain, type EvmChain } from '../../../../test/support/evm-chain';
import { EvmLedgerAnchor, type EvmLedgerAnchorOptions } from './evm-ledger-anchor';
import { LedgerAnchorError } from './ledger-anchor';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The anchor's rejection, checked to be a LedgerAnchorError. */
async function failureOf(pending: Promise<unknown>): Promise<LedgerAnchorError> {
  const error = await pending.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LedgerAnchorError);
  return error as LedgerAnchorError;
}

/** Neither the message, the stack nor any nested field may carry the key. */
function expectNoKey(error: unknown, privateKey: string): void {
  const text = `${inspect(error, { depth: null, showHidden: true })} ${JSON.stringify(error)}`;
  expect(text.toLowerCase()).not.toContain(privateKey.replace(/^0x/, '').toLowerCase());
}

describe('EvmLedgerAnchor', () => {
  let chain: EvmChain;
  const opened: EvmLedgerAnchor[] = [];

  const anchorWith = (options: Partial<EvmLedgerAnchorOptions> = {}): EvmLedgerAnchor => {
    const anchor = new EvmLedgerAnchor({
      rpcUrl: chain.rpcUrl,
      privateKey: chain.privateKey,
      contract: chain.contract,
      requestTimeoutMs: 5_000,
      confirmationTimeoutMs: 10_000,
      pollingIntervalMs: 50,
      ...options,
    });
    opened.push(anchor);
    return anchor;
  };

  beforeAll(async () => {
    chain = await startEvmChain();
  }, 30_000);

  afterAll(async () => {
    await Promise.all(opened.map((anchor) => anchor.close()));
    await chain?.stop();
  });

  it('records the hash, which the contract then answers', async () => {
    const tournamentId = randomUUID();
    const hash = sha256('final entry');

    const receipt = await anchorWith().anchor(tournamentId, hash);

    await expect(chain.hashOf(tournamentId)).resolves.toBe(hash);
    expect(receipt).toEqual({
      chain: 'eip155:1337',
      txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      blockNumber: expect.any(Number),
    });
    await expect(chain.receiptOf(receipt.txHash)).resolves.toEqual({
      blockNumber: receipt.blockNumber,
      status: 1,
      from: chain.ownerAddress,
      to: chain.contract,
    });
  });

  it('takes the UUID as written, dashes and capitals included', async () => {
    const tournamentId = randomUUID().toUpperCase();
    const hash = sha256('upper');

    await anchorWith().anchor(tournamentId, hash.toUpperCase());

    await expect(chain.hashOf(tournamentId.toLowerCase())).resolves.toBe(hash);
  });

  it('sends one anchor after another on the same account without nonce clashes', async () => {
    const anchor = anchorWith();
    const first = await anchor.anchor(randomUUID(), sha256('a'));
    const second = await anchor.anchor(randomUUID(), sha256('b'));
    // Fired together: the adapter must still hand each transaction its own nonce.
    const together = Array.from({ length: 5 }, (_, i) => ({
      id: randomUUID(),
      hash: sha256(`c${i}`),
    }));
    const receipts = await Promise.all(together.map(({ id, hash }) => anchor.anchor(id, hash)));

    expect(second.blockNumber).toBeGreaterThan(first.blockNumber);
    expect(new Set([first, second, ...receipts].map((r) => r.txHash)).size).toBe(7);
    for (const { id, hash } of together) {
      await expect(chain.hashOf(id)).resolves.toBe(hash);
    }
  });

  it('answers the existing receipt when the same hash is anchored again', async () => {
    const tournamentId = randomUUID();
    const hash = sha256('retried');
    const first = await anchorWith().anchor(tournamentId, hash);

    // A new instance, as after a restart that lost the first receipt.
    const again = await anchorWith().anchor(tournamentId, hash);

    expect(again).toEqual(first);
  });

  it('finds the record of a send whose confirmation it gave up waiting for', async () => {
    const tournamentId = randomUUID();
    const hash = sha256('slow block');
    await chain.setMining(false);
    let timedOut: LedgerAnchorError;
    try {
      timedOut = await failureOf(
        anchorWith({ confirmationTimeoutMs: 300 }).anchor(tournamentId, hash),
      );
    } finally {
      await chain.setMining(true);
    }

    const receipt = await anchorWith().anchor(tournamentId, hash);

    expect(timedOut).toMatchObject({ reason: 'UNAVAILABLE', retryable: true });
    await expect(chain.hashOf(tournamentId)).resolves.toBe(hash);
    await expect(chain.receiptOf(receipt.txHash)).resolves.toMatchObject({
      blockNumber: receipt.blockNumber,
      status: 1,
    });
  });

  it('refuses another hash for an anchored tournament, and the record stays', async () => {
    const tournamentId = randomUUID();
    const anchored = sha256('first');
    const other = sha256('second');
    await anchorWith().anchor(tournamentId, anchored);

    const error = await failureOf(anchorWith().anchor(tournamentId, other));

    expect(error).toMatchObject({ reason: 'CONFLICT', retryable: false });
    expect(error.message).toContain(tournamentId);
    expect(error.message).toContain(anchored);
    expect(error.message).toContain(other);
    await expect(chain.hashOf(tournamentId)).resolves.toBe(anchored);
  });

  it('cannot record with a key that does not own the contract', async () => {
    const tournamentId = randomUUID();

    const error = await failureOf(
      anchorWith({ privateKey: chain.otherPrivateKey }).anchor(tournamentId, sha256('x')),
    );

    expect(error).toMatchObject({ reason: 'UNAUTHORIZED', retryable: false });
    expect(error.message).toMatch(/is not the owner/);
    expectNoKey(error, chain.otherPrivateKey);
    await expect(chain.hashOf(tournamentId)).resolves.toBeNull();
  });

  it('says so when no contract is at the configured address', async () => {
    const error = await failureOf(
      anchorWith({ contract: chain.ownerAddress }).anchor(randomUUID(), sha256('x')),
    );

    expect(error).toMatchObject({ reason: 'MISCONFIGURED', retryable: false });
    expect(error.message).toContain('no contract at');
  });

  it('rejects a malformed tournament id or hash before touching the chain', async () => {
    const anchor = anchorWith({ rpcUrl: 'http://127.0.0.1:1' });

    for (const [id, hash] of [
      ['not-a-uuid', sha256('x')],
      [randomUUID(), 'abc'],
      [randomUUID(), '0'.repeat(64)],
    ]) {
      const error = await failureOf(anchor.anchor(id, hash));
      expect(error).toMatchObject({ reason: 'INVALID_INPUT', retryable: false });
    }
  });

  describe('with an unreachable RPC endpoint', () => {
    let silent: Server;
    const sockets: Socket[] = [];
    let log: jest.SpyInstance;

    beforeAll(async () => {
      // Accepts connections and never answers: the worst case for a hang.
      silent = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    });

    beforeEach(() => {
      log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    });

    afterEach(() => log.mockRestore());

    afterAll(async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it('rejects at once when nothing listens', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as { port: number };
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const started = Date.now();

      const error = await failureOf(
        anchorWith({ rpcUrl: `http://127.0.0.1:${port}` }).anchor(randomUUID(), sha256('x')),
      );

      expect(Date.now() - started).toBeLessThan(3_000);
      expect(error).toMatchObject({ reason: 'UNAVAILABLE', retryable: true });
      expectNoKey(error, chain.privateKey);
      // ethers' own detection would log a retry every second, forever.
      expect(log).not.toHaveBeenCalled();
    });

    it('gives up after the request timeout when the endpoint never answers', async () => {
      const { port } = silent.address() as { port: number };
      const anchor = anchorWith({
        rpcUrl: `http://127.0.0.1:${port}/v3/secret-api-key`,
        requestTimeoutMs: 300,
      });
      const started = Date.now();

      const error = await failureOf(anchor.anchor(randomUUID(), sha256('x')));

      expect(Date.now() - started).toBeLessThan(3_000);
      expect(error).toMatchObject({ reason: 'UNAVAILABLE', retryable: true });
      expect(error.message).toContain(`http://127.0.0.1:${port}`);
      expect(error.message).not.toContain('secret-api-key');
      expect(log).not.toHaveBeenCalled();
    });
  });

  it('refuses to anchor once closed', async () => {
    const anchor = anchorWith();
    await anchor.anchor(randomUUID(), sha256('before close'));
    await anchor.close();
    await anchor.close();

    const error = await failureOf(anchor.anchor(randomUUID(), sha256('after close')));

    expect(error.message).toContain('closed');
  });

  it('refuses a malformed key, address or URL at construction, without echoing the key', () => {
    const base = { rpcUrl: chain.rpcUrl, privateKey: chain.privateKey, contract: chain.contract };
    const badKey = `${chain.privateKey}ff`;
    const attempts: Array<[EvmLedgerAnchorOptions, RegExp]> = [
      [{ ...base, privateKey: badKey }, /private key must be 64 hex digits/],
      [{ ...base, contract: '0x1234' }, /not a valid EVM address/],
      [{ ...base, rpcUrl: 'not a url' }, /not a valid URL/],
      [{ ...base, rpcUrl: 'ws://127.0.0.1:8545' }, /must be http/],
    ];

    for (const [options, message] of attempts) {
      let thrown: unknown;
      try {
        new EvmLedgerAnchor(options);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(LedgerAnchorError);
      expect(thrown).toMatchObject({
        reason: 'MISCONFIGURED',
        message: expect.stringMatching(message),
      });
      expectNoKey(thrown, badKey);
      expectNoKey(thrown, chain.privateKey);
    }
  });

  it('accepts a key without 0x and signs as its address', () => {
    const anchor = new EvmLedgerAnchor({
      rpcUrl: chain.rpcUrl,
      privateKey: chain.privateKey.slice(2),
      contract: chain.contract.toLowerCase(),
    });

    expect(anchor.signerAddress).toBe(chain.ownerAddress);
    expect(anchor.contractAddress).toBe(chain.contract);
    expect(anchor.enabled).toBe(true);
  });
});
