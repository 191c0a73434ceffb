/**
 * wrk's result from the one `WRK_JSON {...}` line `bench/wrk/report.lua` prints, and the problems
 * that make it a failed cell. Pure (no I/O), so the rules are unit-tested without wrk.
 */

/** What the Lua hook prints before the JSON, to find it among wrk's human output. */
export const WRK_MARKER = 'WRK_JSON ';

/** wrk's error counters (summary.errors). `status` is responses with status > 399. */
export interface WrkErrors {
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
}

export interface WrkResult {
  requests: number;
  /** Measured duration (shorter than asked when aborted). */
  seconds: number;
  /** Requests per second over `seconds`. */
  rate: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  meanMs: number;
  stdevMs: number;
  maxMs: number;
  /** Mean requests/s per connection-thread sample (wrk's Req/Sec avg). */
  requestsMean: number;
  bytes: number;
  errors: WrkErrors;
  /** Non-empty when anything failed: errors, status ≥ 400, timeouts, no responses, an abort. */
  problems: string[];
  /** Facts that do not invalidate the cell (e.g. wrk not pinned). */
  notes: string[];
  threads: number;
  /** wrk's own CPU, user + system, over the whole run; null without /proc. */
  cpuSeconds: number | null;
  /** cpuSeconds / seconds / threads: how busy the generator was (1 = its cores were full). */
  cpuShare: number | null;
}

/** The JSON line as the Lua hook writes it (null where Lua had NaN, or no /proc). */
interface WrkJson {
  requests: number;
  duration_us: number;
  bytes: number;
  errors: WrkErrors;
  latency_us: Record<'mean' | 'stdev' | 'max' | 'p50' | 'p90' | 'p99' | 'p999', number | null>;
  requests_mean: number | null;
  cpu_ticks: number | null;
}

/**
 * Why a wrk run is not a number: every kind of error it counted, and a run without responses.
 *
 * @example wrkProblems(10, { connect: 0, read: 3, write: 0, status: 5, timeout: 0 })
 * // ['3 socket errors (connect 0, read 3, write 0)', '5 HTTP error responses (status ≥ 400)']
 */
export function wrkProblems(requests: number, errors: WrkErrors): string[] {
  const problems: string[] = [];
  const { connect, read, write, status, timeout } = errors;
  const socket = connect + read + write;
  if (socket > 0) problems.push(`${socket} socket errors (connect ${connect}, read ${read}, write ${write})`);
  if (status > 0) problems.push(`${status} HTTP error responses (status ≥ 400)`);
  if (timeout > 0) problems.push(`${timeout} timeouts (no response within wrk's --timeout)`);
  if (requests === 0) problems.push('no responses');
  return problems;
}

const ms = (us: number | null | undefined) => (typeof us === 'number' ? us / 1000 : NaN);

/**
 * The result from wrk's stdout, or null when there is no `WRK_JSON` line (wrk failed or was killed
 * before its summary).
 *
 * @example
 * parseWrkOutput('…\nWRK_JSON {"requests":1608,"duration_us":1169356,…}\n', { threads: 1, clockTicks: 100 })
 */
export function parseWrkOutput(
  stdout: string,
  { threads, clockTicks }: { threads: number; clockTicks: number },
): WrkResult | null {
  const line = stdout.split('\n').find((l) => l.startsWith(WRK_MARKER));
  if (!line) return null;
  const json = JSON.parse(line.slice(WRK_MARKER.length)) as WrkJson;
  if (typeof json.requests !== 'number' || typeof json.duration_us !== 'number' || !json.errors) {
    throw new Error(`wrk printed an unexpected result: ${line}`);
  }
  const seconds = json.duration_us / 1e6;
  const cpuSeconds = typeof json.cpu_ticks === 'number' ? json.cpu_ticks / clockTicks : null;
  const latency = json.latency_us;
  return {
    requests: json.requests,
    seconds,
    rate: seconds > 0 ? json.requests / seconds : 0,
    p50Ms: ms(latency.p50),
    p90Ms: ms(latency.p90),
    p99Ms: ms(latency.p99),
    p999Ms: ms(latency.p999),
    meanMs: ms(latency.mean),
    stdevMs: ms(latency.stdev),
    maxMs: ms(latency.max),
    requestsMean: json.requests_mean ?? NaN,
    bytes: json.bytes,
    errors: { ...json.errors },
    problems: wrkProblems(json.requests, json.errors),
    notes: [],
    threads,
    cpuSeconds,
    cpuShare: cpuSeconds !== null && seconds > 0 ? cpuSeconds / seconds / threads : null,
  };
}
