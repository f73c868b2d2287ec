#!/usr/bin/env node
'use strict';
// The `rlm` bin: runs the CLI's prebuilt bundle, out/node/rlm.mjs (scripts/build-node.ts), as
// plain JavaScript — no TypeScript compiler or bundler at start-up. npm's `prepare` builds it, so
// `npm ci` leaves a working `npx rlm`; `npm run build` (and the test setups) rebuild it after a
// source change. Should the bundle be missing (`npm ci --ignore-scripts`), it is built once here.
// better-sqlite3 13 needs Node 22; when started by an older system Node, re-run with the
// Node 22 that the project pins as a devDependency.
const { spawn, spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.join(__dirname, '..');
const bundle = path.join(root, 'out', 'node', 'rlm.mjs');
const major = Number(process.versions.node.split('.')[0]);

if (major >= 22) {
  if (!existsSync(bundle)) {
    // stdout stays the command's own (`--json` prints one document): the build reports on stderr.
    const built = spawnSync(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'scripts', 'build-node.ts')], {
      cwd: root,
      stdio: ['ignore', process.stderr, 'inherit'],
    });
    if (built.status !== 0) {
      process.stderr.write('Error: could not build the rlm command (npm run build:node)\n');
      process.exit(1);
    }
  }
  // V8's compiled code of the bundle is kept on disk (Node's compile cache, checked against each file's
  // content): later runs skip compiling ~2 MB of JavaScript (zod, drizzle…) at start. Beside the bundle,
  // not in the shared temp folder, where another user could create the cache folder first and feed this
  // process code to run: whoever can write here can change the bundle itself anyway.
  const compileCache = path.join(root, 'node_modules', '.cache', 'rlm-compile-cache');
  // Worker threads read the cache only when named in their environment: set before any starts (the import's
  // writer, its parse and checkpoint threads compiled ~1 MB of bundle each at every start; bench:import).
  process.env.NODE_COMPILE_CACHE ??= compileCache;
  require('node:module').enableCompileCache?.(compileCache);
  import(pathToFileURL(bundle).href);
} else {
  const pinned = path.join(root, 'node_modules', 'node', 'bin', 'node');
  const child = spawn(pinned, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 1)));
}
