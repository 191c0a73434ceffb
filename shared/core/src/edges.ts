/**
 * The HTTP edge rules of the contract, decided once (README, "Routes"): what counts as a valid request
 * and which request targets can name a route. Pure functions over the request head, so tcp-app can
 * reuse the Host rule and the guard (guard.ts) applies the rest before any framework runs.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError, MESSAGES } from './errors.js';

/** Path prefixes whose next segment is a parameter (`/hello/:name`): the only place `%XX` is decoded. */
/**
 * Which WebSocket upgrades a server takes: the one path it serves them on, and a hook that vets the
 * handshake request (the chat hub checks its Origin). Core knows no WebSocket library, so the app
 * hands this in; without one, every WebSocket upgrade gets a 404.
 *
 * @example guardServer(server, { path: '/ws', allow: (req) => hub.isOriginAllowed(req) });
 */
export interface UpgradeGate {
  /** The only path that takes WebSocket upgrades. */
  path: string;
  /** False refuses the upgrade with 403 (called after the path and handshake checks pass). */
  allow(req: { headers: { origin?: string; host?: string } }): boolean;
}

export const PARAM_PREFIXES: readonly string[] = ['/hello/'];

// host = reg-name / IPv4 / [IPv6], optional :port (RFC 9110 §7.2 via RFC 3986 §3.2.2). Stricter than
// reg-name's sub-delims on purpose: a Host with `,`, `;` or `@` is a mistake or an attack, never a name.
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9._~-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

/** True for a syntactically valid `Host` value with a port ≤ 65535. */
export function isValidHost(value: string): boolean {
  // Clients send the same Host on every request: remember the last valid one instead of re-matching.
  if (value === lastValidHost) return true;
  const match = HOST.exec(value);
  const valid = match !== null && (match[1] === undefined || Number(match[1]) <= 65535);
  if (valid) lastValidHost = value;
  return valid;
}
let lastValidHost = '';

/**
 * Host rule: an HTTP/1.1 request carries exactly one valid `Host`; HTTP/1.0 may omit it (telnet), but
 * one that is sent must be valid and single. Routing never reads it.
 */
export function hostProblem(version: string, hosts: readonly string[]): string | undefined {
  if (hosts.length > 1 || (hosts.length === 0 && version !== '1.0')) return MESSAGES.badHost;
  if (hosts.length === 1 && !isValidHost(hosts[0]!)) return MESSAGES.badHost;
  return undefined;
}

/**
 * The target as a route sees it: absolute-form (`http://x/json`) becomes its path and query, and the
 * fragment is dropped (RFC 9112 §3.2: it is never part of a request target; a URL parser drops it too).
 */
export function originForm(target: string): string {
  // The common case, on every request: already origin-form, no fragment.
  if (target.charCodeAt(0) === 47 && !target.includes('#')) return target;
  let out = target;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(out);
  if (scheme) {
    const slash = out.indexOf('/', scheme[0].length);
    out = slash === -1 ? '/' : out.slice(slash);
  }
  const hash = out.indexOf('#');
  return hash === -1 ? out : out.slice(0, hash);
}

/**
 * The raw path of an origin-form target or of a full URL (hono hands over `http://host/path?q`): no
 * query, nothing decoded.
 */
export function pathOf(target: string): string {
  let start = 0;
  if (!target.startsWith('/')) {
    const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(target);
    // Neither origin-form nor a URL (`*`, `example.com:443`): returned as it is, and checkPath refuses it.
    if (!scheme) return target;
    start = target.indexOf('/', scheme[0].length);
    if (start === -1) return '/';
  }
  const query = target.indexOf('?', start);
  return query === -1 ? target.slice(start) : target.slice(start, query);
}

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * Checks a path against the routing rules every app shares and throws the envelope error a client gets:
 * - malformed percent-encoding anywhere → 400 (`/hello/%E0%A4%A`);
 * - a raw backslash → 400 (`/\json`, `/hello/a\b`): RFC 3986 has no `\` in a path, and WHATWG URL
 *   parsers (hono's adapter, Bun, Deno, browsers) read it as `/`, so the same bytes would name different
 *   paths in different apps. hono's adapter refuses it with a bare 400 of its own; here every app refuses
 *   it first, in the envelope. Encoded (`%5C`) it is an ordinary character of a name;
 * - an empty segment (`//`, `/json/`), a dot segment (`/hello/../json`, `/%2e`) or a `%` outside a
 *   parameter segment (`/%6Ason`) → 404: such a path names no route, and no app may resolve, merge or
 *   decode it into one. Case is exact (`/JSON` is 404) — that rule is each router's own option.
 */
export function checkPath(method: string, path: string): void {
  if (!path.startsWith('/')) throw new HttpError('BAD_REQUEST', MESSAGES.malformed);
  if (path.includes('%')) {
    try {
      decodeURIComponent(path);
    } catch {
      throw new HttpError('BAD_REQUEST', MESSAGES.badEncoding);
    }
  }
  if (path.includes('\\')) throw new HttpError('BAD_REQUEST', MESSAGES.backslash);
  // The common case, on every request: no empty segment, no dot segment, no escape for the rules below.
  if (!path.includes('//') && !path.includes('/.') && !path.includes('%') && !path.endsWith('/')) return;
  if (path === '/') return;
  const prefix = PARAM_PREFIXES.find((p) => path.startsWith(p));
  const fixed = prefix ?? path;
  const segments = path.slice(1).split('/');
  if (fixed.includes('%') || segments.some((s) => s === '' || DOT_SEGMENT.test(s))) {
    throw new HttpError('NOT_FOUND', MESSAGES.notFound(method, path));
  }
}

/**
 * Every rule a request head must pass before routing, in the order a client would want to hear about
 * them; normalises `req.url` to origin form first. Returns the error to answer with, or undefined.
 *
 * @example
 * const problem = requestProblem(req);
 * if (problem) return answer(res, problem); // the envelope, same words in every app
 */
export function requestProblem(req: IncomingMessage): HttpError | undefined {
  // One pass over rawHeaders, never `req.headers`: Node builds that object lazily, and touching it on
  // every request would cost node:http (which never reads it) a quarter of its plaintext rate.
  let hosts = 0;
  let host = '';
  let body = false;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 4 && name.toLowerCase() === 'host') {
      hosts += 1;
      host = raw[i + 1]!;
    } else if (name.length === 14 && name.toLowerCase() === 'content-length') {
      body ||= raw[i + 1] !== '0';
    } else if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') {
      body = true;
    }
  }
  if (hosts > 1 || (hosts === 0 && req.httpVersion !== '1.0') || (hosts === 1 && !isValidHost(host))) {
    return new HttpError('BAD_REQUEST', MESSAGES.badHost);
  }
  // No route takes a body; refusing one up front keeps it from being parsed, buffered or smuggled.
  if (body) return new HttpError('BAD_REQUEST', MESSAGES.body);
  req.url = originForm(req.url ?? '/');
  try {
    checkPath(req.method ?? 'GET', pathOf(req.url));
  } catch (err) {
    return err as HttpError;
  }
  return undefined;
}
