/** The contract between the runner and a load generator (HTTP or WebSocket). */

export interface LoadOptions {
  port: number;
  /** HTTP connections, or WebSocket callers/members. */
  connections: number;
  seconds: number;
  /** Aborted on Ctrl-C or when the server exits mid-round: the generator stops early. */
  signal: AbortSignal;
  /** Called about once a second with the current rate (for the progress display). */
  onRate?: (perSecond: number) => void;
  /** ws-capacity only. */
  capacity?: { max: number; step: number; holdSeconds: number };
}

/** What one load phase measured. */
export interface LoadOutcome {
  /** The headline number: req/s, calls/s, deliveries/s or clients held. */
  value: number;
  p50: number;
  p99: number;
  throughputMBs: number | null;
  /** Anything that invalidates the round (errors, non-2xx, lost messages…). */
  problems: string[];
  /** Facts worth a footnote that do not invalidate the round (e.g. "capped by fd limit"). */
  notes: string[];
}

/**
 * A generator's connections kept across warm-up and measured phase (WebSocket set-up is not free:
 * thousands of handshakes), so `run` is called twice and `close` once.
 */
export interface LoadSession {
  run(options: LoadOptions): Promise<LoadOutcome>;
  close(): void;
}
