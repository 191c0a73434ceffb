/**
 * The database scenarios in the reports: PostgreSQL's CPU per request in the tables, the label and
 * the ranking per server CPU-second when the generator's core (generator + PostgreSQL) was full, and
 * the framework-tax slide (plaintext beside queries), its title under the tie rules.
 */
import { describe, expect, it } from 'vitest';
import { fakeRun } from '../src/testing/fake-runs.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { slidePartial } from '../src/report/slide.js';
import { takeawayPartial } from '../src/report/takeaway.js';
import {
  frameworkTax,
  frameworkTaxChartSpec,
  frameworkTaxPartial,
  frameworkTaxTitle,
} from '../src/report/framework-tax.js';
import { readmeBlock } from '../src/report/readme.js';
import { generatorCoreFull } from '../src/stats/pairing.js';
import { makeSample } from './helpers.js';

const block = (run: ReturnType<typeof fakeRun>, id: string) => run.blocks.find((b) => b.scenario === id)!;

describe('the generator core in the database scenarios', () => {
  it('is full when generator + PostgreSQL pass the generator limit in most valid samples', () => {
    const s = (loadgenCpu: number, dbCpu: number | undefined) => ({
      ...makeSample(1, 1000),
      loadgenCpu,
      dbCpu,
    });
    expect(generatorCoreFull([s(0.6, 0.5), s(0.6, 0.5), s(0.6, 0.2)])).toBe(true);
    expect(generatorCoreFull([s(0.6, 0.5), s(0.6, 0.2), s(0.6, 0.2)])).toBe(false);
    // No PostgreSQL figure (another scenario, an older file): says nothing.
    expect(generatorCoreFull([s(0.99, undefined)])).toBe(false);
  });

  it('a clear run ranks by req/s and shows PostgreSQL µs/req', () => {
    const run = fakeRun();
    const queries = block(run, 'queries');
    expect(queries.compareBy).toBe('ratio');
    expect(queries.method).toMatch(
      /PostgreSQL 15\.18 .*shared_buffers 128MB.*fsync off, synchronous_commit on\), pinned to cpu1 with the load generator; postgres\.js pool of 8 per process/,
    );
    const md = renderMarkdown(run);
    expect(md).toMatch(/\| PostgreSQL CPU \| server µs\/req \| PostgreSQL µs\/req \|/);
    expect(slidePartial(run, queries)).toMatch(/PostgreSQL µs\/req/);
    expect(slidePartial(run, queries)).toContain(' · PostgreSQL 15.18 pinned to cpu1, pool 8/process · ');
    expect(slidePartial(run, block(run, 'plaintext'))).not.toMatch(/PostgreSQL/);
    // 0.2 of a core at ~50,000 req/s: 4 µs per request for node-http-app.
    const base = run.results.find((r) => r.scenario === 'queries' && r.app === 'node-http-app')!;
    expect(base.dbUsPerReq).toBeCloseTo(4, 0);
  });

  it('a full generator core labels the cell and the table ranks per server CPU-second', () => {
    const run = fakeRun({ coreFull: ['node-http-app'] });
    const queries = block(run, 'queries');
    expect(queries.compareBy).toBe('cpuRatio');
    expect(block(run, 'plaintext').compareBy).toBe('ratio');
    expect(queries.warnings.join()).toMatch(
      /generator's core full .*node-http-app.*ranks per server CPU-second/,
    );
    const label = 'generator core full (generator 60 % + PostgreSQL 50 %)';
    expect(renderMarkdown(run)).toContain(`node-http-app (baseline, ${label})`);
    expect(slidePartial(run, queries)).toContain(label);
    expect(takeawayPartial(run, queries)).toMatch(/^queries \(per CPU-second\): /);
    expect(takeawayPartial(run, queries)).toContain(`node:http ${label}`);
  });
});

describe('the framework tax (plaintext beside queries)', () => {
  it('ties when every app’s two intervals overlap, and names no app on queries when those tie', () => {
    // The fake apps keep their plaintext ratios on queries: nothing moves.
    const run = fakeRun({ noise: 0.3 });
    const tax = frameworkTax(run)!;
    expect(tax.rows.map((r) => r.name)).toEqual(['express', 'fastify', 'hono', 'koa']);
    const title = frameworkTaxTitle(tax);
    expect(title).toMatch(/^framework tax: with a database no app moves beyond its intervals/);
    expect(title).not.toMatch(/least|most/);
    expect(title).toMatch(/; on queries the apps tie with one another, [a-z, ]+ still below node:http$/);
  });

  it('says which apps stay below node:http when the apps tie with one another on queries', () => {
    // Run 2026-12-07T07-36-09-797Z's intervals: the four tie with one another on queries, but express
    // and koa are still below node:http, which "all tie" alone let a reader miss.
    const i = (median: number, lo: number, hi: number) => ({ median, lo, hi, n: 9, level: 0.96 });
    const tax = {
      ...frameworkTax(fakeRun())!,
      rows: [
        { name: 'express', plaintext: i(0.66, 0.63, 0.7), queries: i(0.95, 0.92, 0.99) },
        { name: 'fastify', plaintext: i(0.86, 0.82, 0.92), queries: i(1.04, 0.98, 1.06) },
        { name: 'hono', plaintext: i(0.81, 0.79, 0.87), queries: i(0.93, 0.69, 1.13) },
        { name: 'koa', plaintext: i(0.64, 0.62, 0.66), queries: i(0.91, 0.83, 0.99) },
      ],
    };
    expect(frameworkTaxTitle(tax)).toBe(
      'framework tax: express, fastify and koa closer to node:http with a database; hono unchanged within the intervals; on queries the apps tie with one another, express and koa still below node:http',
    );
  });

  it('names the apps whose tax shrinks, and the most taxed one only when its interval is clear', () => {
    const queries = { 'express-app': 0.93, 'koa-app': 0.8, 'fastify-app': 0.97, 'hono-app': 0.88 };
    const run = fakeRun({ noise: 0.01, ratios: { queries } });
    const tax = frameworkTax(run)!;
    expect(frameworkTaxTitle(tax)).toBe(
      'framework tax: express and koa closer to node:http with a database; fastify and hono unchanged within the intervals; fastify least taxed on queries; koa most taxed on queries',
    );
    expect(frameworkTaxPartial(run, tax)).toMatch(
      /\| app +\| plaintext ratio \(95 % CI\) \| queries ratio \(95 % CI\) \|\n/,
    );
    expect(readmeBlock(run, null)).toMatch(
      /\*\*The framework tax, with and without a database\*\* .*express 0\.6\d \(.*\) → 0\.9\d/,
    );
  });

  it('draws two points with whiskers per app, labels at 20 px or more', () => {
    const run = fakeRun();
    const spec = frameworkTaxChartSpec(frameworkTax(run)!, 'test');
    expect((spec as { data: { values: unknown[] } }).data.values).toHaveLength(8);
    const config = spec.config as { axis: { labelFontSize: number }; legend: { labelFontSize: number } };
    expect(config.axis.labelFontSize).toBeGreaterThanOrEqual(20);
    expect(config.legend.labelFontSize).toBeGreaterThanOrEqual(20);
  });

  it('needs both scenarios', () => {
    expect(frameworkTax(fakeRun({ argv: ['--scenarios', 'plaintext,fortunes'] }))).toBeNull();
  });
});
