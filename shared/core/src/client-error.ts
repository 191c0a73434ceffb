import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { MESSAGES, rawErrorResponse } from './errors.js';

/** Calls `then` once no response is being written on this socket (Node keeps the current one there). */
function afterPendingResponses(socket: Duplex, then: () => void): void {
  const pending = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (!pending || pending.writableFinished || pending.destroyed) return then();
  let done = false;
  const next = () => {
    if (done) return;
    done = true;
    // Node assigns the next pipelined response on 'finish'; look again once it has.
    setImmediate(() => afterPendingResponses(socket, then));
  };
  pending.once('finish', next);
  pending.once('close', next);
}

/**
 * `clientError` listener for every app's node:http server: requests Node's parser rejects before any
 * framework sees them (malformed request line, headers over 16 KiB, a timed-out head) get the JSON
 * envelope, then the connection closes. Without it Node answers a bare `400`. Answers to requests
 * pipelined before the bad one are still being written by async frameworks (koa, hono, fastify): they
 * go out first, so garbage after a good request never swallows its 200.
 */
export function onClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const response =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? rawErrorResponse('HEADERS_TOO_LARGE', MESSAGES.headersTooLarge)
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? rawErrorResponse('REQUEST_TIMEOUT', MESSAGES.timeout)
        : rawErrorResponse('BAD_REQUEST', MESSAGES.malformed);
  afterPendingResponses(socket, () => {
    if (socket.writable) socket.end(response);
    else socket.destroy();
  });
}
