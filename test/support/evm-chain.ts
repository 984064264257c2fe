/**
 * A throwaway EVM chain for tests: ganache in-process, its JSON-RPC server on a loopback port
 * chosen by the OS, ArenaLedger deployed by the first of its deterministic accounts.
 * Start it once per spec file (beforeAll: a start takes about two seconds) and stop it in afterAll.
 */
import { ContractFactory, Contract, JsonRpcProvider, Network, Wallet } from 'ethers';
import ganache from 'ganache';
import artifact from '../../src/modules/ledger/anchor/ArenaLedger.artifact.json';

export const EVM_TEST_CHAIN_ID = 1337;
const DEPLOY_TIMEOUT_MS = 10_000;

export interface EvmChain {
  /** http://127.0.0.1:<port> */
  rpcUrl: string;
  chainId: number;
  /** `eip155:<chainId>`, as anchor receipts name the chain. */
  chain: string;
  /** Key of the account that deployed `contract`, hence its owner. */
  privateKey: string;
  ownerAddress: string;
  /** A funded key that owns nothing. */
  otherPrivateKey: string;
  /** ArenaLedger deployed at start. */
  contract: string;
  /** A fresh ArenaLedger owned by `privateKey`, for a test that needs an empty ledger. */
  deployLedger(): Promise<string>;
  /** The hash recorded for a tournament UUID as 64 hex digits, or null if none. */
  hashOf(tournamentId: string, contract?: string): Promise<string | null>;
  /** The receipt of a mined transaction, or null while it is pending or unknown. */
  receiptOf(txHash: string): Promise<{
    blockNumber: number;
    status: number | null;
    from: string;
    to: string | null;
  } | null>;
  /** Stops or resumes block production; meanwhile sent transactions wait in the pool. */
  setMining(on: boolean): Promise<void>;
  /** Closes the RPC server and the helper's own provider; safe to call twice. */
  stop(): Promise<void>;
}

export async function startEvmChain(): Promise<EvmChain> {
  const server = ganache.server({
    logging: { quiet: true },
    wallet: { deterministic: true, totalAccounts: 2 },
    chain: { chainId: EVM_TEST_CHAIN_ID, hardfork: 'shanghai' },
    server: { ws: false },
  });
  await server.listen(0, '127.0.0.1');
  const address = server.address() as { port: number };
  const rpcUrl = `http://127.0.0.1:${address.port}`;

  const accounts = Object.values(server.provider.getInitialAccounts());
  const [privateKey, otherPrivateKey] = accounts.map((account) => account.secretKey);

  const network = Network.from(EVM_TEST_CHAIN_ID);
  const provider = new JsonRpcProvider(rpcUrl, network, {
    staticNetwork: network,
    batchMaxCount: 1,
    pollingInterval: 100,
    // Fresh answers only: a test reads state right after changing it.
    cacheTimeout: -1,
  });
  const owner = new Wallet(privateKey, provider);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    provider.destroy();
    await server.close();
  };

  const deployLedger = async (): Promise<string> => {
    const factory = new ContractFactory(artifact.abi, artifact.bytecode, owner);
    const deployed = await factory.deploy();
    await deployed.deploymentTransaction()?.wait(1, DEPLOY_TIMEOUT_MS);
    return deployed.getAddress();
  };

  try {
    const contract = await deployLedger();
    return {
      rpcUrl,
      chainId: EVM_TEST_CHAIN_ID,
      chain: `eip155:${EVM_TEST_CHAIN_ID}`,
      privateKey,
      ownerAddress: owner.address,
      otherPrivateKey,
      contract,
      deployLedger,
      async hashOf(tournamentId, at = contract) {
        const ledger = new Contract(at, artifact.abi, provider);
        const id = `0x${tournamentId.replaceAll('-', '')}`;
        const hash = (await ledger.getFunction('hashOf').staticCall(id)) as string;
        return /^0x0{64}$/.test(hash) ? null : hash.slice(2);
      },
      async receiptOf(txHash) {
        const receipt = await provider.getTransactionReceipt(txHash);
        return receipt
          ? {
              blockNumber: receipt.blockNumber,
              status: receipt.status,
              from: receipt.from,
              to: receipt.to,
            }
          : null;
      },
      async setMining(on) {
        await server.provider.request({ method: on ? 'miner_start' : 'miner_stop', params: [] });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
