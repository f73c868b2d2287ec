import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY, IPC_INVOKE_CHANNEL, isAllowedExternalUrl } from '../../../electron/security';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
    dialog: { showSaveDialog: async () => ({ canceled: true }) },
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
