/**
 * A tiny HTTP server whose answers a test scripts one request at a time: a status and body, a reset
 * after the request arrived, or no answer at all. It stands in for GHL where the simulator has no
 * such fault (408/409/423/425, a 5xx on a POST, a cut-off body) or does not serve the endpoint yet.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export type Answer =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** The request arrived (and may have been acted on); the connection is closed without an answer. */
  | { reset: true }
  /** Never answers. */
  | { hang: true }
  /** Sends the status line and headers, then closes in the middle of the body. */
  | { cutOff: number };

export type Script = (req: SeenRequest, index: number) => Answer;

export interface ScriptedServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, req: IncomingMessage, a: Answer): void {
  if ('reset' in a) {
    req.socket.destroy();
    return;
  }
  if ('hang' in a) return;
  if ('cutOff' in a) {
    res.writeHead(a.cutOff, { 'Content-Type': 'application/json', 'Content-Length': '100' });
    res.write('{"note":{"id":');
    setTimeout(() => req.socket.destroy(), 10);
    return;
  }
  const payload = a.body === undefined ? '' : JSON.stringify(a.body);
  res.writeHead(a.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), ...a.headers });
  res.end(payload);
}

export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: unknown = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      const seen: SeenRequest = { method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body };
      requests.push(seen);
      answer(res, req, script(seen, requests.length - 1));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

/** Answers in order; the last answer repeats. */
export function inOrder(...answers: Answer[]): Script {
  return (_req, i) => answers[Math.min(i, answers.length - 1)] ?? { status: 500 };
}
