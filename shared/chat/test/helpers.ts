/** Test plumbing: a real node:http server with the hub on 127.0.0.1, and small client helpers. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, type ClientOptions } from 'ws';
import { ChatHub, attachUpgrade, type ChatOptions } from '../src/index.js';

export interface TestServer {
  hub: ChatHub;
  server: Server;
  url: string;
  port: number;
  /** Server-side sockets, in connection order. */
  serverSockets: WebSocket[];
  stop(): Promise<void>;
}

/** node:http + attachUpgrade + ChatHub, listening on an ephemeral port; `GET /` answers Hello, World!. */
export async function startServer(options: ChatOptions = {}): Promise<TestServer> {
  const hub = new ChatHub({ allowedOrigins: [], ...options });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('Hello, World!');
  });
  const wss = attachUpgrade(server, hub);
  const serverSockets: WebSocket[] = [];
  wss.on('connection', (ws) => serverSockets.push(ws));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    hub,
    server,
    port,
    url: `ws://127.0.0.1:${port}/ws`,
    serverSockets,
    async stop() {
      await hub.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A connected client that records every text frame it receives, parsed. */
export interface TestClient {
  ws: WebSocket;
  /** The TCP socket under the client (pause it to play a slow consumer). */
  tcp: Socket;
  frames: unknown[];
  /** Resolves with the close code and reason the client saw. */
  closed: Promise<{ code: number; reason: string }>;
  /** Sends a request and resolves with its reply. */
  call(
    method: string,
    params?: unknown,
  ): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
  /** Resolves with the first recorded frame matching `pred` (already received or future). */
  waitFor(pred: (frame: any) => boolean, timeoutMs?: number): Promise<any>;
}

let nextId = 1;

export function connect(url: string, options: ClientOptions = {}): Promise<TestClient> {
  const ws = new WebSocket(url, options);
  const frames: unknown[] = [];
  const waiters = new Set<() => void>();
  let tcp: Socket | undefined;
  ws.on('upgrade', (res) => (tcp = res.socket as Socket));
  ws.on('message', (data, isBinary) => {
    if (!isBinary) frames.push(JSON.parse(String(data)));
    for (const wake of waiters) wake();
  });
  ws.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const waitFor = (pred: (frame: any) => boolean, timeoutMs = 2000) =>
    new Promise<any>((resolve, reject) => {
      const check = () => {
        const hit = frames.find(pred);
        if (hit === undefined) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(hit);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames).slice(0, 500)}`),
        );
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });
  const call: TestClient['call'] = (method, params) => {
    const id = nextId++;
    ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    return waitFor((f) => f?.id === id);
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, tcp: tcp!, frames, closed, call, waitFor }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Polls `pred` every 10 ms until it is true. */
export async function until(pred: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
