#!/usr/bin/env node
/**
 * `npm start` builds first when a build output is missing or older than any of its sources, so a
 * fresh clone needs only `npm ci && npm start`: the workspace packages (each one's dist/: the
 * engine, the socket protocol, the client library), the server (dist/, which requires the
 * packages' builds) and the web client (web/dist, which bundles the engine's sources and the
 * server's types). `build-if-needed.js engine` looks at the engine alone, for the tools that
 * need nothing else (replay:verify, bench:replay). Messages go to stderr, so a tool's JSON on
 * stdout stays clean.
 */
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

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
// An incremental build of unchanged sources writes nothing: a stamp says each is up to date.
const stamp = (packages) => {
  for (const name of packages) writeFileSync(join(root, 'packages', name, 'dist', '.built'), '');
};
const build = (what, command, packages) => {
  process.stderr.write(`Building ${what} (its build is missing or stale)...\n`);
  execSync(command, { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  stamp(packages);
};

/** A package's sources, and whether its build (incremental: its newest output counts) is older. */
function packageState(name) {
  const dir = join(root, 'packages', name);
  const sources = Math.max(
    newestMtime(join(dir, 'src')),
    ...mtimes(dir, ['package.json', 'tsconfig.json', 'tsconfig.build.json']),
  );
  const dist = join(dir, 'dist');
  return { sources, stale: !existsSync(join(dist, 'index.js')) || newestMtime(dist) < sources };
}

// In build order: the client's build reads the protocol's.
const PACKAGES = ['engine', 'protocol', 'client'];

if (process.argv[2] === 'engine') {
  if (packageState('engine').stale) build('the engine', 'npm run -s build:engine', ['engine']);
} else {
  const states = PACKAGES.map(packageState);
  const sources = Math.max(
    ...states.map((state) => state.sources),
    newestMtime(join(root, 'src')),
    ...mtimes(root, ['package.json', 'tsconfig.json', 'tsconfig.build.json']),
  );
  const webRoot = join(root, 'web');
  const webSources = Math.max(
    sources,
    newestMtime(join(webRoot, 'src')),
    ...mtimes(webRoot, ['index.html', 'build.mjs', 'tsconfig.json', 'tsconfig.app.json']),
  );
  if (states.some((state) => state.stale) || stale(join(root, 'dist', 'main.js'), sources)) {
    build('Arena', 'npm run -s build', PACKAGES);
  } else if (stale(join(webRoot, 'dist', 'index.html'), webSources)) {
    build('the web client', 'npm run -s build:web', []);
  }
}
