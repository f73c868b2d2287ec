// Electron glue: the only file (with preload.ts) that imports `electron`. Everything it serves
// comes from createBackend(), which runs under plain Node in tests, the CLI and the harness.
import { app, BrowserWindow, dialog, ipcMain, session, shell, type IpcMainInvokeEvent } from 'electron';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBackend, type Backend } from './app/backend';
import { resumeSandboxIfUsed } from './app/sandbox';
import { chosenFile, DIALOG_FILTERS, isFilePurpose, suggestedBackupName } from './app/file-choice';
import { saveUserCopy } from './app/save-copy';
import { uploadStep } from './app/uploaded-copies';
import type { FilePurpose } from './core/file-grants';
import { resolveShareableFile } from './core/shareable-files';
import {
  CONTENT_SECURITY_POLICY,
  IPC_CHOOSE_FILE_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  IPC_SAVE_COPY_CHANNEL,
  IPC_UPLOAD_CHANNEL,
  isAllowedExternalUrl,
  isAppUrl,
} from './security';
import { fail } from '../shared/ipc/result';

let backend: Backend | null = null;
let mainWindow: BrowserWindow | null = null;

const appUrl = (): string =>
  process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href;

/** Rejects calls from any frame but the app's own top-level page (iframes, navigated pages). */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return !!frame && frame.parent === null && isAppUrl(frame.url, appUrl()) && event.sender === mainWindow?.webContents;
}

function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/** The OS dialog for one purpose; the chosen path stays in main. */
async function askUserForFile(purpose: FilePurpose): Promise<string | undefined> {
  if (purpose === 'backup-target') {
    const choice = await dialog.showSaveDialog(mainWindow!, { defaultPath: suggestedBackupName(), filters: DIALOG_FILTERS[purpose], properties: ['showOverwriteConfirmation'] });
    return choice.canceled ? undefined : choice.filePath;
  }
  const choice = await dialog.showOpenDialog(mainWindow!, { properties: ['openFile'], filters: DIALOG_FILTERS[purpose] });
  return choice.canceled ? undefined : choice.filePaths[0];
}

const UNTRUSTED = { ok: false, error: { code: 'validation', message: 'IPC from an untrusted frame was refused' } } as const;

function registerIpc(current: Backend): void {
  // The renderer's dispatcher: a channel's file field must be a handle granted below, never a path.
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, channel: unknown, input: unknown) => {
    if (!isTrustedSender(event)) return UNTRUSTED;
    return current.rendererDispatch(String(channel), input);
  });
  ipcMain.handle(IPC_CHOOSE_FILE_CHANNEL, async (event, purpose: unknown) => {
    if (!isTrustedSender(event) || !isFilePurpose(purpose)) return null;
    const path = await askUserForFile(purpose);
    return path ? chosenFile(current.ctx.fileGrants, path, purpose) : null;
  });
  ipcMain.handle(IPC_UPLOAD_CHANNEL, (event, step: unknown, first: unknown, second: unknown) =>
    isTrustedSender(event) ? uploadStep(current.ctx.uploads, step, first, second) : UNTRUSTED,
  );
  ipcMain.handle(IPC_SAVE_COPY_CHANNEL, async (event, path: unknown, suggestedName: unknown) => {
    const source = isTrustedSender(event) && typeof path === 'string' ? resolveShareableFile(current.ctx.dataDir, path) : null;
    if (!source) return fail('validation', 'This file is not one the app offers to save.');
    // Only a file name is suggested: a folder in it would be the renderer choosing where to write.
    const defaultPath = basename(String(suggestedName ?? '')) || 'export.csv';
    const choice = await dialog.showSaveDialog(mainWindow!, { defaultPath, properties: ['showOverwriteConfirmation'] });
    return saveUserCopy(current.ctx.dataDir, source, choice.canceled || !choice.filePath ? undefined : choice.filePath);
  });
  current.ctx.events.onAny((event, payload) => mainWindow?.webContents.send(IPC_EVENT_CHANNEL, { event, payload }));
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 960,
    minHeight: 640,
    title: 'Roofing Lead Manager',
    show: false,
    // Written out here (not built by a helper) so static checkers such as Electronegativity see it.
    webPreferences: {
      preload: join(__dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Middle-click would open links in a new window, around the window-open handler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl())) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl());
  return window;
}

export async function startDesktopApp(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  await app.whenReady();
  if (app.isPackaged) process.env.RLM_GHL_SPEC_DIR ??= join(process.resourcesPath, 'ghl-openapi');
  hardenSession();
  backend = createBackend({
    dataDir: app.getPath('userData'),
    migrationsDir: app.isPackaged ? join(process.resourcesPath, 'migrations') : undefined,
    platform: { openPath: async (path) => (await shell.openPath(path)) === '' },
  });
  backend.ctx.watchOutsideChanges();
  backend.ctx.holdOpen();
  registerIpc(backend);
  mainWindow = createWindow();
  // The demo company's sandbox, before sending starts: its leads would try the last run's port.
  await resumeSandboxIfUsed(backend.ctx);
  // Leads queued while the app was closed (or offline) go out as soon as it opens, or once a scheduled `rlm sync`
  // that is sending then is done (SyncService.startWhenFree).
  try {
    backend.ctx.sync.startWhenFree();
  } catch (error) {
    backend.ctx.log.error('Sync did not start', error);
  }
  app.on('window-all-closed', () => app.quit());
  // Quit waits for a clean stop: the sync runner hands back its claims and releases its lock, an
  // import stops at a chunk boundary, the database closes. Then quit for real.
  let isClosed = false;
  app.on('before-quit', (event) => {
    if (isClosed || !backend) return;
    event.preventDefault();
    const closing = backend;
    backend = null;
    void closing
      .close()
      .catch((error: unknown) => closing.ctx.log.error('Shutdown failed', error))
      .finally(() => {
        isClosed = true;
        app.quit();
      });
  });
}

void startDesktopApp();
