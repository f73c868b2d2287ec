#!/usr/bin/env node
'use strict';
// The `rlm` bin: runs the TypeScript CLI from source (no build step after `npm ci`).
// better-sqlite3 13 needs Node 22; when started by an older system Node, re-run with the
// Node 22 that the project pins as a devDependency.
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const entry = path.join(root, 'electron', 'cli', 'main.ts');
const major = Number(process.versions.node.split('.')[0]);

if (major >= 22) {
  const { register } = require('tsx/esm/api');
  register();
  process.argv[1] = entry;
  import(require('node:url').pathToFileURL(entry).href);
} else {
  const pinned = path.join(root, 'node_modules', 'node', 'bin', 'node');
  const child = spawn(pinned, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 1)));
}
