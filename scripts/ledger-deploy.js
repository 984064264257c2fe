#!/usr/bin/env node
/**
 * Deploys ArenaLedger (the committed artifact, see scripts/ledger-compile.js) to the EVM chain
 * behind LEDGER_EVM_RPC_URL, owned by the account of LEDGER_EVM_PRIVATE_KEY: the account Arena
 * then anchors with. Prints one JSON line on stdout
 *   { "contract", "chain", "txHash", "blockNumber", "owner" }
 * and progress and the next step on stderr, so stdout can be piped to a file or jq.
 *
 * Optional: LEDGER_EVM_TIMEOUT_MS bounds each RPC request (default 15000).
 */
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const {
  ContractFactory,
  FetchRequest,
  JsonRpcProvider,
  Network,
  Wallet,
  formatEther,
  isError,
} = require('ethers');

// The sources' copy in a checkout; the build's copy in the container image, which has no src/.
const ARTIFACT_PATH = ['src', 'dist']
  .map((root) => join(__dirname, '..', root, 'modules/ledger/anchor/ArenaLedger.artifact.json'))
  .find((path) => existsSync(path));
const CONFIRMATION_TIMEOUT_MS = 180_000;
const FUJI_CHAIN_ID = 43113n;
const EXPLORERS = {
  43113: 'https://testnet.snowtrace.io',
  43114: 'https://snowtrace.io',
};

/** A failure the operator can fix from its message alone: no stack trace. */
class DeployError extends Error {}

function readEnv() {
  const rpcUrl = process.env.LEDGER_EVM_RPC_URL?.trim();
  const privateKey = process.env.LEDGER_EVM_PRIVATE_KEY?.trim();
  const missing = [
    ['LEDGER_EVM_RPC_URL', rpcUrl],
    ['LEDGER_EVM_PRIVATE_KEY', privateKey],
  ].filter(([, value]) => !value);
  if (missing.length > 0) {
    throw new DeployError(
      `${missing.map(([name]) => name).join(' and ')} must be set, e.g. ` +
        'LEDGER_EVM_RPC_URL=https://api.avax-test.network/ext/bc/C/rpc (Avalanche Fuji) and ' +
        'LEDGER_EVM_PRIVATE_KEY=<hex key of a funded account>',
    );
  }
  let origin;
  try {
    const url = new URL(rpcUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    origin = url.origin; // the path may hold a provider's API key: never print it
  } catch {
    throw new DeployError('LEDGER_EVM_RPC_URL must be an http(s) URL');
  }
  // Checked here so no library message can ever echo the key.
  if (!/^(0x)?[0-9a-f]{64}$/i.test(privateKey)) {
    throw new DeployError('LEDGER_EVM_PRIVATE_KEY must be 64 hex digits (with or without 0x)');
  }
  const timeoutMs = Number(process.env.LEDGER_EVM_TIMEOUT_MS ?? 15_000);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new DeployError('LEDGER_EVM_TIMEOUT_MS must be a positive number of milliseconds');
  }
  return {
    rpcUrl,
    origin,
    privateKey: privateKey.startsWith('0x') ? privateKey : `0x${privateKey}`,
    timeoutMs,
  };
}

/** One bounded eth_chainId: ethers' own network detection would retry forever. */
async function fetchChainId(request, origin) {
  const probe = request.clone();
  probe.setHeader('content-type', 'application/json');
  probe.body = { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] };
  probe.setThrottleParams({ maxAttempts: 1 });
  try {
    const response = await probe.send();
    response.assertOk();
    return BigInt(response.bodyJson.result);
  } catch (error) {
    throw new DeployError(
      `cannot reach a JSON-RPC endpoint at ${origin} (eth_chainId failed: ${short(error)})`,
    );
  }
}

function short(error) {
  return (error && (error.shortMessage || error.message)) || String(error);
}

async function deploy() {
  const env = readEnv();
  if (!ARTIFACT_PATH) throw new Error('ArenaLedger.artifact.json not found (run npm run build)');
  const artifact = JSON.parse(readFileSync(ARTIFACT_PATH, 'utf8'));
  const request = new FetchRequest(env.rpcUrl);
  request.timeout = env.timeoutMs;
  const chainId = await fetchChainId(request, env.origin);
  const chain = `eip155:${chainId}`;
  const network = Network.from(chainId);
  const provider = new JsonRpcProvider(request, network, {
    staticNetwork: network,
    batchMaxCount: 1,
    pollingInterval: 1000,
    cacheTimeout: -1,
  });
  try {
    const wallet = new Wallet(env.privateKey, provider);
    const balance = await provider.getBalance(wallet.address);
    if (balance === 0n) {
      const faucet =
        chainId === FUJI_CHAIN_ID
          ? 'get test AVAX from the faucet at https://core.app/tools/testnet-faucet/'
          : 'fund it first';
      throw new DeployError(`the deployer ${wallet.address} has no funds on ${chain}: ${faucet}`);
    }
    process.stderr.write(
      `Deploying ${artifact.contractName} to ${chain} via ${env.origin} from ${wallet.address} ` +
        `(balance ${formatEther(balance)})...\n`,
    );
    const factory = new ContractFactory(artifact.abi, artifact.bytecode, wallet);
    const contract = await factory.deploy();
    const tx = contract.deploymentTransaction();
    process.stderr.write(`Sent ${tx.hash}, waiting for a confirmation...\n`);
    const receipt = await tx.wait(1, CONFIRMATION_TIMEOUT_MS);
    const address = await contract.getAddress();
    process.stdout.write(
      `${JSON.stringify({
        contract: address,
        chain,
        txHash: receipt.hash,
        blockNumber: receipt.blockNumber,
        owner: wallet.address,
      })}\n`,
    );
    const explorer = EXPLORERS[Number(chainId)];
    if (explorer) process.stderr.write(`See it at ${explorer}/tx/${receipt.hash}\n`);
    process.stderr.write(
      `Next: set LEDGER_EVM_CONTRACT=${address} beside the same LEDGER_EVM_RPC_URL and ` +
        'LEDGER_EVM_PRIVATE_KEY, and Arena anchors each new ledger entry there.\n',
    );
  } catch (error) {
    if (error instanceof DeployError) throw error;
    if (isError(error, 'INSUFFICIENT_FUNDS')) {
      throw new DeployError(`the deployer cannot pay for the deployment on ${chain}`);
    }
    if (
      isError(error, 'TIMEOUT') ||
      isError(error, 'NETWORK_ERROR') ||
      isError(error, 'SERVER_ERROR')
    ) {
      throw new DeployError(`the RPC endpoint at ${env.origin} failed: ${short(error)}`);
    }
    throw new DeployError(`deployment on ${chain} failed: ${short(error)}`);
  } finally {
    provider.destroy();
  }
}

deploy().catch((error) => {
  const message = error instanceof DeployError ? error.message : short(error);
  process.stderr.write(`ledger:deploy: ${redactKey(message)}\n`);
  // exitCode, not exit(): stdout may still be flushing into a pipe.
  process.exitCode = 1;
});

/** Defence in depth: whatever went wrong, the key never reaches a terminal or a CI log. */
function redactKey(text) {
  const key = process.env.LEDGER_EVM_PRIVATE_KEY?.trim().replace(/^0x/i, '');
  if (!key) return text;
  return /^[0-9a-f]+$/i.test(key)
    ? text.replace(new RegExp(`(0x)?${key}`, 'gi'), '[redacted]')
    : text.split(key).join('[redacted]');
}
