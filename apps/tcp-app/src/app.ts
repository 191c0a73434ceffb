/**
 * The barest server: node:net and no HTTP library. It reads bytes off the socket, cuts them into
 * request heads and writes HTTP/1.1 answers by hand. Try `telnet localhost 8080` (or `nc -C localhost
 * 8080`), type `GET / HTTP/1.0`, press Enter twice: the text comes back. HTTP/1.0 because an HTTP/1.1
 * request must also carry a `Host: localhost` line, or it gets 400.
 *
 * What node:http does for us is spelled out: the head rules, a timer per connection, backpressure.
 */
import { createServer as createNetServer, type Socket } from 'node:net';
import { CONTENT_TYPE, HELLO_TEXT } from '@repo/fixtures';
import {
  closeServer,
  errorBody,
  hostProblem,
  HTTP_TIMEOUTS,
  MESSAGES,
  originForm,
  rawErrorResponse,
  type AppOptions,
  type AppServer,
  type ErrorCode,
} from '@repo/core';

/** Like Node's parser: a request head may not pass 16 KiB, so a client cannot grow our buffer. */
const MAX_HEAD_BYTES = 16 * 1024;

export type Timeouts = { [K in keyof typeof HTTP_TIMEOUTS]: number };
export type Request = { method: string; path: string; keepAlive: boolean };
type Problem = [code: ErrorCode, message: string];

/** What the connection handler shares with close(): every open socket and whether it is idle. */
export interface Shared {
  timeouts: Timeouts;
  closing: boolean;
  open: Map<Socket, () => boolean>;
}
const newShared = (timeouts: Partial<Timeouts> = {}): Shared => ({
  timeouts: { ...HTTP_TIMEOUTS, ...timeouts },
  closing: false,
  open: new Map(),
});

// Method tokens are uppercase letters; the target has no space or control character.
const REQUEST_LINE = /^([A-Z]+) ([^\x00-\x20\x7f]+) HTTP\/1\.([01])$/;
// The same line before its line end has arrived: each part so far must fit.
const PARTIAL_LINE =
  /^(?:[A-Z]*|[A-Z]+ [^\x00-\x20\x7f]*|[A-Z]+ [^\x00-\x20\x7f]+ (?:H|HT|HTT|HTTP|HTTP\/|HTTP\/1|HTTP\/1\.|HTTP\/1\.[01]\r?)?)$/;
