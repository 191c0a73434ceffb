/**
 * The edge guard: wraps whatever `request` and `upgrade` listeners a framework installed on its
 * node:http server, so every app applies the rules of edges.ts before its router runs, answers them in
 * the envelope with the same words, and treats `Upgrade` the same way. Written by hand: no framework
 * option covers these rules, and five copies would drift (README, "Written by hand").
 */
import { ServerResponse, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { CONTENT_TYPE } from '@repo/fixtures';
import { pathOf, requestProblem, type UpgradeGate } from './edges.js';
import { errorBody, HttpError, MESSAGES, rawErrorResponse } from './errors.js';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** Answers an edge error; 400s close the connection (the request may have left bytes we did not read). */
function answer(res: ServerResponse, err: HttpError): void {
  const body = errorBody(err.code, err.message);
  res.writeHead(err.status, {
    'content-type': CONTENT_TYPE.json,
    'content-length': Buffer.byteLength(body),
    ...(err.status === 400 && { connection: 'close' }),
  });
  res.end(body);
}

/** Answers on a raw socket (upgrade and CONNECT have no ServerResponse) and closes it. */
function refuse(socket: Duplex, err: HttpError): void {
  socket.once('finish', () => socket.destroy());
  socket.end(rawErrorResponse(err.code, err.message));
}

const WS_KEY = /^[+/0-9A-Za-z]{22}==$/;
const TOKENS = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

/** What `ws` would refuse with its own text/html 400 (RFC 6455 §4.2.1), refused here in the envelope. */
function isValidHandshake(req: IncomingMessage): boolean {
  const protocol = req.headers['sec-websocket-protocol'];
  return (
    req.method === 'GET' &&
    WS_KEY.test(req.headers['sec-websocket-key'] ?? '') &&
    ['8', '13'].includes(req.headers['sec-websocket-version'] ?? '') &&
    (protocol === undefined || TOKENS.test(protocol))
  );
}

/**
 * Node hands every request carrying `Upgrade` to the `upgrade` event once anyone listens there. An
 * upgrade we do not speak (h2c, an unknown token) is a request like any other (RFC 9110 §7.8): answer it
 * through the normal listener on a ServerResponse of our own, then close (the socket left Node's parser).
 */
function serveAsHttp(req: IncomingMessage, socket: Duplex, handle: RequestListener): void {
  const res = new ServerResponse(req);
  res.shouldKeepAlive = false;
  res.assignSocket(socket as never);
  res.once('finish', () => {
    res.detachSocket(socket as never);
    socket.end();
  });
  if (!req.complete) req.push(null);
  handle(req, res);
}

/**
 * Installs the guard on a server whose framework listeners are already attached (call it last).
 * `upgrades` says which WebSocket upgrades get through to those listeners (none when omitted).
 *
 * @example
 * const server = createHttpServer(SERVER_OPTIONS, listener);
 * attachUpgrade(server, hub);
 * guardServer(server, { path: WS_PATH, allow: (req) => hub.isOriginAllowed(req) });
 */
export function guardServer(server: Server, upgrades?: UpgradeGate): void {
  const requestListeners = server.listeners('request') as RequestListener[];
  const upgradeListeners = server.listeners('upgrade') as UpgradeListener[];
  server.removeAllListeners('request');
  server.removeAllListeners('upgrade');

  const handle: RequestListener = (req, res) => {
    const problem = requestProblem(req);
    if (problem) return answer(res, problem);
    for (const listener of requestListeners) listener.call(server, req, res);
  };
  server.on('request', handle);

  // #region upgrade
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client resetting mid-handshake emits 'error' on this raw socket; unhandled it would crash us.
    socket.on('error', () => socket.destroy());
    if (req.headers.upgrade?.trim().toLowerCase() !== 'websocket') return serveAsHttp(req, socket, handle);
    const problem = requestProblem(req);
    if (problem) return refuse(socket, problem);
    const path = pathOf(req.url!);
    if (!upgrades) return refuse(socket, new HttpError('NOT_FOUND', MESSAGES.notFound(req.method!, path)));
    if (path !== upgrades.path)
      return refuse(socket, new HttpError('NOT_FOUND', MESSAGES.noWebSocket(path, upgrades.path)));
    if (!isValidHandshake(req)) return refuse(socket, new HttpError('BAD_REQUEST', MESSAGES.badHandshake));
    if (!upgrades.allow(req)) return refuse(socket, new HttpError('FORBIDDEN', MESSAGES.forbiddenOrigin));
    for (const listener of upgradeListeners) listener.call(server, req, socket, head);
  });
  // #endregion

  // CONNECT (a proxy tunnel request) names no route; without a listener Node drops the socket unanswered.
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    refuse(socket, new HttpError('NOT_FOUND', MESSAGES.notFound('CONNECT', req.url ?? '')));
  });
}
