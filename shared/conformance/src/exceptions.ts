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
];
