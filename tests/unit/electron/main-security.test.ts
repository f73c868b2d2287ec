import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../shared/ipc/contract';
import {
  CONTENT_SECURITY_POLICY,
  IPC_CHOOSE_FILE_CHANNEL,
  IPC_INVOKE_CHANNEL,
  IPC_SAVE_COPY_CHANNEL,
  IPC_UPLOAD_CHANNEL,
  isAllowedExternalUrl,
} from '../../../electron/security';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// A fake `electron` module records what electron/main.ts asks of Electron, so the security
// settings are asserted here without an Electron binary.
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const state = {
    userData: '',
    windows: [] as Array<{ options: Record<string, unknown>; webContents: FakeWebContents; loaded: string[] }>,
    handlers: new Map<string, Listener>(),
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    headersHook: null as Listener | null,
    opened: [] as string[],
    singleInstanceLock: 0,
    appListeners: new Map<string, Listener>(),
    quits: 0,
    /** What the next OS dialog answers (null: the user cancels). */
    openDialogPath: null as string | null,
    saveDialogPath: null as string | null,
    /** What main asked the last save dialog for. */
    saveDialogOptions: null as Record<string, unknown> | null,
  };
  class FakeWebContents {
    listeners = new Map<string, Listener>();
    windowOpenHandler: Listener | null = null;
    mainFrame = {};
    sent: unknown[] = [];
    on(event: string, fn: Listener) {
      this.listeners.set(event, fn);
    }
    setWindowOpenHandler(fn: Listener) {
      this.windowOpenHandler = fn;
    }
    send(...args: unknown[]) {
      this.sent.push(args);
    }
  }
  class BrowserWindow {
    webContents = new FakeWebContents();
    constructor(options: Record<string, unknown>) {
      state.windows.push({ options, webContents: this.webContents, loaded: this.loaded });
    }
    loaded: string[] = [];
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    once() {}
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
  }
  const electron = {
    app: {
      requestSingleInstanceLock: () => {
        state.singleInstanceLock++;
        return true;
      },
      whenReady: () => Promise.resolve(),
      getPath: () => state.userData,
      isPackaged: false,
      on: (event: string, fn: Listener) => state.appListeners.set(event, fn),
      quit: () => {
        state.quits++;
      },
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: Listener) => state.handlers.set(channel, fn) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => (state.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Listener) => (state.permissionCheck = fn),
        webRequest: { onHeadersReceived: (fn: Listener) => (state.headersHook = fn) },
      },
    },
    shell: { openExternal: (url: string) => state.opened.push(url) },
    dialog: {
      showSaveDialog: async (_window: unknown, options: Record<string, unknown>) => {
        state.saveDialogOptions = options;
        return state.saveDialogPath ? { canceled: false, filePath: state.saveDialogPath } : { canceled: true };
      },
      showOpenDialog: async () => (state.openDialogPath ? { canceled: false, filePaths: [state.openDialogPath] } : { canceled: true, filePaths: [] }),
    },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

