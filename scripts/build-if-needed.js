#!/usr/bin/env node
/**
 * `npm start` builds first when a build output is missing or older than any of its sources, so a
 * fresh clone needs only `npm ci && npm start`: the engine package (packages/engine/dist), the
 * server (dist/, which requires the engine's build) and the web client (web/dist, which bundles
 * the engine's sources and the server's types). `build-if-needed.js engine` looks at the
 * engine alone, for the tools that need nothing else (replay:verify, bench:replay). Messages go to
 * stderr, so a tool's JSON on stdout stays clean.
 */
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const engineRoot = join(root, 'packages', 'engine');

function newestMtime(dir) {
  let newest = 0;
  for (const entryName of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entryName.name);
    const mtime = entryName.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

const mtimes = (dir, files) => files.map((file) => statSync(join(dir, file)).mtimeMs);
const stale = (output, sources) => !existsSync(output) || statSync(output).mtimeMs < sources;
const build = (what, command) => {
  process.stderr.write(`Building ${what} (its build is missing or stale)...\n`);
  execSync(command, { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  // An incremental build of unchanged sources writes nothing: this stamp says it is up to date.
  writeFileSync(join(engineRoot, 'dist', '.built'), '');
};

const engineSources = Math.max(
  newestMtime(join(engineRoot, 'src')),
  ...mtimes(engineRoot, ['package.json', 'tsconfig.json', 'tsconfig.build.json']),
);
// The engine builds incrementally (only changed files are written): its newest output counts.
const engineDist = join(engineRoot, 'dist');
const engineStale =
  !existsSync(join(engineDist, 'index.js')) || newestMtime(engineDist) < engineSources;

if (process.argv[2] === 'engine') {
  if (engineStale) build('the engine', 'npm run -s build:engine');
} else {
  const sources = Math.max(
    engineSources,
    newestMtime(join(root, 'src')),
    ...mtimes(root, ['package.json', 'tsconfig.json', 'tsconfig.build.json']),
  );
  const webRoot = join(root, 'web');
  const webSources = Math.max(
    sources,
    newestMtime(join(webRoot, 'src')),
    ...mtimes(webRoot, ['index.html', 'build.mjs', 'tsconfig.json', 'tsconfig.app.json']),
  );
  if (engineStale || stale(join(root, 'dist', 'main.js'), sources)) build('Arena', 'npm run -s build');
  else if (stale(join(webRoot, 'dist', 'index.html'), webSources)) {
    build('the web client', 'npm run -s build:web');
  }
}
