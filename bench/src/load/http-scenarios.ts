/**
 * The HTTP scenarios: validation against the conformance suite's fixtures, then load with
 * autocannon's programmatic API.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import autocannon from 'autocannon';
import { CONTENT_TYPE, HELLO_JSON_BODY, HELLO_TEXT, headerProblems, readExpected } from '@repo/fixtures';
import { Samples } from '../stats/stats.js';
import { DB_QUERIES, worldsProblem } from './db-validate.js';
import type { BaseScenario } from '../model/scenario-list.js';
import type { LoadOptions, LoadOutcome } from '../model/load-types.js';

interface Expectation {
  path: string;
  type: string;
  /** The exact body (from the fixtures) … */
  body?: () => Promise<string>;
  /** … or, for the random database answers, a check of their shape (null when fine). */
  shape?: (body: string) => string | null;
}

const EXPECT: Partial<Record<BaseScenario, Expectation>> = {
  plaintext: { path: '/', type: CONTENT_TYPE.text, body: () => Promise.resolve(HELLO_TEXT) },
  json: { path: '/json', type: CONTENT_TYPE.json, body: () => Promise.resolve(HELLO_JSON_BODY) },
  param: { path: '/hello/bench', type: CONTENT_TYPE.text, body: () => Promise.resolve('Hello, bench!') },
  fortunes: { path: '/fortunes', type: CONTENT_TYPE.html, body: () => readExpected('fortunes.html') },
  db: { path: '/db', type: CONTENT_TYPE.json, shape: (b) => worldsProblem(b, null) },
  queries: {
    path: `/queries?queries=${DB_QUERIES}`,
    type: CONTENT_TYPE.json,
    shape: (b) => worldsProblem(b, DB_QUERIES),
  },
  updates: {
    path: `/updates?queries=${DB_QUERIES}`,
    type: CONTENT_TYPE.json,
    shape: (b) => worldsProblem(b, DB_QUERIES),
  },
  'db-fortunes': { path: '/db/fortunes', type: CONTENT_TYPE.html, body: () => readExpected('fortunes.html') },
};

/** The path a scenario loads, e.g. `/json`. */
export const httpPath = (base: BaseScenario): string => expectation(base).path;

function expectation(base: BaseScenario): Expectation {
  const e = EXPECT[base];
  if (!e) throw new Error(`${base} is not an HTTP scenario`);
  return e;
}

interface HttpAnswer {
  status: number;
  type: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One GET with its own connection: status, content type, headers and body. */
export function httpGet(port: number, path: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: res.headers['content-type'] ?? '',
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Checks one response of the scenario against the contract: status, content type and body as the
 * conformance suite does (fortunes and db-fortunes against the golden file, the random database
 * answers by shape), and the header rules of
 * `@repo/fixtures` (Date, Content-Length, no ETag/X-Powered-By/Server). Apps and reference servers
 * pass the same checks, so "vs own reference" compares the same work. Null when it passes, else the
 * reason.
 */
export async function validateHttp(base: BaseScenario, port: number): Promise<string | null> {
  const e = expectation(base);
  try {
    const res = await httpGet(port, e.path);
    if (res.status !== 200) return `GET ${e.path} answered ${res.status}`;
    if (res.type !== e.type) return `GET ${e.path} content-type "${res.type}", expected "${e.type}"`;
    const body = e.body ? await e.body() : null;
    if (body !== null && res.body !== body)
      return `GET ${e.path} body differs from the fixture (${JSON.stringify(res.body.slice(0, 60))})`;
    const problem = e.shape?.(res.body);
    if (problem) return `GET ${e.path} ${problem}`;
    const problems = headerProblems(res.headers);
    if (problems.length > 0) return `GET ${e.path} headers: ${problems.join('; ')}`;
    return null;
  } catch (err) {
    return `GET ${e.path} failed: ${(err as Error).message}`;
  }
}

/**
 * Runs autocannon against the scenario's path; any error, timeout or non-2xx is a problem. With
 * `workers` > 1 the load runs in autocannon's worker threads, which report no per-response times:
 * latency then comes from its histogram (1 ms resolution).
 */
export function loadHttp(base: BaseScenario, pipelining: number, options: LoadOptions): Promise<LoadOutcome> {
  const { path } = expectation(base);
  const workers = (options.workers ?? 0) > 1 ? options.workers : undefined;
  return new Promise((resolve, reject) => {
    let responses = 0;
    // Our own latency samples: autocannon's histogram has 1 ms resolution, its per-response times
    // (hrtime) do not.
    const samples = new Samples();
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${options.port}${path}`,
        connections: options.connections,
        pipelining,
        duration: options.seconds,
        // Sample every 100 ms so that sub-second rounds (tests, warm-ups) end on time.
        sampleInt: 100,
        timeout: 10,
        ...(workers && { workers }),
      },
      (err, result) => {
        clearInterval(ticker);
        options.signal.removeEventListener('abort', stop);
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        const problems: string[] = [];
        if (result.errors > 0) problems.push(`${result.errors} errors (${result.timeouts} timeouts)`);
        if (result.non2xx > 0) problems.push(`${result.non2xx} non-2xx responses`);
        const seconds = result.duration || options.seconds;
        const own = samples.count > 0;
        const [p50 = NaN, p99 = NaN] = own
          ? samples.percentiles(50, 99)
          : [result.latency.p50, result.latency.p99];
        resolve({
          seconds,
          value: result.requests.total / seconds,
          p50,
          p99,
          mean: own ? samples.mean() : result.latency.mean,
          throughputMBs: result.throughput.total / seconds / 1e6,
          problems,
          notes: [],
        });
      },
    );
    instance.on('response', (client: unknown, status: number, bytes: number, ms: number) => {
      responses++;
      samples.add(ms);
    });
    let last = 0;
    const ticker = setInterval(() => {
      options.onRate?.(responses - last);
      last = responses;
    }, 1000);
    const stop = () => instance.stop();
    options.signal.addEventListener('abort', stop, { once: true });
  });
}
