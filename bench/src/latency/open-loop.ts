/**
 * Open-loop HTTP load at a fixed rate, with latency corrected for coordinated omission by
 * measuring it from each request's *intended* send time.
 *
 * Why not autocannon's `overallRate` (checked in autocannon 9.0.0, lib/httpClient.js and lib/run.js):
 * its rate is a per-connection budget of `rate / connections` requests per wall-clock second — each
 * connection sends closed-loop, back to back, until the budget is spent, then idles until a 1 s
 * `setInterval` refills it. There is no schedule, so no intended send time exists; latency is timed
 * from the actual write. Its "correction" is HdrHistogram's `recordValueWithExpectedInterval(latency,
 * Math.ceil(1 / rate))`, with `rate` in requests per *second* per connection: the expected interval
 * is therefore always 1 (ms) whatever the rate, so a 200 ms answer back-fills 199 synthetic samples
 * (199, 198, … 1 ms) per connection, however few requests the schedule would have sent in that
 * time. At 1000 req/s over 10 connections (one request per 10 ms each) that is ten times the samples
 * the stall really delayed; at high rates the budget refill bursts hide the stall differently again.
 * Measured on the stalled server of test/latency-stall.test.ts (bench/src/latency/README.md has the
 * figures). Neither the send schedule nor the correction holds up, so this file is our own (it
 * belongs in the root README's table of hand-written glue): every request i has the intended time
 * start + i / rate; it waits in a FIFO until that time and a free keep-alive connection, and
 *
 * - corrected latency = completion − intended time (what a user arriving on schedule saw),
 * - uncorrected latency = completion − actual write (what a closed-loop tool reports),
 * - send lateness = actual write − intended time, split into waiting for a free connection (the
 *   server, or too few connections) and dispatch lag (the generator's own event loop running late:
 *   that, and only that, says the generator could not keep its schedule).
 *
 * The scheduler spins on `setImmediate` whenever the next send is less than ~1.5 ms away and a
 * connection is free (timers have 1 ms granularity, which would add up to 1 ms to every corrected
 * latency), so the generator's core looks busy at any rate: pin it apart from the server, and read
 * its headroom from `generatorBusy` (event-loop utilisation less the idle spinning), not from its CPU.
 */
import { performance } from 'node:perf_hooks';
import { Samples } from '../stats/stats.js';
import { Http1Connection, type Outcome } from './http1-connection.js';

export interface OpenLoopOptions {
  /** `http://127.0.0.1:PORT/path`; plain HTTP/1.1 only. */
  url: string;
  /** Offered rate, requests per second (absolute). */
  rate: number;
  durationMs: number;
  connections: number;
  /** Per request; a request still unanswered then counts as a timeout. Default 10 s. */
  timeoutMs?: number;
  /** After the schedule ends, how long answers are still awaited. Default `timeoutMs`. */
  drainMs?: number;
  /**
   * Load at the same rate before the measured window, its requests not counted: fresh sockets and
   * a cold JIT in the generator otherwise put tens of ms of lateness into the first requests. Default 0.
   */
  warmupMs?: number;
}

/** Percentiles in ms; NaN when nothing completed. */
export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  mean: number;
  max: number;
}

export interface Lateness {
  p99: number;
  max: number;
}

