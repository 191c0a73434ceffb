/**
 * The HTTP timeouts and server options every app uses, in one place (the README's timeouts table is
 * written from this file). The frameworks' own defaults differ (fastify: request timeout 0, keep-alive
 * 72 s; Node: headers 60 s, request 300 s, keep-alive 5 s), so each app passes these explicitly.
 */
export const HTTP_TIMEOUTS = {
  /** A request head must be complete this long after the connection (or previous request) started. */
  headersMs: 10_000,
  /** The whole request (no route takes a body, so the same as the head). */
  requestMs: 10_000,
  /** An idle keep-alive connection is closed after this long. */
  keepAliveMs: 5_000,
  /** How often Node checks the two timeouts above (its default, 30 s, would let a head linger 40 s). */
  checkIntervalMs: 1_000,
  /** On SIGTERM, how long in-flight requests get before their connections are cut. */
  shutdownGraceMs: 2_000,
} as const;

/**
 * `http.createServer` options for every app that owns or configures a node:http server. Node's own
 * Host check is off (`requireHostHeader: false`) because it answers a bare 400 without consulting
 * `clientError`; the shared edge guard checks Host instead and answers in the envelope.
 *
 * @example createHttpServer(SERVER_OPTIONS, listener)
 */
export const SERVER_OPTIONS = {
  requireHostHeader: false,
  headersTimeout: HTTP_TIMEOUTS.headersMs,
  requestTimeout: HTTP_TIMEOUTS.requestMs,
  keepAliveTimeout: HTTP_TIMEOUTS.keepAliveMs,
  connectionsCheckingInterval: HTTP_TIMEOUTS.checkIntervalMs,
} as const;
