import { describe, expect, it } from 'vitest';
import { headlineTakeaway, takeawayLines, takeawayPartial, takeawayTitle } from '../src/report/takeaway.js';
import { fakeRun } from '../src/testing/fake-runs.js';
import type { Interval, Result } from '../src/model/schema.js';
import { makeBlock, makeResult, makeRun } from './helpers.js';

const i = (median: number, lo: number | null, hi: number | null): Interval => ({
  median,
  lo,
  hi,
  n: 9,
  level: 0.96,
});

/** A plaintext run: node-http-app plus the given apps with their comparison intervals. */
function runWith(apps: [string, Interval | null][], by: 'ratio' | 'cpuRatio' = 'ratio') {
  const results = [
    makeResult('node-http-app', 1),
    ...apps.map(([app, r]) =>
      r === null ? makeResult(app, null) : makeResult(app, r.median, { ratio: r, cpuRatio: r }),
    ),
  ];
  const block = makeBlock('plaintext', { compareBy: by });
  return { run: makeRun(results, { blocks: [block] }), block };
}

describe('the results slide takeaway, written from the data', () => {
  it('names the apps tied with node:http within their intervals and the slowest with its ratio', () => {
    const { run, block } = runWith([
      ['fastify-app', i(0.98, 0.93, 1.02)],
      ['tcp-app', i(1.02, 0.99, 1.06)],
      ['koa-app', i(0.61, 0.59, 0.65)],
      ['express-app', i(0.7, 0.66, 0.73)],
    ]);
    expect(takeawayTitle(run, block)).toBe(
      'plaintext: fastify and tcp tie with node:http; koa slowest at 0.61×',
    );
  });

  it('says when every app is below, which is closest, and ranks per CPU-second when that is the comparison', () => {
    const { run, block } = runWith(
      [
        ['hono-app', i(0.88, 0.85, 0.9)],
        ['koa-app', i(0.6, 0.58, 0.62)],
      ],
      'cpuRatio',
    );
    expect(takeawayTitle(run, block)).toBe(
      'plaintext (per CPU-second): all below node:http, hono closest at 0.88×; koa slowest at 0.60×',
    );
  });

  it('calls an interval wholly above 1 a lead, all-overlapping a tie of all, and leaves failed apps out', () => {
    const above = runWith([
      ['tcp-app', i(1.1, 1.05, 1.15)],
      ['koa-app', i(0.7, 0.65, 0.72)],
    ]);
    expect(takeawayTitle(above.run, above.block)).toBe(
      'plaintext: tcp 1.10× above node:http; koa slowest at 0.70×',
    );
    const all = runWith([
      ['hono-app', i(0.99, 0.95, 1.03)],
      ['koa-app', i(1.01, 0.97, 1.04)],
      ['express-app', null],
    ]);
    expect(takeawayTitle(all.run, all.block)).toBe('plaintext: all 2 tie with node:http');
    expect(takeawayLines(all.run, all.block).join('\n')).toContain('express failed validation');
  });

  it('calls nothing a tie, a lead or the slowest without intervals (a quick run): medians only', () => {
    const { run, block } = runWith([
      ['koa-app', i(0.7, null, null)],
      ['hono-app', i(0.99, null, null)],
    ]);
    expect(takeawayTitle(run, block)).toBe('plaintext: medians only, no intervals: hono 0.99×, koa 0.70×');
  });

  it('writes the title on the first line, then what the chart shows, the warnings and the method', () => {
    const { run, block } = runWith([['koa-app', i(0.6, 0.58, 0.62)]]);
    Object.assign(run.results[0]!, { serverBound: false, serverCpu: 0.8, loadgenCpu: 0.99 });
    const [title, , shows, , bound] = takeawayPartial(run, block).split('\n');
    expect(title).toBe('plaintext: koa slowest at 0.60×');
    expect(shows).toBe(
      '`GET /` — req/s as a ratio to node:http: dot = median, bar = 95 % interval; full table in the appendix',
    );
    expect(bound).toMatch(
      /^⚠ node:http not server-bound \(server 80 %, generator 99 %\): a rate the server did not set is not its capacity/,
    );
    expect(takeawayPartial(run, block).trimEnd().split('\n').at(-1)).toMatch(
      /^_Node v26\.10\.0 · 2 cores.*_$/,
    );
  });

  it('says in one line, with the ranges, when no app filled its core', () => {
    const { run, block } = runWith([['koa-app', i(0.6, 0.58, 0.62)]]);
    Object.assign(run.results[0]!, { serverBound: false, serverCpu: 0.87, loadgenCpu: 0.79 });
    Object.assign(run.results[1]!, { serverBound: false, serverCpu: 0.91, loadgenCpu: 0.83 });
    expect(takeawayLines(run, block)).toContain(
      '⚠ no server was server-bound (server 87–91 %, generator 79–83 %): a rate the server did not set is not its capacity, so this ranks per server CPU-second',
    );
  });
});