export interface OpenLoopResult {
  offeredRate: number;
  /** Answers that arrived within the measured window (whenever they were due) ÷ its length. */
  achievedRate: number;
  scheduled: number;
  /** Answered with any status. */
  completed: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Never written before the drain ended (counted in `timeouts` too). */
  unsent: number;
  /** From the intended send time: coordinated-omission corrected. */
  corrected: LatencySummary;
  /** From the actual write: what a closed-loop generator would report. */
  uncorrected: LatencySummary;
  /** Actual write − intended time, ms. */
  sendLateness: Lateness;
  /** Write − max(intended, connection free): the generator's own lag, ms. */
  dispatchLag: Lateness;
  /**
   * Share of the run the generator's event loop was working (answers, writes), not waiting: its
   * event-loop utilisation less the turns it spun without anything to do. A generator that cannot
   * keep up shows it here, not in `dispatchLag`: a freed connection is refilled at once, so that lag
   * stays ~0 however late the answers are read.
   */
  generatorBusy: number;
  connections: number;
  /** Little's law: offered rate × mean corrected latency (requests that had to be in flight). */
  inFlightNeeded: number;
  /**
   * Little's law on the wire: mean requests on the connections from the window's start to the last
   * answer (Σ uncorrected latency ÷ that span; at most `connections`).
   */
  inFlightOnWire: number;
  /** inFlightNeeded ≤ connections. */
  connectionsEnough: boolean;
}

function summary(s: Samples): LatencySummary {
  const [p50, p90, p99, p999, max] = s.percentiles(50, 90, 99, 99.9, 100) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return { p50, p90, p99, p999, mean: s.mean(), max };
}

function lateness(s: Samples): Lateness {
  const [p99, max] = s.percentiles(99, 100) as [number, number];
  return { p99: s.count === 0 ? 0 : p99, max: s.count === 0 ? 0 : max };
}

/** The request every connection repeats: GET, keep-alive, no body. */
function requestOf(url: URL): Buffer {
  return Buffer.from(
    `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n\r\n`,
    'latin1',
  );
}

interface InFlight {
  intended: number;
  sent: number;
}

/**
 * Drives `url` at `rate` requests per second for `durationMs` over `connections` keep-alive
 * connections and measures every request from its intended send time.
 *
 * @example await openLoop({ url: 'http://127.0.0.1:3000/', rate: 1000, durationMs: 3000, connections: 16 })
 */
