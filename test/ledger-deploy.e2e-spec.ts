/**
 * scripts/ledger-deploy.js as an operator runs it: a child process against a local chain, its
 * JSON line parsed, and the contract it deployed used by the anchor.
 */
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Wallet } from 'ethers';
import { EvmLedgerAnchor } from '../src/modules/ledger/anchor';
import { startEvmChain, type EvmChain } from './support/evm-chain';

const SCRIPT = join(__dirname, '../scripts/ledger-deploy.js');
const RUN_TIMEOUT_MS = 20_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the script with exactly these LEDGER_* variables; resolves whatever its exit code. */
function runDeploy(vars: Record<string, string>): Promise<Run> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('LEDGER_EVM_')),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT],
      { env: { ...env, ...vars }, timeout: RUN_TIMEOUT_MS },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('scripts/ledger-deploy.js', () => {
  let chain: EvmChain;

  beforeAll(async () => {
    chain = await startEvmChain();
  }, 30_000);

  afterAll(async () => {
    await chain?.stop();
  });

  it('deploys ArenaLedger, prints one JSON line and the variable to set next', async () => {
    const run = await runDeploy({
      LEDGER_EVM_RPC_URL: chain.rpcUrl,
      LEDGER_EVM_PRIVATE_KEY: chain.privateKey,
    });

    expect(run).toMatchObject({ code: 0, stderr: expect.any(String) });
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const deployed = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(deployed).toEqual({
      contract: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/),
      chain: 'eip155:1337',
      txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      blockNumber: expect.any(Number),
      owner: chain.ownerAddress,
    });
    expect(run.stderr).toContain(`LEDGER_EVM_CONTRACT=${String(deployed.contract)}`);
    expect(`${run.stdout}${run.stderr}`).not.toContain(chain.privateKey.slice(2));

    // The contract it printed is one the anchor can use.
    const anchor = new EvmLedgerAnchor({
      rpcUrl: chain.rpcUrl,
      privateKey: chain.privateKey,
      contract: String(deployed.contract),
      pollingIntervalMs: 50,
    });
    try {
      const tournamentId = randomUUID();
      const hash = createHash('sha256').update('deployed').digest('hex');
      await anchor.anchor(tournamentId, hash);
      await expect(chain.hashOf(tournamentId, String(deployed.contract))).resolves.toBe(hash);
    } finally {
      await anchor.close();
    }
  });

  it('names the missing variables', async () => {
    const run = await runDeploy({});

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/LEDGER_EVM_RPC_URL and LEDGER_EVM_PRIVATE_KEY must be set/);
  });

  it('refuses a malformed key without printing it', async () => {
    const key = `${chain.privateKey}00`;
    const run = await runDeploy({ LEDGER_EVM_RPC_URL: chain.rpcUrl, LEDGER_EVM_PRIVATE_KEY: key });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/LEDGER_EVM_PRIVATE_KEY must be 64 hex digits/);
    expect(run.stderr).not.toContain(key.slice(2, 66));
  });

  it('says when the RPC endpoint cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const run = await runDeploy({
      LEDGER_EVM_RPC_URL: `http://127.0.0.1:${port}/ext/bc/C/rpc`,
      LEDGER_EVM_PRIVATE_KEY: chain.privateKey,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot reach a JSON-RPC endpoint at http://127.0.0.1:${port}`);
    expect(run.stderr).not.toContain(chain.privateKey.slice(2));
  });

  it('says when the deploying account has nothing to pay gas with', async () => {
    const unfunded = Wallet.createRandom();

    const run = await runDeploy({
      LEDGER_EVM_RPC_URL: chain.rpcUrl,
      LEDGER_EVM_PRIVATE_KEY: unfunded.privateKey,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the deployer ${unfunded.address} has no funds on eip155:1337`);
  });
});
