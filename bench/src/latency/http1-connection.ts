/**
 * One keep-alive HTTP/1.1 connection for the open-loop generator: one request in flight at a time
 * (no pipelining), a prebuilt request buffer, and just enough response parsing to know where an
 * answer ends (Content-Length or chunked) and its status. Why not `node:http`'s Agent: its
 * per-request objects cost more CPU than the server under test spends at the rates the ladder needs
 * (up to ~90k req/s from one core); the cost of being this small is that only well-formed
 * responses with a length or chunked body are understood — anything else is counted as an error,
 * which the ladder treats as a missed step, never as a fast answer.
 */
import { connect, type Socket } from 'node:net';

/** What became of one request. */
export type Outcome = { kind: 'response'; status: number } | { kind: 'error' } | { kind: 'timeout' };

const HEAD_END = Buffer.from('\r\n\r\n');

/** Where the body of a response ends, from its head; null when the head gives no length. */
function bodyFraming(head: string): { length: number } | { chunked: true } | null {
  const lower = head.toLowerCase();
  const cl = /\r\ncontent-length:[ \t]*(\d+)/.exec(lower);
  if (cl) return { length: Number(cl[1]) };
  if (/\r\ntransfer-encoding:[^\r]*chunked/.test(lower)) return { chunked: true };
  return null;
}

/** End offset of a chunked body starting at `from`, or -1 while incomplete (trailers not supported). */
function chunkedEnd(buf: Buffer, from: number): number {
  let at = from;
  for (;;) {
    const eol = buf.indexOf('\r\n', at, 'latin1');
    if (eol < 0) return -1;
    const size = Number.parseInt(buf.toString('latin1', at, eol), 16);
    if (!Number.isFinite(size)) return -2;
    if (size === 0) return eol + 4 <= buf.length ? eol + 4 : -1;
    at = eol + 2 + size + 2;
    if (at > buf.length) return -1;
  }
}

/** A socket that sends one prebuilt request at a time and reports each outcome to `onDone`. */
export class Http1Connection {
  #socket: Socket | null = null;
  #buffer: Buffer = Buffer.alloc(0);
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  /** True while a request is on the wire. */
  busy = false;
  /** False from a failure until the socket is open again: the pool does not hand it requests. */
  ready = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly request: Buffer,
    private readonly timeoutMs: number,
    private readonly onDone: (conn: Http1Connection, outcome: Outcome) => void,
    private readonly onReady: (conn: Http1Connection) => void = () => {},
  ) {}

  /** Opens the socket; resolves once it is connected. */
  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port, noDelay: true });
      const fail = (err: Error): void => reject(err);
      socket.once('error', fail);
      socket.once('connect', () => {
        socket.off('error', fail);
        this.#attach(socket);
        this.ready = true;
        resolve();
      });
    });
  }

  #attach(socket: Socket): void {
    this.#socket = socket;
    this.#buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', () => this.#fail('error'));
    socket.on('close', () => this.#fail('error'));
  }

  /** Writes the request; the caller only sends on an idle connection. */
  send(): void {
    this.busy = true;
    if (this.#closed || this.#socket === null) {
      // Not synchronously: a dead server would otherwise recurse through the whole queue.
      setImmediate(() => this.#finish({ kind: 'error' }));
      return;
    }
    this.#timer = setTimeout(() => this.#fail('timeout'), this.timeoutMs);
    this.#socket.write(this.request);
  }

  #onData(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const headEnd = this.#buffer.indexOf(HEAD_END);
    if (headEnd < 0) return;
    const head = this.#buffer.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const framing = bodyFraming(head);
    const bodyStart = headEnd + 4;
    let end: number;
    if (framing === null || !Number.isInteger(status)) end = -2;
    else if ('length' in framing)
      end = this.#buffer.length >= bodyStart + framing.length ? bodyStart + framing.length : -1;
    else end = chunkedEnd(this.#buffer, bodyStart);
    if (end === -1) return;
    if (end === -2) {
      this.#fail('error');
      return;
    }
    this.#buffer = this.#buffer.subarray(end);
    this.#finish({ kind: 'response', status });
  }

  #finish(outcome: Outcome): void {
    if (!this.busy) return;
    this.busy = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.onDone(this, outcome);
  }

  /** A broken or silent connection: report the request, then reconnect so the pool keeps its size. */
  #fail(kind: 'error' | 'timeout'): void {
    const socket = this.#socket;
    this.#socket = null;
    socket?.removeAllListeners();
    socket?.on('error', () => {});
    socket?.destroy();
    const wasBusy = this.busy;
    this.ready = false;
    this.#finish({ kind });
    if (!this.#closed && (wasBusy || socket !== null)) {
      // Reconnect in the background and rejoin the pool when open; a server that is gone leaves
      // the request queue unsent, which the run counts as timeouts.
      this.open().then(
        () => {
          if (!this.#closed) this.onReady(this);
        },
        () => {},
      );
    }
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#socket?.removeAllListeners();
    this.#socket?.on('error', () => {});
    this.#socket?.destroy();
    this.#socket = null;
  }
}
