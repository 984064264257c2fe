/**
 * Verifies a replay offline, with nothing but the engine package: re-simulates it and compares
 * it with the result it claims, exactly as POST /api/replays/verify does.
 *
 *   npm run replay:verify -- match.replay.json      # prints the verdict as JSON
 *   curl -s -H "Authorization: Bearer $TOKEN" $BASE/api/matches/$ID/replay | npm run -s replay:verify -- -
 *
 * Exit code 0 only when the replay is valid; 1 when it is not (or is not a replay); 2 when the
 * file cannot be read.
 */
import { verifyReplay } from '@arena/engine';
import { readFileSync } from 'node:fs';

function main(): number {
  const [file] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: npm run replay:verify -- <replay.json | ->\n');
    return 2;
  }
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
  } catch (error) {
    process.stderr.write(`Cannot read a JSON replay from ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const verdict = verifyReplay(value);
  process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  return verdict.valid ? 0 : 1;
}

process.exitCode = main();
