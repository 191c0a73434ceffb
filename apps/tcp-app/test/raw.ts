/** Raw-socket helpers for tcp-app's own tests: bytes in, bytes out, and when the server hung up. */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { listen, type AppServer } from '@repo/core';
import { createServer, type Timeouts } from '../src/app.js';

export const HOST = '127.0.0.1';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `METHOD target HTTP/1.1` with `Host: localhost` and any extra header lines. */
export const req = (method: string, target: string, extra = '') =>
  `${method} ${target} HTTP/1.1\r\nHost: localhost\r\n${extra}\r\n`;

/** Starts tcp-app in-process on an ephemeral port, runs `body`, always closes it. */
export async function withServer(
  timeouts: Partial<Timeouts>,
  body: (port: number, app: AppServer) => Promise<void>,
): Promise<void> {
  const app = await createServer({ timeouts });
  try {
    await body(await listen(app.server, 0, HOST), app);
  } finally {
    await app.close();
  }
}

/**
 * A connected socket whose errors (a reset by the server) are ignored. `allowHalfOpen` makes a client
 * that never closes its side, even after the server's FIN.
 */
export async function open(port: number, allowHalfOpen = false): Promise<Socket> {
  const socket = connect({ host: HOST, port, allowHalfOpen });
  socket.on('error', () => {});
  await once(socket, 'connect');
  return socket;
}

export interface Talk {
  text: string;
  /** Whether the server closed the connection (rather than `idleMs` passing in silence). */
  closed: boolean;
  /** From the write to the close (or to the silence). */
  ms: number;
}

export interface TalkOptions {
  /** Stop once this many complete responses are in (then wait `settleMs` to see whether the server closes). */
  count?: number;
  /** Which responses answer a HEAD (no body), for counting. */
  heads?: boolean[];
  /** Give up after this long without data. */
  idleMs?: number;
}

/**
 * Writes `data` and collects what comes back until the server closes, `count` responses are in, or
 * `idleMs` pass without data. Counting keeps keep-alive checks fast without racing a loaded machine.
 */
export async function talk(port: number, data: string | Buffer, options: TalkOptions = {}): Promise<Talk> {
  const { count, heads, idleMs = 2000 } = options;
  const socket = await open(port);
  const start = Date.now();
  let text = '';
  socket.setEncoding('latin1');
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed, ms: Date.now() - start });
    };
    const arm = (ms = idleMs) => {
      clearTimeout(timer);
      timer = setTimeout(() => done(false), ms);
    };
    socket.on('data', (chunk: string) => {
      text += chunk;
      arm(count !== undefined && complete(text, heads) >= count ? 200 : idleMs);
    });
    socket.on('close', () => done(true));
    socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, () => arm());
  });
}

function complete(text: string, heads?: boolean[]): number {
  try {
    return parse(text, heads).length;
  } catch {
    return 0;
  }
}

export interface Response {
  status: number;
  head: string;
  headers: Record<string, string>;
  body: string;
}

/** Splits a stream of responses by Content-Length; `heads` lists which ones answer a HEAD (no body). */
export function parse(text: string, heads: boolean[] = []): Response[] {
  const out: Response[] = [];
  for (let rest = text; rest.length > 0;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) throw new Error(`incomplete response: ${JSON.stringify(rest.slice(0, 200))}`);
    const head = rest.slice(0, end);
    const headers: Record<string, string> = {};
    for (const line of head.split('\r\n').slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = heads[out.length] ? 0 : Number(headers['content-length'] ?? 0);
    if (rest.length < end + 4 + length) throw new Error(`incomplete body: ${JSON.stringify(head)}`);
    out.push({
      status: Number(head.slice(9, 12)),
      head,
      headers,
      body: rest.slice(end + 4, end + 4 + length),
    });
    rest = rest.slice(end + 4 + length);
  }
  return out;
}

/** The `{ code, message }` of an error envelope. */
export const envelope = (r: Response) =>
  (JSON.parse(r.body) as { error: { code: string; message: string } }).error;

/**
 * Resolves with how long it took until the other side hung up on `socket` (its FIN, or the close), or
 * -1 if that did not happen within `ms`. A client socket is read (`resume`), so that a FIN is seen.
 */
export function closedWithin(socket: Socket, ms: number, resume = true): Promise<number> {
  const start = Date.now();
  if (socket.destroyed) return Promise.resolve(0);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(-1), ms);
    const done = () => (clearTimeout(timer), resolve(Date.now() - start));
    socket.once('end', done).once('close', done);
    if (resume) socket.resume();
  });
}

/** Resident memory of a process, in MiB (Linux). */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/**
 * Pipelines up to `total` bytes of `GET /` without reading a byte back, as fast as the kernel takes
 * them; stops when a write has not drained for 1 s. Returns how many bytes were handed over.
 */
export async function flood(socket: Socket, total: number): Promise<number> {
  const chunk = Buffer.from(req('GET', '/').repeat(2048));
  let sent = 0;
  while (sent < total) {
    sent += chunk.length;
    if (socket.write(chunk)) continue;
    const drained = await Promise.race([once(socket, 'drain').then(() => true), sleep(1000)]);
    if (!drained) break;
  }
  return sent;
}

/** Collects what `socket` receives, as text. */
export function collect(socket: Socket): () => string {
  let text = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (text += chunk));
  return () => text;
}
