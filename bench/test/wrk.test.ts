/**
 * wrk as the bench's closed-loop HTTP generator, against tiny node:http servers started here: a
 * clean run, status errors, socket errors and an abort. Needs `wrk` on PATH: skipped locally with
 * the install hint when it is missing, a failure under CI=true (as for redis-server and Chromium).
 */
import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WrkMissingError, loadWrk, toLoadOutcome, wrkAvailable } from '../src/load/wrk.js';
import { parseWrkOutput, wrkProblems } from '../src/load/wrk-result.js';

function requireWrk(): boolean {
  if (wrkAvailable()) return true;
  const missing = new WrkMissingError().message;
  if (process.env.CI) throw new Error(`CI=true: ${missing}`);
  console.warn(`Skipping wrk tests. ${missing}`);
  return false;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A node:http server on 127.0.0.1 and a free port; returns its URL. */
async function serve(handler: RequestListener, setUp?: (server: Server) => void): Promise<string> {
  const server = createServer(handler);
  setUp?.(server);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const hello: RequestListener = (_req, res) => res.end('Hello, World!');

describe('wrk result and problems (no wrk needed)', () => {
  const line =
    'WRK_JSON {"requests":1608,"duration_us":1169356,"bytes":218688,"errors":{"connect":0,"read":0,' +
    '"write":0,"status":0,"timeout":0},"latency_us":{"mean":14510.304,"stdev":23581.521,"max":163245,' +
    '"p50":5727,"p90":36125,"p99":126698,"p999":163081},"requests_mean":1379.364,"cpu_ticks":22}';

  it('reads the JSON line among wrk’s human output, in ms and req/s', () => {
    const result = parseWrkOutput(`Running 1s test @ http://x/\n${line}\n`, { threads: 2, clockTicks: 100 })!;
    expect(result.rate).toBeCloseTo(1608 / 1.169356, 6);
    expect([result.p50Ms, result.p90Ms, result.p99Ms, result.p999Ms]).toEqual([
      5.727, 36.125, 126.698, 163.081,
    ]);
    expect(result.cpuSeconds).toBeCloseTo(0.22, 9);
    expect(result.cpuShare).toBeCloseTo(0.22 / 1.169356 / 2, 9);
    expect(result.problems).toEqual([]);
    expect(toLoadOutcome(result)).toMatchObject({
      value: result.rate,
      p50: 5.727,
      p99: 126.698,
      mean: 14.510304,
    });
    expect(parseWrkOutput('unable to connect\n', { threads: 1, clockTicks: 100 })).toBeNull();
  });

  it('names every kind of error, and a run without responses', () => {
    expect(wrkProblems(10, { connect: 1, read: 3, write: 0, status: 5, timeout: 2 })).toEqual([
      '4 socket errors (connect 1, read 3, write 0)',
      '5 HTTP error responses (status ≥ 400)',
      "2 timeouts (no response within wrk's --timeout)",
    ]);
    expect(wrkProblems(0, { connect: 0, read: 0, write: 0, status: 0, timeout: 0 })).toEqual([
      'no responses',
    ]);
  });

  it('says how to install wrk when it is missing', async () => {
    const run = loadWrk('http://127.0.0.1:1/', { connections: 1, seconds: 1, wrkPath: '/nonexistent/wrk' });
    await expect(run).rejects.toThrow(WrkMissingError);
    await expect(run).rejects.toThrow(/apt-get install -y wrk.*brew install wrk/);
  });
});

describe.skipIf(!requireWrk())('wrk against node:http servers', () => {
  it('measures a clean server: responses, no errors, ordered percentiles, its own CPU', async () => {
    const url = await serve(hello);
    const result = await loadWrk(url, { connections: 10, seconds: 1, cpus: '1' });
    expect(result.requests).toBeGreaterThan(0);
    expect(result.rate).toBeGreaterThan(0);
    expect(result.errors).toEqual({ connect: 0, read: 0, write: 0, status: 0, timeout: 0 });
    expect(result.problems).toEqual([]);
    expect(result.notes).toEqual([]);
    expect(result.p50Ms).toBeLessThanOrEqual(result.p99Ms);
    expect(result.p99Ms).toBeLessThanOrEqual(result.p999Ms);
    expect(result.cpuSeconds).toBeGreaterThan(0);
    expect(result.cpuShare).toBeGreaterThan(0);
    expect(toLoadOutcome(result).problems).toEqual([]);
  });

  it('fails a cell whose server answers 500 to every other request', async () => {
    let n = 0;
    const url = await serve((_req, res) => {
      res.statusCode = ++n % 2 === 0 ? 500 : 200;
      res.end('Hello, World!');
    });
    const result = await loadWrk(url, { connections: 10, seconds: 1 });
    expect(result.errors.status).toBeGreaterThan(0);
    expect(result.problems.join('\n')).toMatch(/HTTP error responses \(status ≥ 400\)/);
  });

  it('fails a cell whose server drops every third connection', async () => {
    let n = 0;
    const url = await serve(hello, (server) =>
      server.on('connection', (socket) => {
        if (++n % 3 === 0) socket.destroy();
      }),
    );
    const result = await loadWrk(url, { connections: 10, seconds: 1 });
    expect(result.problems.join('\n')).toMatch(/socket errors/);
  });

  // Decision: an abort once wrk runs resolves early with wrk's summary so far (SIGINT makes wrk stop
  // and print it), marked as a problem so it never counts as a number; an abort before wrk could
  // print anything rejects with an AbortError.
  it('stops early on abort with a result marked as stopped', async () => {
    const url = await serve(hello);
    const started = Date.now();
    const result = await loadWrk(url, {
      connections: 10,
      seconds: 5,
      signal: AbortSignal.timeout(300),
    }).catch((error: Error) => error);
    expect(Date.now() - started).toBeLessThan(3000);
    if (result instanceof Error) {
      expect(result.name).toBe('AbortError');
    } else {
      expect(result.seconds).toBeLessThan(3);
      expect(result.problems.join('\n')).toMatch(/stopped early: aborted after .* of 5 s/);
    }
  });

  it('rejects at once when the signal is already aborted', async () => {
    const run = loadWrk('http://127.0.0.1:1/', { connections: 1, seconds: 1, signal: AbortSignal.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
