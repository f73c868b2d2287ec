import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

// electron-vite builds the three Electron targets from this one file:
// main (+ worker entries) and the sandboxed CommonJS preload run in Node/Electron,
// the renderer is a plain browser bundle that the browser harness serves as well.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          main: resolve(__dirname, 'electron/main.ts'),
          // Worker threads are separate entries; their launchers load them from beside main.cjs.
          'import-worker': resolve(__dirname, 'electron/core/imports/import-worker.ts'),
          'import-parse-worker': resolve(__dirname, 'electron/core/imports/parse-worker.ts'),
          'checkpoint-worker': resolve(__dirname, 'electron/core/workers/checkpoint-worker.ts'),
          'bulk-write-worker': resolve(__dirname, 'electron/core/jobs/bulk-write-worker.ts'),
          'sync-worker': resolve(__dirname, 'electron/sync/worker-entry.ts'),
          'search-index-worker': resolve(__dirname, 'electron/core/leads/search-index-worker.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require('electron'): bundle everything else into it.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve(__dirname, 'electron/preload.ts') },
        // sandbox: true preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
