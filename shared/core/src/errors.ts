/**
 * The one error envelope every app answers with: `{"error":{"code":"NOT_FOUND","message":"…"}}`.
 * Codes are stable strings clients can switch on; the message is for people.
 */
import { STATUS_CODES } from 'node:http';
import { CONTENT_TYPE } from '@repo/fixtures';

export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string };
}

/** An error a handler throws on purpose: the app's error handler turns it into the envelope. */
export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = ERROR_STATUS[code];
  }
}

/** The envelope as a JSON string. */
export function errorBody(code: ErrorCode, message: string): string {
  const envelope: ErrorEnvelope = { error: { code, message } };
  return JSON.stringify(envelope);
}

/**
 * Every message an app may put in the envelope, defined once: the same failure reads the same in every
 * app (the differential test compares them). Frameworks' own wording never reaches a client.
 */
export const MESSAGES = {
  notFound: (method: string, path: string) => `No route for ${method} ${path}`,
  internal: 'Internal server error',
  malformed: 'Malformed HTTP request',
  headersTooLarge: 'Request headers are larger than 16 KiB',
  timeout: 'Request took too long to arrive',
  badHost: 'An HTTP/1.1 request needs exactly one valid Host header',
  body: 'Request bodies are not accepted (every route is GET)',
  badEncoding: 'Path is not valid percent-encoding',
  backslash: 'Path holds a raw backslash (send / or %5C)',
  nameLength: (max: number) => `name must be 1–${max} characters`,
  noWebSocket: (path: string, wsPath: string) => `No WebSocket endpoint at ${path}; use ${wsPath}`,
  badHandshake: 'Invalid WebSocket handshake (GET with a valid Sec-WebSocket-Key and version 13)',
  forbiddenOrigin: 'WebSocket connections from this Origin are not allowed',
  databaseUnavailable: 'The database is unavailable; retry shortly',
} as const;

/**
 * Maps anything thrown in a handler to status + envelope. Client errors a framework raises itself carry
 * a 4xx in `status` (express, koa) or `statusCode` (fastify's body parser): they are 400 with the shared
 * message, never a 500 and never logged. Anything else is a 500 and must be logged.
 */
export function toErrorResponse(err: unknown): { status: number; body: string; unexpected: boolean } {
  if (err instanceof HttpError)
    return { status: err.status, body: errorBody(err.code, err.message), unexpected: false };
  const e = err as { status?: unknown; statusCode?: unknown } | null;
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status: 400, body: errorBody('BAD_REQUEST', MESSAGES.malformed), unexpected: false };
  }
  return { status: 500, body: errorBody('INTERNAL', MESSAGES.internal), unexpected: true };
}

/** A raw HTTP/1.1 error response for places that only have a socket (client errors, tcp-app). */
export function rawErrorResponse(code: ErrorCode, message: string): string {
  const status = ERROR_STATUS[code];
  const body = errorBody(code, message);
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
    `Content-Type: ${CONTENT_TYPE.json}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `Date: ${new Date().toUTCString()}\r\n` +
    `Connection: close\r\n\r\n${body}`
  );
}
