/**
 * The Electron security settings in one small module with no `electron` import, so tests can
 * assert them and main.ts applies them. See Electron's security checklist.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine sets style attributes at run time; no inline scripts are allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Hosts the app may open in the user's browser (help pages); only over https. */
export const EXTERNAL_LINK_ALLOWLIST = ['help.gohighlevel.com', 'marketplace.gohighlevel.com', 'app.gohighlevel.com', 'www.gohighlevel.com'];

export function isAllowedExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && EXTERNAL_LINK_ALLOWLIST.includes(url.hostname);
  } catch {
    return false;
  }
}

/** The app's own page: the dev server in development, the packaged file otherwise. */
export function isAppUrl(raw: string, appUrl: string): boolean {
  try {
    const url = new URL(raw);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') return url.protocol === 'file:' && url.pathname === app.pathname;
    return url.origin === app.origin;
  } catch {
    return false;
  }
}

export const IPC_INVOKE_CHANNEL = 'rlm:invoke';
export const IPC_EVENT_CHANNEL = 'rlm:event';
export const IPC_SAVE_COPY_CHANNEL = 'rlm:save-copy';
/** The preload hands main a dropped or picked file's bytes in chunks (begin, append, end) and gets a handle back. */
export const IPC_UPLOAD_CHANNEL = 'rlm:upload';
/** Main opens the OS dialog for one purpose and answers a handle (or null when cancelled). */
export const IPC_CHOOSE_FILE_CHANNEL = 'rlm:choose-file';
