import { HELLO_JSON_BODY, HELLO_TEXT } from '@repo/fixtures';
import { request } from './edge-corpus.js';
import type { Answer } from './raw-answer.js';

/**
 * The one list of places where an app may answer differently from node-http-app at the HTTP edges,
 * each with the reason. The differential test fails on any difference not listed here, and on any
 * entry here that no longer differs (so the list cannot rot).
 */
export interface EdgeException {
  app: string;
  /** The corpus request's name (edge-corpus.ts). */
  request: string;
  /** Why this app cannot answer like the others. */
  reason: string;
}

export const EDGE_EXCEPTIONS: readonly EdgeException[] = [];

/** A request of an excepted check and what the runtime answers instead (`closed`: it closes the connection). */
export interface RuntimeCase {
  raw: string;
  /** Only these keys are compared; `undefined` means the answer must not have it (no envelope, no type). */
  expect: { [K in keyof Answer]?: Answer[K] | undefined } & { closed?: boolean };
}

/**
 * Checks a runtime other than Node cannot pass with hono on its native server, each with the reason
 * (README, "What we noticed") and what the runtime does instead. `describeRuntimeConformance` sends
 * the check's requests and expects exactly that answer (then a 200 on `GET /`), so a crash, a timeout
 * or another deviation fails; when the answer differs and the check itself passes, the entry is stale.
 * `in-process` entries need the in-process factory: the suite asserts the check calls it.
 */
export interface RuntimeException {
  /** `bun` or `deno`. */
  runtime: string;
  /** The check's name, exactly as in its part. */
  check: string;
  reason: string;
  instead: readonly RuntimeCase[] | 'in-process';
}

const MALFORMED =
  'a malformed request line gets 400 BAD_REQUEST, the connection closes, the server keeps serving';
const HEADERS_431 = 'request headers over 16 KiB get 431 HEADERS_TOO_LARGE';
const HOST = 'HTTP/1.1 without Host, with two, or with an invalid one → 400 envelope, close';
const NO_COLON = 'header lines without a colon or with NUL → 400 envelope';
const CONNECT = 'plain GET /ws and CONNECT get the 404 envelope';
const GARBAGE = 'a pipelined request is answered before garbage after it closes the connection';
const IN_PROCESS = [
  'a template error at request time is a 500 INTERNAL, logged once, and the app keeps serving',
  'a missing template stops start-up with the file named',
  'a template that does not compile stops start-up with the file named',
];
const inProcess = (runtime: string): RuntimeException[] =>
  IN_PROCESS.map((check) => ({
    runtime,
    check,
    reason:
      'needs the in-process factory (a test-only templates dir and a logError hook); the spawned process has ' +
      "neither. The same @repo/core template loader and hono's onError run there, and pass on Node",
    instead: 'in-process',
  }));

/** The runtime's parser answers by itself: the status, no body, no Content-Type, and the connection closes. */
const bare = (status: number): RuntimeCase['expect'] => ({
  statuses: [status],
  type: undefined,
  code: undefined,
  body: '',
  closed: true,
});
const ok = (body: string): RuntimeCase['expect'] => ({ statuses: [200], body });
const envelope = (status: number, code: string, message: string): RuntimeCase['expect'] => ({
  statuses: [status],
  code,
  message,
});
const BAD_HOST = envelope(400, 'BAD_REQUEST', 'An HTTP/1.1 request needs exactly one valid Host header');
const NOT_FOUND_WS = {
  raw: request('GET', '/ws'),
  expect: envelope(404, 'NOT_FOUND', 'No route for GET /ws'),
};
const CONNECT_RAW = 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n';
const malformed = { raw: 'THIS IS NOT HTTP\r\n\r\n', expect: bare(400) };
const bigHead = request('GET', '/', `X-Big: ${'a'.repeat(17 * 1024)}\r\n`);
const noColon = [
  { raw: request('GET', '/', 'NoColonHere\r\n'), expect: bare(400) },
  { raw: request('GET', '/', 'X-A: a\0b\r\n'), expect: bare(400) },
];
// The pipelined request is answered first, the garbage gets the parser's bare 400.
const garbage = {
  raw: request('GET', '/hello/one') + 'GARBAGE\r\n\r\n',
  expect: { ...bare(400), statuses: [200, 400] },
};
// HTTP/1.0 without Host is served and closed, without a `Connection: close` header on either runtime.
const http10 = {
  raw: 'GET / HTTP/1.0\r\n\r\n',
  expect: { ...ok(HELLO_TEXT), connection: undefined, closed: true },
};

