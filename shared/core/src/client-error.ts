import type { Duplex } from 'node:stream';
import { rawErrorResponse } from './errors.js';

/**
 * `clientError` listener for node:http servers (and fastify's `clientErrorHandler`): requests Node's
 * parser rejects before any framework sees them (malformed request line, headers over 16 KiB) still
 * get the JSON envelope, then the connection closes. Without it Node answers a bare `400`.
 */
export function onClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const response =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? rawErrorResponse('HEADERS_TOO_LARGE', 'Request headers are larger than 16 KiB')
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? rawErrorResponse('REQUEST_TIMEOUT', 'Request took too long to arrive')
        : rawErrorResponse('BAD_REQUEST', 'Malformed HTTP request');
  socket.end(response);
}
