/** One raw request on a fresh connection, and the answer reduced to what the contract compares. */
import { connect } from 'node:net';
import type { EdgeRequest } from './edge-corpus.js';

/** What two apps must agree on (Date and other volatile headers left out). */
export interface Answer {
  /** Status codes of every response, in order (`101` ends the HTTP part). */
  statuses: number[];
  /** Of the last response. */
  type?: string;
  length?: string;
  connection?: string;
  code?: string;
  message?: string;
  /** A non-JSON body, as text. */
  body?: string;
  /** Bytes that did not parse as HTTP/1.1 responses, if any. */
  junk?: string;
  /** The app neither completed its answer nor closed within the cap (see {@link ask}). */
  stalled?: true;
}

/** Parses a byte stream of HTTP/1.1 responses; HEAD responses and 1xx carry no body. */
export function summarize(text: string, head = false): Answer {
  const answer: Answer = { statuses: [] };
  let rest = Buffer.from(text, 'utf8');
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(rest.subarray(0, 16).toString('latin1'));
    if (end < 0 || !match) {
      answer.junk = rest.toString('latin1').slice(0, 120);
      break;
    }
    const status = Number(match[1]);
    answer.statuses.push(status);
    const headers = new Map<string, string>();
    for (const line of rest.subarray(0, end).toString('latin1').split('\r\n').slice(1)) {
      const colon = line.indexOf(':');
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const bodyless = head || status < 200 || status === 204 || status === 304;
    const size = bodyless ? 0 : Number(headers.get('content-length') ?? 0);
    const body = Buffer.from(rest.subarray(end + 4, end + 4 + size)).toString('utf8');
    rest = rest.subarray(end + 4 + size);
    if (status === 100) continue;
    Object.assign(answer, {
      type: headers.get('content-type'),
      length: headers.get('content-length'),
      connection: headers.get('connection')?.toLowerCase(),
      code: undefined,
      message: undefined,
      body: undefined,
    });
    if (status === 101) break;
    try {
      const json = JSON.parse(body) as { error?: { code?: string; message?: string } };
      if (json.error) Object.assign(answer, { code: json.error.code, message: json.error.message });
      else answer.body = body;
    } catch {
      answer.body = body;
    }
  }
  for (const key of Object.keys(answer) as (keyof Answer)[])
    if (answer[key] === undefined) delete answer[key];
  return answer;
}

/**
 * True once `bytes` hold whole responses and nothing more is owed: a 101 (the socket left HTTP), or
 * `expected` final answers. A body is whole when its Content-Length is read, or its chunked `0` chunk;
 * without either it runs to the close. `Connection: close` is not waited for: the summary records the
 * header, and Deno sends it on the guard's 400s but keeps the socket open.
 */
export function isComplete(bytes: Buffer, head = false, expected = 1): boolean {
  let rest = bytes;
  let finals = 0;
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(rest.subarray(0, 16).toString('latin1'));
    if (end < 0 || !match) return false;
    const status = Number(match[1]);
    const fields = rest.subarray(0, end).toString('latin1').toLowerCase();
    const length = /\r\ncontent-length:[\t ]*(\d+)/.exec(fields);
    const chunked = /\r\ntransfer-encoding:[^\r]*chunked/.test(fields);
    let size = 0;
    if (!(head || status < 200 || status === 204 || status === 304)) {
      if (length) size = Number(length[1]);
      else if (chunked) size = chunkedSize(rest.subarray(end + 4));
      else return false;
    }
    if (size < 0 || rest.length < end + 4 + size) return false;
    rest = rest.subarray(end + 4 + size);
    if (status === 101) return true;
    if (status < 200) continue;
    finals += 1;
    if (rest.length === 0) return finals >= expected;
  }
  return false;
}

/** Bytes of a whole chunked body at the start of `body`, or -1 while its last chunk has not arrived. */
function chunkedSize(body: Buffer): number {
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) return -1;
    const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
    if (Number.isNaN(size)) return -1;
    at = eol + 2 + size + 2;
    if (size === 0) return at <= body.length ? at : -1;
    if (at > body.length) return -1;
  }
}

/**
 * Sends one corpus request on a fresh connection and summarises the answer once it is complete (see
 * {@link isComplete}) or the server closed. No silence window: a busy machine only makes it slower, never
 * wrong. `capMs` only bounds an app that leaves an answer unfinished on an open connection; the answer
 * is then marked `stalled`.
 */
export function ask(host: string, port: number, req: EdgeRequest, capMs = 10_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host, port });
    let finished = false;
    const done = (stalled: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(cap);
      socket.destroy();
      const answer = summarize(Buffer.concat(chunks).toString('utf8'), req.head);
      resolve(stalled ? { ...answer, stalled: true } : answer);
    };
    const cap = setTimeout(() => done(true), capMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (isComplete(Buffer.concat(chunks), req.head, req.responses)) done(false);
    });
    socket.on('close', () => done(false));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // A server that refuses a request may reset the connection instead of closing it: that is a close.
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') done(false);
      else {
        finished = true;
        clearTimeout(cap);
        reject(err);
      }
    });
    socket.write(Buffer.from(req.raw, 'latin1'));
  });
}
