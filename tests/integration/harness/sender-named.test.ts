/**
 * While the browser app (`npm run web`) sends, another program on the computer names it truly: `rlm status`
 * and the dashboard said "the command line (rlm sync)", the label of any process outside Electron, which
 * sent an office looking for an `rlm sync` that was never started.
 */
import { describe, expect, it } from 'vitest';
import { useNodeProcesses } from '../../helpers/node-process';
import { rlm } from '../../helpers/rlm';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the process that sends, as others see it', () => {
  const tempDir = useTempDirs();
  const start = useNodeProcesses();

  it('is "the app in a browser (npm run web)" while the browser app runs', async () => {
    const dataDir = tempDir();
    const web = start('web.mjs', ['--data-dir', dataDir, '--port', '0']);
    await web.waitFor(/is running at/);
    const status = await rlm(dataDir, ['status', '--json']);
    expect(status.code, status.stderr).toBe(0);
    const { runner } = JSON.parse(status.stdout) as { runner: { heldBy: { process: string } | null } };
    expect(runner.heldBy?.process).toBe('the app in a browser (npm run web)');
    await expect(web.stop('SIGTERM')).resolves.toBe(0);
  });
});
