import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Metafile } from 'esbuild';
import { metafilePath, projectRoot } from '../../../scripts/build-node';
import { useTempDirs } from '../../helpers/temp-dir';

const bin = join(projectRoot, 'scripts/rlm.cjs');
const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };

/** Source files an `rlm` process evaluated: every out/node file it resolved, mapped to its inputs by esbuild's metafile. */
function sourcesLoadedBy(args: string[], hookDir: string): { stdout: string; sources: string[] } {
  const hook = join(hookDir, 'record-loads.mjs');
  writeFileSync(
    hook,
    "import { registerHooks } from 'node:module';\n" +
      "registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); process.stderr.write(`[loaded] ${r.url}\\n`); return r; } });\n",
  );
  const result = spawnSync(process.execPath, ['--import', hook, bin, ...args], { encoding: 'utf8', cwd: projectRoot });
  expect(result.status, result.stderr).toBe(0);
  const metafile = JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile;
  const outputs = [...result.stderr.matchAll(/^\[loaded\] (file:\S+)$/gm)].map((match) => relative(projectRoot, fileURLToPath(match[1]!)));
  const sources = new Set<string>();
  for (const output of outputs) {
    const inputs = metafile.outputs[output]?.inputs;
    // Not part of the build: a package loaded from node_modules (the native modules).
    if (!inputs) sources.add(output);
    for (const input of Object.keys(inputs ?? {})) sources.add(input);
  }
  return { stdout: result.stdout, sources: [...sources] };
}

/**
 * Where an `rlm` process first used ICU (any Intl object, toLocaleString, localeCompare): the first use loads
 * ICU's data, ~25 ms of the start. Each use is reported with the stack's first frame in the bundle.
 */
function icuUsesOf(args: string[], hookDir: string): string[] {
  const hook = join(hookDir, 'record-icu.mjs');
  writeFileSync(
    hook,
    [
      "const where = () => (new Error().stack ?? '').split('\\n').find((line) => line.includes('/out/node/')) ?? '(no bundle frame)';",
      "const report = (what) => process.stderr.write(`[icu] ${what} ${where().trim()}\\n`);",
      "for (const name of Object.getOwnPropertyNames(Intl)) {",
      "  const original = Intl[name];",
      "  if (typeof original !== 'function') continue;",
      "  Intl[name] = new Proxy(original, { construct: (target, args, newTarget) => (report(`new Intl.${name}`), Reflect.construct(target, args, newTarget)), apply: (target, self, args) => (report(`Intl.${name}`), Reflect.apply(target, self, args)) });",
      "}",
      "for (const [proto, name] of [[Number.prototype, 'toLocaleString'], [Date.prototype, 'toLocaleString'], [Date.prototype, 'toLocaleDateString'], [Date.prototype, 'toLocaleTimeString'], [String.prototype, 'localeCompare']]) {",
      "  const original = proto[name];",
      "  proto[name] = function (...args) { report(name); return original.apply(this, args); };",
      "}",
    ].join('\n'),
  );
  const result = spawnSync(process.execPath, ['--import', hook, bin, ...args], { encoding: 'utf8', cwd: projectRoot });
  expect(result.status, result.stderr).toBe(0);
  return [...result.stderr.matchAll(/^\[icu\] (.*)$/gm)].map((match) => match[1]!);
}

/** What `--help` must not pay for: any dependency (zod, drizzle, better-sqlite3…), the database layer, the composition root. */
const isHeavy = (source: string) => /^(node_modules|db|electron\/app)\//.test(source);

