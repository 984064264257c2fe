#!/usr/bin/env node
/**
 * `npm start` builds first when dist/ is missing or older than any source file, so a fresh
 * clone needs only `npm ci && npm start`.
 */
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entryName of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entryName.name);
    const mtime = entryName.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

const sources = Math.max(
  newestMtime(join(root, 'src')),
  ...['package.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(join(root, f)).mtimeMs),
);
if (!existsSync(entry) || statSync(entry).mtimeMs < sources) {
  process.stdout.write('Building Arena (dist/ is missing or stale)...\n');
  execSync('npx nest build', { cwd: root, stdio: 'inherit' });
}
