/**
 * Preloaded into a benchmarked server (`-r`) when a bench runs with `--profile`: the first
 * SIGWINCH (not SIGUSR2: Nest's shutdown hooks listen to it; SIGWINCH is ignored by default) starts the V8 CPU profiler, the second writes a .cpuprofile to CPU_PROFILE_PATH. So
 * the profile covers the measured window only, not start-up or account registration. Open it in
 * Chrome DevTools (Performance) or speedscope.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const path = process.env.CPU_PROFILE_PATH;
const session = new Session();
session.connect();
let profiling = false;

function post(method: string, params: object = {}): Promise<unknown> {
  return new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

async function toggle(): Promise<void> {
  if (!profiling) {
    profiling = true;
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 200 });
    await post('Profiler.start');
    return;
  }
  profiling = false;
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  if (!path) return;
  writeFileSync(`${path}.tmp`, JSON.stringify(profile));
  renameSync(`${path}.tmp`, path); // the bench waits for the file: let it appear whole
}

process.on('SIGWINCH', () => {
  toggle().catch((error: unknown) => process.stderr.write(`cpu profile: ${String(error)}\n`));
});