describe('rlm start-up (the built bin)', () => {
  const tempDir = useTempDirs();

  it('--help and --version open no database and load no dependency, database or service code', () => {
    for (const args of [['--help'], ['--version'], ['--version', '--json']]) {
      const dataDir = tempDir();
      const { stdout, sources } = sourcesLoadedBy(['--data-dir', dataDir, ...args], tempDir());
      expect(sources).toContain('electron/cli/main.ts');
      expect(sources.filter(isHeavy), `rlm ${args.join(' ')}`).toEqual([]);
      expect(readdirSync(dataDir), 'nothing written to the data folder').toEqual([]);
      if (args[0] === '--help') expect(stdout).toContain('rlm import FILE --company');
      else expect(stdout.trim()).toBe(args.includes('--json') ? JSON.stringify({ version }) : version);
    }
  });

  it('--help, --version and a status with nothing to say load no ICU data: no module makes an Intl object or formats a number as it loads', () => {
    for (const args of [['--help'], ['--version'], ['status', '--json']]) {
      expect(icuUsesOf(['--data-dir', tempDir(), ...args], tempDir()), `rlm ${args.join(' ')}`).toEqual([]);
    }
    // The check sees a use: the opt-out list writes when each number was added, in this computer's zone.
    const dataDir = tempDir();
    expect(spawnSync(process.execPath, [bin, '--data-dir', dataDir, 'optout', 'add', '--phone', '(512) 555-0142'], { cwd: projectRoot }).status).toBe(0);
    expect(icuUsesOf(['--data-dir', dataDir, 'optout', 'list'], tempDir()).join('\n')).toContain('new Intl.DateTimeFormat');
  });

  // enableCompileCache() alone covers the main thread only: the import's threads compiled their bundles at every start,
  // ~40 ms later to the first chunk (scripts/rlm.cjs names the cache in their environment).
  it("an import's threads take their compiled code from the cache, as the main thread does", () => {
    const dataDir = tempDir();
    const csv = join(tempDir(), 'leads.csv');
    writeFileSync(csv, 'First Name,Phone\nAnn,512-555-0142\n');
    expect(spawnSync(process.execPath, [bin, '--data-dir', dataDir, 'company', 'add', '--name', 'Acme', '--location-id', 'locAcme1'], { cwd: projectRoot }).status).toBe(0);
    const importOnce = () => {
      const env: NodeJS.ProcessEnv = { ...process.env, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' };
      delete env.NODE_COMPILE_CACHE;
      const run = spawnSync(process.execPath, [bin, '--data-dir', dataDir, 'import', csv, '--company', 'Acme', '--on-duplicate', 'skip'], { cwd: projectRoot, encoding: 'utf8', env });
      expect(run.status, run.stderr).toBe(0);
      return run.stderr;
    };
    importOnce(); // fills the cache, if this checkout's bundles were never run
    const log = importOnce();
    for (const entry of ['import-worker.mjs', 'import-parse-worker.mjs']) expect(log).toMatch(new RegExp(`cache for \\S+/out/node/${entry} was accepted`));
  });

  it('a command that needs the database loads it (the check above would see it)', () => {
    const dataDir = tempDir();
    const { sources } = sourcesLoadedBy(['--data-dir', dataDir, 'status', '--json'], tempDir());
    expect(sources).toContain('db/open.ts');
    expect(sources.some((source) => source.startsWith('node_modules/better-sqlite3/'))).toBe(true);
    expect(readdirSync(dataDir)).toContain('leads.sqlite');
  });

  it("a command loads the zod it uses, not the whole namespace: no locale but English", () => {
    // `import { z } from 'zod'` made esbuild keep every export of the namespace: 751 KB of zod, 366 KB of it locales.
    const { sources } = sourcesLoadedBy(['--data-dir', tempDir(), 'status', '--json'], tempDir());
    const zod = sources.filter((source) => source.startsWith('node_modules/zod/'));
    expect(zod.length).toBeGreaterThan(0);
    expect(zod.filter((source) => /\/locales\/(?!en\.js$)/.test(source))).toEqual([]);
  });

  // better-sqlite3 13 crashes an older Node: the bin must hand over to the pinned Node 22.
  const systemNode = (() => {
    try {
      const found = execFileSync('/usr/bin/env', ['-i', 'PATH=/usr/local/bin:/usr/bin:/bin', 'sh', '-c', 'command -v node'], { encoding: 'utf8' }).trim();
      const major = Number(execFileSync(found, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim());
      return major < 22 ? found : null;
    } catch {
      return null;
    }
  })();
  it.skipIf(!systemNode)('started by an older system Node, re-runs itself under the pinned Node 22', () => {
    const dataDir = tempDir();
    const result = spawnSync(systemNode!, [bin, '--data-dir', dataDir, 'status', '--json'], { encoding: 'utf8', cwd: projectRoot });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveProperty('runner');
  });
});