// `name: value`: a token right before the colon, a value without controls but HTAB. A line without a
// colon, a NUL, a bare CR or a line starting with a space or tab (obsolete line folding) all fail.
const FIELD = /^[\w!#$%&'*+.^`|~-]+:[^\x00-\x08\x0a-\x1f\x7f]*$/;

/**
 * Where the first head in `buffered` ends (-1: not yet), or why it never will. The request line is
 * checked as its bytes arrive: a TLS ClientHello (first byte 0x16) is refused at once, not after a
 * blank line that may never come.
 */
export function headEnd(buffered: string): number | Problem {
  const newline = buffered.indexOf('\n');
  const line = newline === -1 ? buffered : buffered.slice(0, newline).replace(/\r$/, '');
  if (!(newline === -1 ? PARTIAL_LINE : REQUEST_LINE).test(line)) return ['BAD_REQUEST', MESSAGES.malformed];
  const end = buffered.search(/\r?\n\r?\n/);
  const tooLarge = (end === -1 ? buffered.length : end) > MAX_HEAD_BYTES;
  return tooLarge ? ['HEADERS_TOO_LARGE', MESSAGES.headersTooLarge] : end;
}

/**
 * Checks one complete head (request line and header lines, without the blank line) against the
 * contract and returns what routing needs, or the 400 to answer with. Upgrade is ignored on purpose:
 * tcp-app has no WebSocket, so `Upgrade: websocket` or `h2c` gets a plain HTTP/1.1 answer.
 */
export function parseHead(head: string): Request | Problem {
  const [requestLine = '', ...lines] = head.split(/\r?\n/);
  const match = REQUEST_LINE.exec(requestLine);
  // Lines are split at (CR)LF, so a control character left over (NUL, a bare CR, …) fails FIELD.
  if (!match || !lines.every((line) => FIELD.test(line))) return ['BAD_REQUEST', MESSAGES.malformed];
  const [, method = '', target = '', minor] = match;
  const values = (name: string) =>
    lines
      .filter((line) => line.slice(0, line.indexOf(':')).toLowerCase() === name)
      .map((line) => line.slice(line.indexOf(':') + 1).replace(/^[\t ]+|[\t ]+$/g, ''));

  // HTTP/1.1 needs exactly one valid Host; HTTP/1.0 may omit it (telnet). Routing never reads it.
  const badHost = hostProblem(`1.${minor}`, values('host'));
  if (badHost) return ['BAD_REQUEST', badHost];
  // No route takes a body, and a body we do not read must never be parsed as the next request.
  const hasBody = values('content-length').some((v) => v !== '0') || values('transfer-encoding').length > 0;
  if (hasBody) return ['BAD_REQUEST', MESSAGES.body];
  // Absolute-form (`http://host/x`) is answered as its path; query and fragment are not part of it.
  const [path = ''] = originForm(target).split('?');
  if (!path.startsWith('/')) return ['BAD_REQUEST', MESSAGES.malformed]; // `*`, `foo`, …
  // HTTP/1.1 stays open unless asked to close; HTTP/1.0 closes unless asked to stay.
  const connection = values('connection').flatMap((v) => v.toLowerCase().split(/[\t ]*,[\t ]*/));
  const keepAlive = minor === '1' ? !connection.includes('close') : connection.includes('keep-alive');
  return { method, path, keepAlive };
}

/** GET and HEAD `/` say hello, anything else is 404; HEAD gets GET's headers (Content-Length too), no body. */
function respond({ method, path }: Request, keepAlive: boolean): string {
  const [status, type, body] =
    (method === 'GET' || method === 'HEAD') && path === '/'
      ? ['200 OK', CONTENT_TYPE.text, HELLO_TEXT]
      : ['404 Not Found', CONTENT_TYPE.json, errorBody('NOT_FOUND', MESSAGES.notFound(method, path))];
  return (
    `HTTP/1.1 ${status}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Date: ${new Date().toUTCString()}\r\nConnection: ${keepAlive ? 'keep-alive' : 'close'}\r\n\r\n` +
    (method === 'HEAD' ? '' : body)
  );
}

/** One timer per socket: each call replaces the one before, and the socket's close clears it. */
function timerOf(socket: Socket): (ms: number, then: () => void) => void {
  let timer: NodeJS.Timeout | undefined;
  socket.once('close', () => clearTimeout(timer));
  return (ms, then) => {
    clearTimeout(timer);
    timer = setTimeout(then, ms);
  };
}

export function createApp(shared = newShared()): (socket: Socket) => void {
  const { timeouts: t, open } = shared;
  return (socket) => {
    // #region connection
    // #elide buffered = '', a timer per socket; finish, fail and rest: the ways a connection ends
    let buffered = '';
    const wait = timerOf(socket);
    const cut = () => socket.destroy();
    // After the last answer, read and drop until the client hangs up; one that never does is cut.
    const finish = (last: string) => (socket.end(last), wait(t.keepAliveMs, cut));
    const fail = (code: ErrorCode, message: string) => finish(rawErrorResponse(code, message));
    const timedOut = () => fail('REQUEST_TIMEOUT', MESSAGES.timeout);
    // Idle, between requests or before the first byte (no request began, so no 408): closed quietly.
    const rest = () => (shared.closing ? finish('') : wait(t.keepAliveMs, cut));
    // #endelide
    // Answers every complete head in the buffer, in order: one chunk may hold several pipelined requests.
    const serve = (fresh = false) => {
      while (!socket.isPaused()) {
        const end = headEnd(buffered); // not HTTP → 400 at once; no blank line within 16 KiB → 431
        if (typeof end !== 'number') return fail(...end);
        if (end === -1) break;
        const request = parseHead(buffered.slice(0, end));
        buffered = buffered.slice(end).replace(/^\r?\n\r?\n/, '');
        if (Array.isArray(request)) return fail(...request);
        if (!request.keepAlive || shared.closing) return finish(respond(request, false));
        // Backpressure: a client that does not read its answers gets no more of its requests read.
        if (!socket.write(respond(request, true))) socket.pause();
        fresh = true;
      }
      // #elide then wait: for 'drain', for the rest of the next head, or idle
      // Paused: 'drain' resumes it, a client that never reads is cut. Else idle, or the next head has begun.
      if (socket.isPaused()) wait(t.keepAliveMs, cut);
      else if (!buffered) rest();
      else if (fresh) wait(t.headersMs, timedOut);
      // #endelide
    };
    // #elide on 'data': buffered += chunk, then serve(); also 'drain', 'error' and 'close'
    open.set(socket, () => !buffered);
    socket.setEncoding('latin1');
    socket.on('error', cut);
    socket.on('close', () => open.delete(socket));
    socket.on('drain', () => (socket.resume(), serve(true)));
    socket.on('data', (chunk: string) => {
      if (socket.writableEnded) return; // answered for the last time: read and drop
      if (!buffered) wait(t.headersMs, timedOut); // a head's first byte: its clock starts
      buffered += chunk;
      serve();
    });
    rest();
    // #endelide
    // #endregion
  };
}

/**
 * Builds the server without listening (tests and `server.ts` decide where it listens). Tests may
 * shorten `timeouts`; production uses HTTP_TIMEOUTS. A promise like every app's createServer,
 * though nothing here has to wait.
 */
export function createServer(
  options: AppOptions & { timeouts?: Partial<Timeouts> } = {},
): Promise<AppServer> {
  const shared = newShared(options.timeouts);
  const server = createNetServer(createApp(shared));
  return Promise.resolve({
    server,
    // Stop listening, end idle sockets now, let answers in flight finish, cut whatever is left.
    close: async () => {
      const closed = closeServer(server);
      const { open, timeouts } = shared;
      shared.closing = true;
      for (const [socket, idle] of open) if (idle()) socket.end(() => socket.destroy());
      const grace = setTimeout(() => open.forEach((_, socket) => socket.destroy()), timeouts.shutdownGraceMs);
      await closed;
      clearTimeout(grace);
    },
  });
}
