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

/**
 * Checks a runtime other than Node cannot pass with hono on its native server, each with the reason
 * (README, "What we noticed"). `describeRuntimeConformance` runs every listed check and expects it to
 * fail: one that passes again fails the suite as a stale entry, and so does an entry naming no check.
 */
export interface RuntimeException {
  /** `bun` or `deno`. */
  runtime: string;
  /** The check's name, exactly as in its part. */
  check: string;
  reason: string;
}

const MALFORMED =
  'a malformed request line gets 400 BAD_REQUEST, the connection closes, the server keeps serving';
const HEADERS_431 = 'request headers over 16 KiB get 431 HEADERS_TOO_LARGE';
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
  }));

export const RUNTIME_EXCEPTIONS: readonly RuntimeException[] = [
  {
    runtime: 'bun',
    check: MALFORMED,
    reason:
      "Bun's own HTTP parser answers a bare 400 (no body) before any JavaScript runs; Bun.serve has no hook for it",
  },
  {
    runtime: 'bun',
    check: HEADERS_431,
    reason: 'Bun answers 431 itself with an empty body, and its header limit is not configurable per server',
  },
  ...inProcess('bun'),
  {
    runtime: 'bun',
    check: 'dot segments are not resolved and %XX is not decoded into a route',
    reason:
      'Bun resolves dot segments while parsing the target, before JavaScript sees it: `/hello/../json` arrives as ' +
      '`/json` and is served (Deno keeps the raw path, and the shared rule holds there)',
  },
  {
    runtime: 'bun',
    check: 'HTTP/1.1 without Host, with two, or with an invalid one → 400 envelope, close',
    reason: "Bun's parser refuses HTTP/1.1 without Host itself, with a bare 400 (no envelope)",
  },
  {
    runtime: 'bun',
    check: 'header lines without a colon or with NUL → 400 envelope',
    reason: "Bun's parser answers a bare 400 before any JavaScript runs",
  },
  {
    runtime: 'bun',
    check: 'plain GET /ws and CONNECT get the 404 envelope',
    reason:
      'Bun hands CONNECT with an authority-form target to the app with a URL the guard cannot read as a path (400, ' +
      'not 404); Bun.serve has no CONNECT hook',
  },
  {
    runtime: 'bun',
    check: 'a pipelined request is answered before garbage after it closes the connection',
    reason:
      "the pipelined answer comes first as it should, but the garbage gets Bun's bare 400, not the envelope",
  },
  {
    runtime: 'deno',
    check: MALFORMED,
    reason:
      "Deno's HTTP parser (hyper) answers a bare 400 before the handler runs; Deno.serve has no hook for it",
  },
  {
    runtime: 'deno',
    check: HEADERS_431,
    reason:
      'Deno.serve accepts heads far over 16 KiB (20 KB is served as 200) and has no option to lower the limit; ' +
      'far larger heads get a bare 400',
  },
  ...inProcess('deno'),
  {
    runtime: 'deno',
    check: 'HTTP/1.1 without Host, with two, or with an invalid one → 400 envelope, close',
    reason:
      'Deno serves HTTP/1.1 without Host (200) and a Request carries no HTTP version, so the guard cannot tell ' +
      'it from HTTP/1.0, which may omit Host',
  },
  {
    runtime: 'deno',
    check: 'header lines without a colon or with NUL → 400 envelope',
    reason: "Deno's parser (hyper) answers a bare 400 before the handler runs",
  },
  {
    runtime: 'deno',
    check: 'plain GET /ws and CONNECT get the 404 envelope',
    reason:
      'Deno turns `CONNECT example.com:443` into the URL `http://example.com:443/`: the 404 envelope goes out, ' +
      'but it names `/`, not the target, which the app never sees',
  },
  {
    runtime: 'deno',
    check: 'a pipelined request is answered before garbage after it closes the connection',
    reason:
      "the pipelined answer comes first as it should, but the garbage gets Deno's bare 400, not the envelope",
  },
];
