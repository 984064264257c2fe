#!/usr/bin/env node
/**
 * Builds the web client into web/dist: one minified script and one stylesheet whose names carry
 * a hash of their content (Arena serves them as immutable), and index.html that loads them.
 * Prints the bytes shipped, raw and gzipped. `--quiet` prints nothing.
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const web = dirname(fileURLToPath(import.meta.url));
const out = join(web, 'dist');
const quiet = process.argv.includes('--quiet');

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });

const result = await build({
  entryPoints: { app: join(web, 'src', 'main.ts'), style: join(web, 'src', 'styles.css') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  platform: 'browser',
  tsconfig: join(web, 'tsconfig.app.json'),
  outdir: join(out, 'assets'),
  entryNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'none',
  logLevel: quiet ? 'silent' : 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
const script = outputs.find((name) => name.startsWith('app-') && name.endsWith('.js'));
const style = outputs.find((name) => name.startsWith('style-') && name.endsWith('.css'));
if (!script || !style) throw new Error(`esbuild wrote no app script or stylesheet: ${outputs}`);

const page = readFileSync(join(web, 'index.html'), 'utf8')
  .replace('%SCRIPT%', `/assets/${script}`)
  .replace('%STYLE%', `/assets/${style}`);
writeFileSync(join(out, 'index.html'), page);

if (!quiet) {
  const files = ['index.html', `assets/${script}`, `assets/${style}`];
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(join(out, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  process.stderr.write(`web client: ${files.length} files, ${raw} bytes, ${gzip} gzipped\n`);
}
