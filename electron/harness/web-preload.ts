/**
 * The browser harness' stand-in for electron/preload.ts: defines `window.api` over HTTP with the
 * same shape as the Electron preload, so the renderer cannot tell the two apart.
 */
import { buildApi, channelNames } from '../../shared/ipc/contract';

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

const files = {
  async pathFor(file: File): Promise<string> {
    const response = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'x-rlm-token': token },
      body: file,
    });
    if (!response.ok) throw new Error(await response.text());
    return ((await response.json()) as { path: string }).path;
  },
  async saveCopy(path: string, suggestedName: string): Promise<void> {
    // A browser "Save as": the download endpoint only serves files inside the data directory.
    const link = document.createElement('a');
    link.href = `/download?path=${encodeURIComponent(path)}&token=${encodeURIComponent(token)}`;
    link.download = suggestedName;
    document.body.append(link);
    link.click();
    link.remove();
  },
};

(window as unknown as { api: unknown }).api = buildApi(channelNames, invoke, subscribe, files);