describe('electron/main.ts security (fake electron)', () => {
  let window: (typeof fake.state.windows)[number];
  const appUrl = 'http://localhost:5173/';

  beforeAll(async () => {
    process.env.ELECTRON_RENDERER_URL = appUrl;
    // Lives for the whole file: the app started in beforeAll keeps using it until the quit test.
    fake.state.userData = mkdtempSync(join(tmpdir(), 'rlm-electron-test-'));
    await import('../../../electron/main');
    await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1));
    window = fake.state.windows[0]!;
  });

  it('takes the single-instance lock', () => {
    expect(fake.state.singleInstanceLock).toBe(1);
  });

  it('creates the window with context isolation, sandbox, no Node and web security', () => {
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
  });

  it('denies navigation away from the app, new windows, webviews and permission requests', () => {
    const navigate = window.webContents.listeners.get('will-navigate')!;
    const away = { preventDefault: vi.fn() };
    navigate(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    navigate(inside, `${appUrl}#/companies`);
    expect(inside.preventDefault).not.toHaveBeenCalled();

    const webview = { preventDefault: vi.fn() };
    window.webContents.listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();

    expect(window.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(window.webContents.windowOpenHandler!({ url: 'https://help.gohighlevel.com/x' })).toEqual({ action: 'deny' });
    expect(fake.state.opened).toEqual(['https://help.gohighlevel.com/x']);
    expect(isAllowedExternalUrl('http://help.gohighlevel.com/')).toBe(false);

    const decide = vi.fn();
    fake.state.permissionRequest!({}, 'media', decide);
    expect(decide).toHaveBeenCalledWith(false);
    expect(fake.state.permissionCheck!()).toBe(false);
  });

  it('sends a strict CSP header on every response', () => {
    const callback = vi.fn();
    fake.state.headersHook!({ responseHeaders: {} }, callback);
    expect(callback.mock.calls[0]![0].responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('serves every contract channel through one validated handler, only to the app frame', async () => {
    const handler = fake.state.handlers.get(IPC_INVOKE_CHANNEL)!;
    const trusted = { sender: window.webContents, senderFrame: { parent: null, url: appUrl } };
    for (const name of channelNames) {
      const result = (await handler(trusted, name, { id: -1 })) as { ok: boolean; error?: { code: string; message: string } };
      // Every channel answers (never throws, never "unknown channel").
      expect(result.error?.message ?? '', name).not.toMatch(/Unknown channel/);
    }
    await expect(handler(trusted, 'companies:list', undefined)).resolves.toMatchObject({ ok: true });
    await expect(handler(trusted, 'bogus:channel', {})).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });

    const iframe = { sender: window.webContents, senderFrame: { parent: {}, url: appUrl } };
    await expect(handler(iframe, 'companies:list', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
    const foreign = { sender: window.webContents, senderFrame: { parent: null, url: 'https://evil.example/' } };
    await expect(handler(foreign, 'companies:list', undefined)).resolves.toMatchObject({ ok: false, error: { message: /untrusted/ } });
  });

  describe('files: the renderer names none, main grants one-use handles', () => {
    type Answer = { ok: boolean; value?: any; error?: { code: string; message: string } };
    const trusted = () => ({ sender: window.webContents, senderFrame: { parent: null, url: appUrl } });
    const invoke = (channel: string, input: unknown) => fake.state.handlers.get(IPC_INVOKE_CHANNEL)!(trusted(), channel, input) as Promise<Answer>;
    const choose = (purpose: unknown, event: unknown = trusted()) => fake.state.handlers.get(IPC_CHOOSE_FILE_CHANNEL)!(event, purpose) as Promise<{ handle: string; name: string } | null>;
    const outsideDir = mkdtempSync(join(tmpdir(), 'rlm-electron-outside-'));
    const csv = join(outsideDir, 'old leads.csv');
    writeFileSync(csv, 'Name,Phone\nAnn Lee,(512) 555-0142\n');
    let companyId = 0;

    beforeAll(async () => {
      companyId = (await invoke('companies:create', { name: 'Electron Files', ghlLocationId: 'locElectronFiles1' })).value.id;
    });

    it('refuses a path from the renderer for backup, restore and import with a validation error, touching no file', async () => {
      const target = join(outsideDir, 'written-by-renderer.sqlite');
      const relative = '../../rlm-electron-renderer-x';
      const passwd = readFileSync('/etc/passwd');
      for (const path of [target, relative, '/etc/passwd', csv]) {
        for (const [channel, input] of [
          ['app:backup', { path }],
          ['app:restore', { path }],
          ['imports:inspect', { path, companyId }],
        ] as const) {
          const result = await invoke(channel, input);
          expect([channel, path, result]).toEqual([channel, path, { ok: false, error: expect.objectContaining({ code: 'validation', message: expect.stringMatching(/^Choose/) }) }]);
        }
      }
      expect(existsSync(target)).toBe(false);
      expect(existsSync(resolve(relative))).toBe(false);
      expect(readFileSync('/etc/passwd')).toEqual(passwd);
      expect(readdirSync(fake.state.userData).filter((name) => /restore/i.test(name))).toEqual([]);
    });

    it('a file chosen in the OS dialog (opened by main) is a handle for its one purpose', async () => {
      const target = join(outsideDir, 'chosen-backup.sqlite');
      fake.state.saveDialogPath = target;
      const backupTarget = await choose('backup-target');
      expect(backupTarget).toEqual({ handle: expect.stringMatching(/^fh_/), name: 'chosen-backup.sqlite' });
      // A handle to write a backup cannot be read as a backup to restore or a file to import.
      await expect(invoke('app:restore', { path: backupTarget!.handle })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
      await expect(invoke('imports:inspect', { path: backupTarget!.handle, companyId })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
      await expect(invoke('app:backup', { path: backupTarget!.handle })).resolves.toMatchObject({ ok: true, value: { path: target } });
      const written = statSync(target).mtimeMs;
      // Once.
      await expect(invoke('app:backup', { path: backupTarget!.handle })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
      expect(statSync(target).mtimeMs).toBe(written);

      fake.state.openDialogPath = target;
      const restoreSource = await choose('restore-source');
      await expect(invoke('app:backup', { path: restoreSource!.handle })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
      await expect(invoke('app:restore', { path: restoreSource!.handle })).resolves.toMatchObject({ ok: true, value: { companies: 1 } });
      await expect(invoke('app:restore', { path: restoreSource!.handle })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });

      fake.state.openDialogPath = csv;
      const importSource = await choose('import-source');
      expect(importSource).toMatchObject({ name: 'old leads.csv' });
      await expect(invoke('app:backup', { path: importSource!.handle })).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
      await expect(invoke('imports:inspect', { path: importSource!.handle, companyId })).resolves.toMatchObject({ ok: true, value: { fileName: 'old leads.csv' } });
      expect(readFileSync(csv, 'utf8')).toContain('Ann Lee');

      // A cancelled dialog, an unknown purpose or another frame: no handle.
      fake.state.openDialogPath = null;
      await expect(choose('restore-source')).resolves.toBeNull();
      await expect(choose('/etc/passwd')).resolves.toBeNull();
      fake.state.openDialogPath = csv;
      await expect(choose('import-source', { sender: window.webContents, senderFrame: { parent: {}, url: appUrl } })).resolves.toBeNull();
    });

    it("'save a copy' suggests only a file name, asks before replacing a file, and never writes over the app's own files", async () => {
      const saveCopy = (path: string, suggestedName: string) => fake.state.handlers.get(IPC_SAVE_COPY_CHANNEL)!(trusted(), path, suggestedName) as Promise<Answer>;
      const { dataDir } = (await invoke('app:info', undefined)).value as { dataDir: string };
      mkdirSync(join(dataDir, 'exports'), { recursive: true });
      const exported = join(dataDir, 'exports', 'leads.csv');
      writeFileSync(exported, 'Name,Phone\n');
      const database = join(dataDir, 'leads.sqlite');
      const before = readFileSync(database);

      // The renderer's suggestion steers no folder: only its last part is offered, in the dialog's own folder.
      fake.state.saveDialogPath = join(outsideDir, 'copy.csv');
      await expect(saveCopy(exported, database)).resolves.toEqual({ ok: true, value: 'saved' });
      expect(fake.state.saveDialogOptions).toMatchObject({ defaultPath: 'leads.sqlite', properties: ['showOverwriteConfirmation'] });
      expect(readFileSync(join(outsideDir, 'copy.csv'), 'utf8')).toBe('Name,Phone\n');

      // Chosen in the dialog or not, the live database is never replaced by a CSV.
      fake.state.saveDialogPath = database;
      await expect(saveCopy(exported, 'export.csv')).resolves.toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining("one of the app's own files") } });
      expect(readFileSync(database)).toEqual(before);
    });

    it("'save a copy' says what happened: a closed dialog is 'cancelled' (nothing exported), a folder that refuses the write is said", async () => {
      const saveCopy = (path: string, suggestedName: string) => fake.state.handlers.get(IPC_SAVE_COPY_CHANNEL)!(trusted(), path, suggestedName) as Promise<Answer>;
      const { dataDir } = (await invoke('app:info', undefined)).value as { dataDir: string };
      mkdirSync(join(dataDir, 'exports'), { recursive: true });
      const exported = join(dataDir, 'exports', 'leads.csv');
      writeFileSync(exported, 'Name,Phone\n');

      fake.state.saveDialogPath = null;
      await expect(saveCopy(exported, 'leads.csv')).resolves.toEqual({ ok: true, value: 'cancelled' });

      fake.state.saveDialogPath = join(outsideDir, 'no-such-folder', 'copy.csv');
      await expect(saveCopy(exported, 'leads.csv')).resolves.toMatchObject({ ok: false, error: { message: expect.stringContaining('could not be written') } });
      await expect(saveCopy(join(outsideDir, 'copy.csv'), 'leads.csv')).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
    });

    it('a dropped file reaches main as bytes: main keeps a copy and answers a handle', async () => {
      const upload = async (...args: unknown[]) => fake.state.handlers.get(IPC_UPLOAD_CHANNEL)!(...args) as Answer;
      const begun = (await upload(trusted(), 'begin', 'dropped.csv', 'import-source')) as Answer;
      expect(begun).toMatchObject({ ok: true });
      await expect(upload(trusted(), 'append', begun.value, new TextEncoder().encode('Name,Phone\n'))).resolves.toMatchObject({ ok: true });
      await expect(upload(trusted(), 'append', begun.value, new TextEncoder().encode('Bo Ray,(512) 555-0143\n'))).resolves.toMatchObject({ ok: true });
      const ended = (await upload(trusted(), 'end', begun.value)) as Answer;
      expect(ended).toEqual({ ok: true, value: { handle: expect.stringMatching(/^fh_/), name: 'dropped.csv' } });
      await expect(invoke('imports:inspect', { path: ended.value.handle, companyId })).resolves.toMatchObject({ ok: true, value: { fileName: 'dropped.csv', previewRows: [['Bo Ray', '(512) 555-0143']] } });
      // No way to upload a place to write, nor to append to a finished copy, nor from another frame.
      await expect(upload(trusted(), 'begin', 'x.sqlite', 'backup-target')).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
      await expect(upload(trusted(), 'append', begun.value, new Uint8Array([1]))).resolves.toMatchObject({ ok: false, error: { code: 'validation' } });
      await expect(upload({ sender: window.webContents, senderFrame: { parent: null, url: 'https://evil.example/' } }, 'begin', 'a.csv', 'import-source')).resolves.toMatchObject({ ok: false });
    });
  });

  it('quitting waits for the backend to close (sync hands back claims, the database closes), then quits', async () => {
    const beforeQuit = fake.state.appListeners.get('before-quit')!;
    const event = { preventDefault: vi.fn() };
    beforeQuit(event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.state.quits).toBe(1), { timeout: 15_000 });
    const second = { preventDefault: vi.fn() };
    beforeQuit(second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });
});
