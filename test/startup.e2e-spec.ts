/** Starting the real entry point: a production start without a JWT secret must refuse, by name. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { makeTempDir } from './support/temp-dir';
import { onPostgres, postgresUrl } from './support/test-database';

function startMain(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'src', 'main.ts')],
      { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('start-up configuration checks (e2e)', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());
  // Where the refused start would keep its data; never created, since it refuses before opening it.
  const database = onPostgres
    ? { DATABASE_URL: postgresUrl(`arena_e2e_${process.pid}_never`) }
    : { SQLITE_PATH: join(dir.path, 'never.sqlite') };

  it('refuses a production start without JWT_SECRET, naming it', async () => {
    const { code, stderr } = await startMain({
      NODE_ENV: 'production',
      ...database,
      PORT: '0',
    });
    expect(code).not.toBe(0);
    expect(stderr).toContain('JWT_SECRET');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an invalid variable, naming it', async () => {
    const { code, stderr } = await startMain({
      PORT: 'eighty',
      ...database,
    });
    expect(code).not.toBe(0);
    expect(stderr).toContain('PORT must be an integer');
  });
});
