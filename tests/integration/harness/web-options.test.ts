/**
 * `npm run web --data-dir=DIR`, without `--`: npm keeps the option as its own config (npm_config_data_dir) and the
 * harness never sees it. It started on the office's default data folder and began sending there (a README review).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useNodeProcesses } from '../../helpers/node-process';
import { useTempDirs } from '../../helpers/temp-dir';

describe('npm run web: options npm kept for itself', () => {
  const tempDir = useTempDirs();
  const start = useNodeProcesses();

  it('says so and exits 2, opening no data folder', async () => {
    const home = tempDir();
    const wanted = join(tempDir(), 'office');
    // What `npm run web --data-dir=DIR --port=8080` hands the script: npm's config in the environment, no arguments.
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, npm_lifecycle_event: 'web', npm_config_data_dir: wanted, npm_config_port: '8080' };
    delete env.RLM_DATA_DIR;
    delete env.XDG_CONFIG_HOME;
    const web = start('web.mjs', [], env);
    await expect(web.stop('SIGCONT')).resolves.toBe(2);
    expect(web.output()).toContain('npm kept --data-dir and --port for itself');
    expect(web.output()).toContain('npm run web -- --data-dir DIR --port N');
    expect(existsSync(join(home, '.config'))).toBe(false);
    expect(existsSync(wanted)).toBe(false);
  });

  it('says so too for `npm run web --data-dir DIR` with a space: npm hands the script DIR alone', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, npm_lifecycle_event: 'web', npm_config_data_dir: 'true' };
    delete env.npm_config_port;
    const web = start('web.mjs', [join(tempDir(), 'office')], env);
    await expect(web.stop('SIGCONT')).resolves.toBe(2);
    expect(web.output()).toContain('npm kept --data-dir for itself');
  });

  // A README review: `RLM_DATA_DIR="$DIR"` with DIR unset opened the office's usual data folder (the command line refuses it).
  it('refuses an empty RLM_DATA_DIR and exits 2, opening no data folder', async () => {
    const home = tempDir();
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, npm_lifecycle_event: 'web', RLM_DATA_DIR: ' ' };
    delete env.npm_config_data_dir;
    delete env.npm_config_port;
    delete env.XDG_CONFIG_HOME;
    const web = start('web.mjs', ['--port', '0'], env);
    await expect(web.stop('SIGCONT')).resolves.toBe(2);
    expect(web.output()).toContain('RLM_DATA_DIR is set but empty');
    expect(existsSync(join(home, '.config'))).toBe(false);
    // Nor an empty --data-dir (`--data-dir "$DIR"` with DIR unset), which made the current folder the data folder.
    const withoutVariable = { ...env };
    delete withoutVariable.RLM_DATA_DIR;
    const empty = start('web.mjs', ['--data-dir', '', '--port', '0'], withoutVariable);
    await expect(empty.stop('SIGCONT')).resolves.toBe(2);
    expect(empty.output()).toContain('--data-dir is empty');
  });

  it('starts as asked when the options come after --', async () => {
    const dataDir = tempDir();
    const env: NodeJS.ProcessEnv = { ...process.env, npm_lifecycle_event: 'web' };
    delete env.npm_config_data_dir;
    delete env.npm_config_port;
    const web = start('web.mjs', ['--data-dir', dataDir, '--port', '0'], env);
    const [, folder] = await web.waitFor(/Data directory: (\S+)/);
    expect(folder).toBe(dataDir);
    await expect(web.stop('SIGTERM')).resolves.toBe(0);
  });
});
