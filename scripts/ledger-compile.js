#!/usr/bin/env node
/**
 * Compiles contracts/ArenaLedger.sol with solc-js (offline, no compiler download) into the
 * artifact the EVM anchor and the deploy script load. The artifact is committed so the app needs
 * only ethers at run time; a unit spec recompiles and compares, so source and artifact never drift.
 *
 *   node scripts/ledger-compile.js              writes src/modules/ledger/anchor/ArenaLedger.artifact.json
 *   node scripts/ledger-compile.js --out FILE   writes FILE instead (the drift check uses this)
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const solc = require('solc');

const root = join(__dirname, '..');
// The source key is part of the metadata hashed into the bytecode: keep it fixed and relative.
const SOURCE_NAME = 'contracts/ArenaLedger.sol';
const CONTRACT_NAME = 'ArenaLedger';
const ARTIFACT_PATH = join(root, 'src/modules/ledger/anchor/ArenaLedger.artifact.json');
// Shanghai (PUSH0) runs on ganache 7.9 and on Avalanche C-Chain since Durango; newer forks may not.
const SETTINGS = {
  evmVersion: 'shanghai',
  optimizer: { enabled: true, runs: 200 },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
};

function compileArenaLedger() {
  const input = {
    language: 'Solidity',
    sources: { [SOURCE_NAME]: { content: readFileSync(join(root, SOURCE_NAME), 'utf8') } },
    settings: SETTINGS,
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const problems = output.errors ?? [];
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  }
  // A warning is a smell in a 50-line contract that holds immutable results: refuse it too.
  if (problems.length > 0) {
    throw new Error(`solc warnings:\n${problems.map((e) => e.formattedMessage).join('\n')}`);
  }
  const contract = output.contracts[SOURCE_NAME][CONTRACT_NAME];
  return {
    contractName: CONTRACT_NAME,
    sourceName: SOURCE_NAME,
    compiler: {
      version: solc.version(),
      evmVersion: SETTINGS.evmVersion,
      optimizer: SETTINGS.optimizer,
    },
    abi: contract.abi,
    bytecode: `0x${contract.evm.bytecode.object}`,
  };
}

function main(argv) {
  const outFlag = argv.indexOf('--out');
  const out = outFlag >= 0 ? argv[outFlag + 1] : ARTIFACT_PATH;
  if (!out) throw new Error('--out needs a file path');
  const artifact = compileArenaLedger();
  writeFileSync(out, `${JSON.stringify(artifact, null, 2)}\n`);
  const where = relative(process.cwd(), out) || out;
  process.stdout.write(
    `${artifact.contractName} compiled with solc ${artifact.compiler.version} -> ${where}\n`,
  );
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`ledger:compile: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  }
}

module.exports = { compileArenaLedger, ARTIFACT_PATH };