describe('a title names a winner or the slowest only when its interval is clear of every other row', () => {
  it('names the tie group when the lowest rows overlap (the reviewer’s koa 0.60 vs express 0.61)', () => {
    const { run, block } = runWith([
      ['fastify-app', i(0.98, 0.93, 1.02)],
      ['hono-app', i(0.85, 0.82, 0.88)],
      ['koa-app', i(0.6, 0.56, 0.65)],
      ['express-app', i(0.61, 0.59, 0.64)],
    ]);
    expect(takeawayTitle(run, block)).toBe(
      'plaintext: fastify ties with node:http; express and koa tie for slowest at 0.60–0.61×',
    );
  });

  it('calls touching intervals a tie, and writes one value when the medians round alike', () => {
    const { run, block } = runWith([
      ['hono-app', i(0.9, 0.88, 0.93)],
      ['koa-app', i(0.6, 0.57, 0.6)],
      ['express-app', i(0.6, 0.6, 0.63)],
    ]);
    expect(takeawayTitle(run, block)).toBe(
      'plaintext: all below node:http, hono closest at 0.90×; express and koa tie for slowest at 0.60×',
    );
  });

  it('compares with node:http as the slide prints the interval: 0.86–0.998 shows as 0.86–1.00, a tie', () => {
    // The ws-echo slide of 2026-12-06 said "hono below node:http at 0.93×" beside "0.93 (0.86–1.00)".
    const { run, block } = runWith([
      ['fastify-app', i(0.99, 0.91, 1.04)],
      ['hono-app', i(0.93, 0.86, 0.998)],
    ]);
    expect(takeawayTitle(run, block)).toBe('plaintext: all 2 tie with node:http');
    const clear = runWith([['hono-app', i(0.93, 0.86, 0.994)]]);
    expect(takeawayTitle(clear.run, clear.block)).toMatch(/hono .*0\.93×/);
    expect(takeawayTitle(clear.run, clear.block)).not.toContain('tie');
  });

  it('names a clear slowest (wholly below every other row) as the slowest', () => {
    const { run, block } = runWith([
      ['hono-app', i(0.9, 0.88, 0.93)],
      ['express-app', i(0.66, 0.63, 0.68)],
      ['koa-app', i(0.6, 0.57, 0.62)],
    ]);
    expect(takeawayTitle(run, block)).toBe(
      'plaintext: all below node:http, hono closest at 0.90×; koa slowest at 0.60×',
    );
  });

  it('names no slowest when the lowest rows also overlap apps that tie with node:http', () => {
    const { run, block } = runWith([
      ['hono-app', i(0.74, 0.58, 1.05)],
      ['express-app', i(0.53, 0.23, 0.8)],
      ['koa-app', i(0.53, 0.26, 0.69)],
    ]);
    expect(takeawayTitle(run, block)).toBe(
      'plaintext: hono ties with node:http; express and koa below node:http at 0.53×',
    );
  });

  it('names the tie group when the highest rows overlap, closest or above node:http', () => {
    const closest = runWith([
      ['hono-app', i(0.88, 0.85, 0.9)],
      ['fastify-app', i(0.87, 0.84, 0.89)],
      ['koa-app', i(0.6, 0.58, 0.62)],
    ]);
    expect(takeawayTitle(closest.run, closest.block)).toBe(
      'plaintext: all below node:http, fastify and hono tie for closest at 0.87–0.88×; koa slowest at 0.60×',
    );
    const above = runWith([
      ['tcp-app', i(1.1, 1.05, 1.15)],
      ['fastify-app', i(1.08, 1.04, 1.12)],
      ['koa-app', i(0.6, 0.58, 0.62)],
    ]);
    expect(takeawayTitle(above.run, above.block)).toBe(
      'plaintext: fastify and tcp above node:http at 1.08–1.10×; koa slowest at 0.60×',
    );
    const clear = runWith([
      ['tcp-app', i(1.3, 1.2, 1.4)],
      ['fastify-app', i(1.08, 1.04, 1.12)],
    ]);
    expect(takeawayTitle(clear.run, clear.block)).toBe(
      'plaintext: fastify and tcp above node:http at 1.08–1.30×; tcp fastest at 1.30×',
    );
  });

  it('says all tie when every app is below node:http and no interval is clear of another', () => {
    const { run, block } = runWith([
      ['hono-app', i(0.88, 0.85, 0.9)],
      ['koa-app', i(0.86, 0.84, 0.89)],
    ]);
    expect(takeawayTitle(run, block)).toBe('plaintext: all below node:http, hono and koa tie at 0.86–0.88×');
  });
});