export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { rate, durationMs, connections } = options;
  if (!(rate > 0) || !(durationMs > 0) || !(connections >= 1))
    throw new RangeError('rate, duration and connections must be positive');
  const url = new URL(options.url);
  if (url.protocol !== 'http:')
    throw new RangeError(`open-loop load speaks plain HTTP only, not ${url.protocol}`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const drainMs = options.drainMs ?? timeoutMs;
  const request = requestOf(url);
  const warmupMs = options.warmupMs ?? 0;
  const interval = 1000 / rate;
  const warmups = Math.floor((rate * warmupMs) / 1000);
  const scheduled = warmups + Math.floor((rate * durationMs) / 1000);

  const corrected = new Samples();
  const uncorrected = new Samples();
  const late = new Samples();
  const lag = new Samples();
  let spunAt = -1; // when the scheduler last asked for the next iteration, -1 when it used a timer
  let spinIdle = 0; // ms spent spinning through iterations that had nothing to do
  let answers = 0; // answers (or failures) since the scheduler's last turn
  const inFlight = new Map<Http1Connection, InFlight>();
  const freeSince = new Map<Http1Connection, number>();
  const idle: Http1Connection[] = [];
  let start = 0;
  let windowStart = 0; // intended time of the first measured request
  let windowEnd = 0;
  let due = 0; // requests whose intended time has come
  let next = 0; // next request to write (FIFO: intended times only grow)
  let completed = 0;
  let inWindow = 0;
  let lastCompletion = 0;
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  let finished = false;
  let settle: () => void = () => {};
  const done = new Promise<void>((resolve) => (settle = resolve));

  const onDone = (conn: Http1Connection, outcome: Outcome): void => {
    const now = performance.now();
    answers++;
    const req = inFlight.get(conn);
    inFlight.delete(conn);
    // The server's pace: every answer inside the window, whenever its request was due.
    if (outcome.kind === 'response' && now >= windowStart && now <= windowEnd) inWindow++;
    if (req !== undefined && req.intended >= windowStart) {
      if (outcome.kind === 'response') {
        completed++;
        if (outcome.status < 200 || outcome.status >= 300) non2xx++;
        corrected.add(now - req.intended);
        uncorrected.add(now - req.sent);
        lastCompletion = now;
      } else if (outcome.kind === 'timeout') timeouts++;
      else errors++;
    }
    if (conn.ready) release(conn, now);
  };

  const release = (conn: Http1Connection, now: number): void => {
    freeSince.set(conn, now);
    idle.push(conn);
    pump(now);
  };

  const pump = (now: number): void => {
    if (finished) return;
    while (due < scheduled && start + due * interval <= now) due++;
    while (next < due && idle.length > 0) {
      const conn = idle.pop()!;
      if (!conn.ready) continue; // closed while idle; it rejoins when reopened
      const intended = start + next * interval;
      const sent = performance.now();
      if (intended >= windowStart) {
        late.add(sent - intended);
        lag.add(sent - Math.max(intended, freeSince.get(conn) ?? start));
      }
      inFlight.set(conn, { intended, sent });
      next++;
      conn.send();
    }
    if (next === scheduled && inFlight.size === 0) finish();
  };

  const tick = (): void => {
    if (finished) return;
    const now = performance.now();
    const written = next;
    pump(now);
    if (spunAt >= 0 && answers === 0 && next === written) spinIdle += now - spunAt;
    answers = 0;
    if (due >= scheduled) return;
    const wait = start + due * interval - now;
    // With every connection busy only an answer can free one, and its callback writes the next
    // request itself: poll on a timer then, so a generator behind schedule spends its CPU on answers.
    const spin = wait <= 1.5 && idle.length > 0;
    spunAt = spin ? now : -1;
    if (spin) setImmediate(tick);
    else setTimeout(tick, Math.max(0, wait - 1));
  };

  const pool = Array.from(
    { length: connections },
    () =>
      new Http1Connection(url.hostname, Number(url.port || 80), request, timeoutMs, onDone, (conn) => {
        if (!idle.includes(conn)) release(conn, performance.now());
      }),
  );
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearTimeout(drainTimer);
    settle();
  };
  let drainTimer: NodeJS.Timeout | undefined;
  let elu0 = performance.eventLoopUtilization();
  let elu = elu0;

  try {
    await Promise.all(pool.map((c) => c.open()));
    start = performance.now() + 1;
    windowStart = start + warmups * interval;
    windowEnd = windowStart + durationMs;
    for (const c of pool) {
      freeSince.set(c, start);
      idle.push(c);
    }
    drainTimer = setTimeout(finish, warmupMs + durationMs + drainMs + 1);
    elu0 = performance.eventLoopUtilization();
    if (scheduled === 0) finish();
    else tick();
    await done;
    elu = performance.eventLoopUtilization(elu0);
  } finally {
    for (const c of pool) c.close();
  }

  const unsent = scheduled - Math.max(next, warmups);
  for (const req of inFlight.values()) if (req.intended >= windowStart) timeouts++;
  timeouts += unsent;
  const cor = summary(corrected);
  const unc = summary(uncorrected);
  const achievedRate = inWindow / (durationMs / 1000);
  const inFlightNeeded = completed === 0 ? Number.POSITIVE_INFINITY : (rate * cor.mean) / 1000;
  return {
    offeredRate: rate,
    achievedRate,
    scheduled: scheduled - warmups,
    completed,
    errors,
    timeouts,
    non2xx,
    unsent,
    corrected: cor,
    uncorrected: unc,
    sendLateness: lateness(late),
    dispatchLag: lateness(lag),
    generatorBusy: Math.min(1, Math.max(0, (elu.active - spinIdle) / (elu.active + elu.idle))),
    connections,
    inFlightNeeded,
    inFlightOnWire:
      completed === 0 ? 0 : (unc.mean * uncorrected.count) / Math.max(lastCompletion - windowStart, 1),
    connectionsEnough: inFlightNeeded <= connections,
  };
}
