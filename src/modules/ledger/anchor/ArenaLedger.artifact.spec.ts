/**
 * The committed artifact is what contracts/ArenaLedger.sol compiles to today: recompiling with
 * scripts/ledger-compile.js into a temp file must give the same bytes, so the two never drift.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir } from '../../../../test/support/temp-dir';
import artifact from './ArenaLedger.artifact.json';

const root = join(__dirname, '../../../..');
const COMPILE_TIMEOUT_MS = 60_000;

describe('ArenaLedger artifact', () => {
  it(
    'matches a fresh compilation of the contract',
    async () => {
      const temp = makeTempDir('arena-ledger-artifact-');
      try {
        const out = join(temp.path, 'ArenaLedger.artifact.json');
        await promisify(execFile)(process.execPath, ['scripts/ledger-compile.js', '--out', out], {
          cwd: root,
          timeout: COMPILE_TIMEOUT_MS,
        });

        const committed = readFileSync(join(__dirname, 'ArenaLedger.artifact.json'), 'utf8');
        expect(readFileSync(out, 'utf8')).toBe(committed);
      } finally {
        temp.cleanup();
      }
    },
    COMPILE_TIMEOUT_MS + 5_000,
  );

  it('was built for shanghai with the optimizer, and exposes what the anchor calls', () => {
    const names = artifact.abi.map((entry) => ('name' in entry ? entry.name : entry.type));

    expect(artifact.compiler).toMatchObject({
      evmVersion: 'shanghai',
      optimizer: { enabled: true },
    });
    expect(artifact.bytecode).toMatch(/^0x[0-9a-f]+$/);
    expect(names).toEqual(
      expect.arrayContaining([
        'record',
        'hashOf',
        'blockOf',
        'owner',
        'Recorded',
        'NotOwner',
        'ZeroHash',
        'AlreadyRecorded',
      ]),
    );
  });
});
