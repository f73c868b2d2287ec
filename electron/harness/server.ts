import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../app/app-context';
import { isUploadPurpose, MAX_UPLOAD_BYTES } from '../app/uploaded-copies';
import type { RendererDispatch } from '../core/ipc/dispatch';
import { resolveShareableFile } from '../core/shareable-files';

const here = dirname(fileURLToPath(import.meta.url));
export const defaultRendererDir = resolve(here, '../../out/renderer');
const MAX_BODY_BYTES = 16 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface HarnessOptions {
  ctx: AppContext;
  /** The backend's renderer dispatcher: the token holder is the renderer and names files only by handle. */
  dispatch: RendererDispatch;
  port?: number;
  rendererDir?: string;
}

export interface Harness {
  url: string;
  /** The URL with the per-run token, what a browser opens. */
  openUrl: string;
  token: string;
  close(): Promise<void>;
}

/**
 * The browser's `window.api` (web-preload.ts), prebuilt by scripts/build-node.ts into out/node/:
 * beside this code when it runs from there (`npm run web`), two folders up from its source.
 */
function readWebPreload(): string {
  const candidates = [join(here, 'web-preload.js'), resolve(here, '../../out/node/web-preload.js')];
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`The browser harness is not built (${candidates[1]} is missing). Run \`npm run build\` first.`);
  return readFileSync(found, 'utf8');
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The browser harness: the built renderer plus the IPC contract over loopback HTTP, for tests and
 * machines without a display. Listens on 127.0.0.1 only and demands a per-run token on every call.
 */
export async function startHarness({ ctx, dispatch, port = 0, rendererDir = defaultRendererDir }: HarnessOptions): Promise<Harness> {
  const indexFile = join(rendererDir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(`The renderer is not built (${indexFile} is missing). Run \`npm run build\` first.`);
  }
  const token = randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const webPreload = readWebPreload();
  const indexHtml = readFileSync(indexFile, 'utf8').replace('<head>', '<head>\n    <script src="/web-preload.js"></script>');
  const sseClients = new Set<ServerResponse>();
  const unsubscribe = ctx.events.onAny((event, payload) => {
    const frame = `data: ${JSON.stringify({ event, payload })}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const hasToken = (candidate: string | null | undefined): boolean => {
    const bytes = Buffer.from(candidate ?? '');
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const address = server.address() as AddressInfo;
    // DNS-rebinding guard: a page on another origin resolving to 127.0.0.1 still sends its own Host.
    if (req.headers.host !== `127.0.0.1:${address.port}` && req.headers.host !== `localhost:${address.port}`) {
      return send(res, 421, 'Misdirected request');
    }
    try {
      if (url.pathname.startsWith('/api/') || url.pathname === '/upload' || url.pathname === '/download') {
        const supplied = (req.headers['x-rlm-token'] as string | undefined) ?? url.searchParams.get('token');
        if (!hasToken(supplied)) return send(res, 401, JSON.stringify({ ok: false, error: { code: 'validation', message: 'Missing or wrong harness token' } }), 'application/json');
      }
      if (url.pathname === '/api/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        sseClients.add(res);
        req.on('close', () => sseClients.delete(res));
        return;
      }
      if (url.pathname.startsWith('/api/') && req.method === 'POST') {
        const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
        let input: unknown;
        try {
          input = (JSON.parse(await readBody(req)) as { input?: unknown }).input ?? undefined;
        } catch {
          return send(res, 200, JSON.stringify({ ok: false, error: { code: 'validation', message: 'The request body is not valid JSON' } }), 'application/json');
        }
        const result = await dispatch(channel, input);
        return send(res, 200, JSON.stringify(result), 'application/json');
      }
      if (url.pathname === '/upload' && req.method === 'POST') {
        // An upload becomes a handle (for reading it, once imported or restored it is deleted): the page never names a path.
        const purpose = url.searchParams.get('purpose') ?? 'import-source';
        if (!isUploadPurpose(purpose)) return send(res, 400, 'A file can be uploaded to import it or to restore a backup, nothing else.');
        const copy = ctx.uploads.create(url.searchParams.get('name') ?? 'upload.csv', purpose);
        let size = 0;
        req.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_UPLOAD_BYTES) req.destroy(new Error('upload too large'));
        });
        try {
          await pipeline(req, createWriteStream(copy.target));
        } catch (error) {
          copy.abort();
          throw error;
        }
        return send(res, 200, JSON.stringify(copy.finish()), 'application/json');
      }
      if (url.pathname === '/download' && req.method === 'GET') {
        const target = resolveShareableFile(ctx.dataDir, url.searchParams.get('path') ?? '');
        if (!target) return send(res, 404, 'Not found');
        res.writeHead(200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${basename(target).replace(/"/g, '')}"`,
          'content-length': statSync(target).size,
        });
        return void pipeline(createReadStream(target), res).catch(() => res.destroy());
      }
      if (req.method !== 'GET') return send(res, 405, 'Method not allowed');
      if (url.pathname === '/web-preload.js') return send(res, 200, webPreload, CONTENT_TYPES['.js']);
      if (url.pathname === '/' || url.pathname === '/index.html') return send(res, 200, indexHtml, CONTENT_TYPES['.html']);
      const file = resolve(rendererDir, `.${decodeURIComponent(url.pathname)}`);
      if (!file.startsWith(rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
        // Client-side routes fall back to the app shell.
        return send(res, 200, indexHtml, CONTENT_TYPES['.html']);
      }
      res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      createReadStream(file).pipe(res);
    } catch (error) {
      ctx.log.error('harness request failed', error);
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.end();
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
  const { port: actualPort } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${actualPort}`;
  return {
    url,
    openUrl: `${url}/#token=${token}`,
    token,
    async close() {
      unsubscribe();
      for (const client of sseClients) client.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      // Uploads not yet imported are deleted when the backend closes (ctx.uploads), after imports stopped reading them.
    },
  };
}