export const RUNTIME_EXCEPTIONS: readonly RuntimeException[] = [
  {
    runtime: 'bun',
    check: MALFORMED,
    reason:
      "Bun's own HTTP parser answers a bare 400 (no body) before any JavaScript runs; Bun.serve has no hook for it",
    instead: [malformed],
  },
  {
    runtime: 'bun',
    check: HEADERS_431,
    reason: 'Bun answers 431 itself with an empty body, and its header limit is not configurable per server',
    instead: [{ raw: bigHead, expect: bare(431) }],
  },
  ...inProcess('bun'),
  {
    runtime: 'bun',
    check: 'dot segments are not resolved and %XX is not decoded into a route',
    reason:
      'Bun resolves dot segments while parsing the target, before JavaScript sees it: `/hello/../json` and ' +
      '`/%2e%2e/json` arrive as `/json` and are served (Deno keeps the raw path, and the shared rule holds there)',
    instead: [
      { raw: request('GET', '/hello/../json'), expect: ok(HELLO_JSON_BODY) },
      { raw: request('GET', '/%2e%2e/json'), expect: ok(HELLO_JSON_BODY) },
      { raw: request('GET', '/%6Ason'), expect: envelope(404, 'NOT_FOUND', 'No route for GET /%6Ason') },
      { raw: request('GET', '/hello/%62ob'), expect: ok('Hello, bob!') },
    ],
  },
  {
    runtime: 'bun',
    check: HOST,
    reason: "Bun's parser refuses HTTP/1.1 without Host itself, with a bare 400 (no envelope)",
    instead: [
      { raw: 'GET / HTTP/1.1\r\n\r\n', expect: bare(400) },
      { raw: 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', expect: { ...BAD_HOST, closed: true } },
      { raw: 'GET / HTTP/1.1\r\nHost: a b\r\n\r\n', expect: { ...BAD_HOST, closed: true } },
      http10,
    ],
  },
  {
    runtime: 'bun',
    check: NO_COLON,
    reason: "Bun's parser answers a bare 400 before any JavaScript runs",
    instead: noColon,
  },
  {
    runtime: 'bun',
    check: CONNECT,
    reason:
      'Bun hands CONNECT with an authority-form target to the app with a URL the guard cannot read as a path (400, ' +
      'not 404); Bun.serve has no CONNECT hook',
    instead: [
      NOT_FOUND_WS,
      {
        raw: CONNECT_RAW,
        expect: { ...envelope(400, 'BAD_REQUEST', 'Malformed HTTP request'), closed: true },
      },
    ],
  },
  {
    runtime: 'bun',
    check: GARBAGE,
    reason:
      "the pipelined answer comes first as it should, but the garbage gets Bun's bare 400, not the envelope",
    instead: [garbage],
  },
  {
    runtime: 'deno',
    check: MALFORMED,
    reason:
      "Deno's HTTP parser (hyper) answers a bare 400 before the handler runs; Deno.serve has no hook for it",
    instead: [malformed],
  },
  {
    runtime: 'deno',
    check: HEADERS_431,
    reason:
      'Deno.serve accepts heads far over 16 KiB (17 KiB is served as 200) and has no option to lower the limit; ' +
      'far larger heads get a bare 400',
    instead: [{ raw: bigHead, expect: ok(HELLO_TEXT) }],
  },
  ...inProcess('deno'),
  {
    runtime: 'deno',
    check: HOST,
    reason:
      'Deno serves HTTP/1.1 without Host (200) and a Request carries no HTTP version, so the guard cannot tell ' +
      "it from HTTP/1.0, which may omit Host; two Host headers get hyper's bare 400",
    instead: [
      { raw: 'GET / HTTP/1.1\r\n\r\n', expect: ok(HELLO_TEXT) },
      { raw: 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', expect: bare(400) },
      { raw: 'GET / HTTP/1.1\r\nHost: a b\r\n\r\n', expect: BAD_HOST },
      http10,
    ],
  },
  {
    runtime: 'deno',
    check: NO_COLON,
    reason: "Deno's parser (hyper) answers a bare 400 before the handler runs",
    instead: noColon,
  },
  {
    runtime: 'deno',
    check: CONNECT,
    reason:
      'Deno turns `CONNECT example.com:443` into the URL `http://example.com:443/`: the 404 envelope goes out, ' +
      'but it names `/`, not the target, which the app never sees',
    instead: [
      NOT_FOUND_WS,
      { raw: CONNECT_RAW, expect: envelope(404, 'NOT_FOUND', 'No route for CONNECT /') },
    ],
  },
  {
    runtime: 'deno',
    check: GARBAGE,
    reason:
      "the pipelined answer comes first as it should, but the garbage gets Deno's bare 400, not the envelope",
    instead: [garbage],
  },
];