describe('ws-capacity: one ramp per app, so no interval and no ranking', () => {
  /** An app ramped once: the clients it held and its p95 at each step it reached. */
  const ramp = (app: string, held: number, p95s: number[], capped: boolean): Result =>
    makeResult(app, 1, {
      scenario: 'ws-capacity',
      unit: 'clients',
      rps: undefined,
      clients: { median: held, min: held, max: held },
      ratio: null,
      cpuRatio: null,
      converged: null,
      capacity: {
        held,
        capped: capped ? 'the open-files limit' : null,
        stop: capped ? 'reached the 19800-client cap' : 'p95 over 500 ms',
        steps: p95s.map((p95, k) => ({
          clients: 5000 * (k + 1),
          p50: p95 / 2,
          p95,
          p99: p95 * 1.2,
          held: true,
        })),
      },
    });
  const block = makeBlock('ws-capacity', { compareBy: 'capacity' });

  it('says how many clients all held and that a single ramp is not ranked, naming no app', () => {
    const run = makeRun(
      [
        ramp('node-http-app', 20_000, [80, 120, 170, 234], true),
        ramp('fastify-app', 20_000, [70, 126, 150, 164], true),
        ramp('express-app', 20_000, [90, 107, 289, 353], true),
      ],
      { blocks: [block] },
    );
    const title = takeawayTitle(run, block);
    expect(title).toBe(
      'ws-capacity: all 3 held ≥ 20,000 clients (the cap); one ramp per app, no interval: not ranked',
    );
    expect(title).not.toMatch(/express|fastify|node:http|ms/);
  });

  it('names no app when they stopped at different steps either', () => {
    const run = makeRun(
      [ramp('hono-app', 15_000, [60, 110, 480], false), ramp('koa-app', 10_000, [90, 450], false)],
      { blocks: [block] },
    );
    expect(takeawayTitle(run, block)).toBe(
      'ws-capacity: 2 held ≥ 10,000 clients; one ramp per app, no interval: not ranked',
    );
  });
});

describe('the headline the README quotes', () => {
  it('is the plaintext slide title, as its takeaway file’s first line has it; none without plaintext', () => {
    const run = fakeRun({ noise: 0.05 });
    run.blocks.reverse(); // plaintext last: the headline is found by scenario, not by position
    const plain = run.blocks.find((b) => b.scenario === 'plaintext')!;
    expect(headlineTakeaway(run)).toBe(takeawayPartial(run, plain).split('\n')[0]);
    expect(headlineTakeaway(run)).toMatch(/^plaintext: /);
    const json = fakeRun({ argv: ['--scenarios', 'json'] });
    expect(headlineTakeaway(json)).toBeNull();
  });
});
