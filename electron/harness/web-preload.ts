/**
 * The browser harness' stand-in for electron/preload.ts: defines `window.api` over HTTP with the
 * same shape as the Electron preload, so the renderer cannot tell the two apart.
 */
import { buildApi, channelNames, type ChosenFile, type FileBridge } from '../../shared/ipc/contract';

const TOKEN_KEY = 'rlm-harness-token';

function readToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    // Keep the token out of the address bar, history and screenshots.
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = readToken();

async function invoke(channel: string, input: unknown): Promise<unknown> {
  try {
    const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rlm-token': token },
      body: JSON.stringify({ input: input ?? null }),
    });
    return await response.json();
  } catch (error) {
    return { ok: false, error: { code: 'offline', message: `The app's background service is not answering (${String(error)}).` } };
  }
}

const listeners = new Map<string, Set<(payload: unknown) => void>>();
let source: EventSource | null = null;

function subscribe(event: string, listener: (payload: unknown) => void): () => void {
  if (!source) {
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      const { event: name, payload } = JSON.parse(String(message.data)) as { event: string; payload: unknown };
      listeners.get(name)?.forEach((fn) => fn(payload));
    };
  }
  const set = listeners.get(event) ?? new Set();
  set.add(listener);
  listeners.set(event, set);
  return () => set.delete(listener);
}

async function upload(file: File, purpose: 'import-source' | 'restore-source'): Promise<ChosenFile> {
  // The harness keeps the copy and answers a handle: the page never learns (or names) a path.
  const response = await fetch(`/upload?name=${encodeURIComponent(file.name)}&purpose=${purpose}`, {
    method: 'POST',
    headers: { 'x-rlm-token': token },
    body: file,
  });
  if (!response.ok) throw new Error(await response.text());
  return (await response.json()) as ChosenFile;
}

/** The browser's file picker: resolves with the file, or null when the user closes it without one. */
function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

const files: FileBridge = {
  handleFor: (file) => upload(file, 'import-source'),
  async choose(purpose) {
    // A browser cannot give main a place to write: backups go to the app's backups folder, then saveCopy downloads them.
    if (purpose === 'backup-target') return null;
    const picked = await pickFile(purpose === 'import-source' ? '.csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods' : '.sqlite,.db,.backup');
    return picked ? upload(picked, purpose) : null;
  },
  async saveCopy(path, suggestedName) {
    // A browser "Save as": the download endpoint only serves files inside the app's own folders.
    const link = document.createElement('a');
    link.href = `/download?path=${encodeURIComponent(path)}&token=${encodeURIComponent(token)}`;
    link.download = suggestedName;
    document.body.append(link);
    link.click();
    link.remove();
    // The browser's own download (and its "save as", if the user has it on) takes it from here.
    return 'saved';
  },
};

(window as unknown as { api: unknown }).api = buildApi(channelNames, invoke, subscribe, files);
