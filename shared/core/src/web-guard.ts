/**
 * The edge guard for runtimes that hand the app a Web `Request` instead of node:http's objects (hono on
 * Bun and Deno): the rules of edges.ts and guard.ts, as far as a `Request` still shows them. What the
 * runtime decides before the app sees the request (HTTP version, duplicate headers merged into one, the
 * URL already parsed) cannot be checked here; the conformance suite's runtime exceptions name each case.
 */
import { CONTENT_TYPE } from '@repo/fixtures';
import { checkPath, isValidHost, pathOf, type UpgradeGate } from './edges.js';
import { errorBody, HttpError, MESSAGES } from './errors.js';

const WS_KEY = /^[+/0-9A-Za-z]{22}==$/;
const TOKENS = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

/** The envelope as a `Response`; 400s ask the runtime to close the connection. */
export function errorResponse(err: HttpError): Response {
  const body = errorBody(err.code, err.message);
  return new Response(body, {
    status: err.status,
    headers: {
      'content-type': CONTENT_TYPE.json,
      ...(err.status === 400 && { connection: 'close' }),
    },
  });
}

/**
 * Every rule a Web `Request` can be held to before routing (Host, no body, exact paths, and for a
 * websocket upgrade: path, handshake, and the `upgrades` hook, as in guardServer). Returns the error to
 * answer with, or undefined.
 *
 * @example
 * const problem = webRequestProblem(req, { path: WS_PATH, allow: (r) => hub.isOriginAllowed(r) });
 * if (problem) return errorResponse(problem);
 */
export function webRequestProblem(req: Request, upgrades?: UpgradeGate): HttpError | undefined {
  const headers = req.headers;
  // Duplicate Host headers arrive joined with ", ", which isValidHost refuses. A missing one cannot be
  // told from HTTP/1.0 (a Request has no version), so it passes (the runtimes refuse or fill it first).
  const host = headers.get('host');
  if (host !== null && !isValidHost(host)) return new HttpError('BAD_REQUEST', MESSAGES.badHost);
  const length = headers.get('content-length');
  if ((length !== null && length !== '0') || headers.has('transfer-encoding'))
    return new HttpError('BAD_REQUEST', MESSAGES.body);
  const path = pathOf(req.url);
  try {
    checkPath(req.method, path);
  } catch (err) {
    return err as HttpError;
  }
  if (headers.get('upgrade')?.trim().toLowerCase() !== 'websocket') return undefined;
  if (!upgrades) return new HttpError('NOT_FOUND', MESSAGES.notFound(req.method, path));
  if (path !== upgrades.path) return new HttpError('NOT_FOUND', MESSAGES.noWebSocket(path, upgrades.path));
  const protocol = headers.get('sec-websocket-protocol');
  const handshake =
    req.method === 'GET' &&
    WS_KEY.test(headers.get('sec-websocket-key') ?? '') &&
    ['8', '13'].includes(headers.get('sec-websocket-version') ?? '') &&
    (protocol === null || TOKENS.test(protocol));
  if (!handshake) return new HttpError('BAD_REQUEST', MESSAGES.badHandshake);
  const origin = headers.get('origin') ?? undefined;
  if (!upgrades.allow({ headers: { origin, host: host ?? undefined } }))
    return new HttpError('FORBIDDEN', MESSAGES.forbiddenOrigin);
  return undefined;
}
