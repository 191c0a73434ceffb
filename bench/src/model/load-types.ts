/** The contract between the runner and a load generator (HTTP or WebSocket). */
import type { CapacityStep } from './schema.js';

export interface LoadOptions {
  port: number;
  /** HTTP connections, or WebSocket callers/members. */
  connections: number;
  seconds: number;
  /** Aborted on Ctrl-C or when the server exits mid-round: the generator stops early. */
  signal: AbortSignal;
  /** Called about once a second with the current rate (for the progress display). */
  onRate?: (perSecond: number) => void;
  /** HTTP only: autocannon worker threads (0 or 1: in this process). */
  workers?: number;
  /** ws-capacity only. */
  capacity?: { max: number; step: number; holdSeconds: number };
}

/** What one load phase measured. */
export interface LoadOutcome {
  /** The headline number: req/s, calls/s, deliveries/s or clients held. */
  value: number;
  p50: number;
  p99: number;
  /** Mean latency (ms), for the Little's-law check; NaN when unknown. */
  mean: number;
  throughputMBs: number | null;
  /** Anything that invalidates the round (errors, non-2xx, lost messages…). */
  problems: string[];
  /** Facts worth a footnote that do not invalidate the sample (e.g. "at the pacing ceiling"). */
  notes: string[];
  /** The generator's own CPU share when it is a separate process (wrk), else measured by the runner. */
  generatorCpu?: number;
  /** The seconds the load actually ran (wrk's and autocannon's own clock), when known. */
  seconds?: number;
  /** ws-capacity only: every step of the ramp, and why it stopped. */
  capacity?: { steps: CapacityStep[]; stop: string; capped: boolean };
}

/**
 * A generator's connections kept across the warm-up and every sample of a scenario (WebSocket
 * set-up is not free: thousands of handshakes), so `run` is called many times and `close` once.
 */
export interface LoadSession {
  run(options: LoadOptions): Promise<LoadOutcome>;
  close(): void;
}

/**
 * The closed-loop HTTP generator of a run: wrk (a separate process, pinned to the generator's
 * CPUs) or autocannon (in the bench process). `label` names it with its version for the results.
 */
export interface HttpGenerator {
  tool: 'wrk' | 'autocannon';
  label: string;
  /** wrk: taskset CPU list of the generator (e.g. '1'); null: not pinned. */
  cpus: string | null;
}
