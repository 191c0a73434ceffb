import { describe, expect, it } from 'vitest';
import { methodLine, scenarioMethodLine } from '../src/report/method.js';
import { lineStatus } from '../src/model/node-lines.js';
import { ratioChartSpec, renderChart } from '../src/report/chart.js';
import { blockTable, renderMarkdown } from '../src/report/markdown.js';
import { matrixPartial, matrixTakeaway } from '../src/report/matrix.js';
import { readmeBlock } from '../src/report/readme.js';
import { precisionLine } from '../src/report/precision.js';
import { slidePartial } from '../src/report/slide.js';
import type { Run } from '../src/model/schema.js';
import { comparison } from '../src/model/result-fields.js';
import { blockResults } from '../src/report/format.js';
import { rankRanges } from '../src/stats/ties.js';
import { fakeRun } from '../src/testing/fake-runs.js';

async function prettierFormat(text: string): Promise<string | null> {
  try {
    const prettier = await import('prettier');
    return await prettier.format(text, { parser: 'markdown', singleQuote: true, printWidth: 110 });
  } catch {
    return null; // prettier is the root's dev tool; without it there is nothing to compare
  }
}

/** Tables are padded like prettier pads them; compare content, not padding. */
const squash = (text: string) => text.replace(/ {2,}/g, ' ');
const rowsOf = (table: string) =>
  table.split('\n').filter((l) => l.startsWith('| ') && !/^\| (rank|app) /.test(l) && !l.startsWith('| ---'));
const SLIDE_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** Every scenario: the defaults plus the two a full run measures only when named. */
const EVERY = ['--scenarios', 'plaintext,json,param,fortunes,ws-echo,ws-broadcast,ws-capacity'];
const bound = fakeRun({
  argv: EVERY,
  notServerBound: ['tcp-app', 'node-http-app'],
  failed: ['koa-app'],
  noise: 0.2,
});
const calm = fakeRun({ argv: EVERY, noise: 0.01 });
const block = (run: Run, id: string) => run.blocks.find((b) => b.scenario === id)!;

describe('latest.md tables', () => {
  it('rank ranges for ties, ratios with their interval, the baseline and failures named', () => {
    const table = squash(blockTable(calm, block(calm, 'fortunes')));
    const rows = rowsOf(table);
    expect(rows.map((r) => r.split(' | ')[1])).toEqual([
      'node-http-app (baseline)',
      'fastify-app',
      'hono-app',
      'koa-app',
      'express-app',
    ]);
    // ±1 % noise: every app is clear of the others, so every rank is a single place.
    expect(rows[1]).toMatch(
      /^\| 2 \| fastify-app \| [^|]+ \| [\d,]+ \([\d,]+–[\d,]+\) \| 0\.9\d \(0\.9\d–0\.9\d\) \|/,
    );
    expect(rows.map((r) => r.split(' | ')[0])).toEqual(['| 1', '| 2', '| 3', '| 4', '| 5']);
    expect(table).not.toMatch(/\*\*/); // no framework highlighted
    // ±5 %: koa (0.64) and express (0.62) overlap, so neither is ranked above the other.
    const noisy = fakeRun({ noise: 0.05 });
    const tied = rowsOf(squash(blockTable(noisy, block(noisy, 'fortunes'))));
    const rank = (app: string) => tied.find((r) => r.includes(`| ${app} |`))!.split(' | ')[0];
    expect(rank('koa-app')).toBe(rank('express-app'));
    expect(rank('koa-app')).toMatch(/^\| \d–\d$/);
    expect(squash(blockTable(noisy, block(noisy, 'fortunes')))).toContain('rank a–b: tied');
  });

  it('labels cells that are not server-bound in the table and ranks per CPU-second, saying why', () => {
    const table = squash(blockTable(bound, block(bound, 'plaintext')));
    expect(bound.blocks.find((b) => b.scenario === 'plaintext')!.compareBy).toBe('cpuRatio');
    expect(table).toMatch(/\| tcp-app \(not server-bound \(server 80 %, generator 99 %\)\) \|/);
    expect(table).toMatch(
      /\| node-http-app \(baseline, not server-bound \(server 80 %, generator 99 %\)\) \|/,
    );
    expect(table).toContain(
      '⚠ server CPU below 95 %: node-http-app not server-bound (server 80 %, generator 99 %), tcp-app not server-bound',
    );
    expect(table).not.toContain('generator-bound (');
    expect(table).toMatch(/\| fastify-app \|/); // a server-bound cell carries no label
    expect(table).toMatch(/\| – \| koa-app \| [^|]+ \| failed: validation: GET \/ body differs/);
    expect(table).toContain('vs own reference');
  });

  it('puts a method line with machine, generator ceiling, sampling, noise and date on every scenario', () => {
    const md = renderMarkdown(calm);
    expect(md.match(/^_Method: /gm)).toHaveLength(calm.blocks.length + 1);
    const line = scenarioMethodLine(calm, block(calm, 'plaintext'));
    expect(line).toMatch(/Test CPU, 2 cores.*Node v26\.10\.0.*generator ceiling ≈ 52,000 req\/s/);
    expect(line).toMatch(
      /11 targets each started 2 times \(a fresh process for every 5 of the first 9 rounds\), 2 s warm-up each time, then 9 rounds for every target/,
    );
    expect(line).toMatch(
      /95 % order-statistic interval widened by the spread between the lifetimes; noise while it ran: canary CV \d\.\d %/,
    );
    expect(methodLine(calm)).toMatch(/machine noise: canary CV .*: quiet; 2026-11-30 10:00 UTC$/);
    expect(scenarioMethodLine(calm, block(calm, 'ws-capacity'))).toContain('+5,000 clients per step');
  });

  it('ws-capacity: the count held and capped, and the p95 at each step', () => {
    const table = squash(blockTable(calm, block(calm, 'ws-capacity')));
    expect(table).toContain('| rank | app | version | clients held | p95 ms at 5,000 | p95 ms at 10,000 |');
    expect(table).toMatch(
      /\| – \| koa-app \| [^|]+ \| ≥ 19,800 \(capped by the open-files limit\) \| 50\.0 \| 100\.0 \|/,
    );
  });

  it('ws-capacity ranks no app: rank – in every row, said why, rows by name whatever each held', () => {
    const run: Run = structuredClone(calm);
    const b = block(run, 'ws-capacity');
    const rows = blockResults(run, b);
    // One ramp each, stopped at different steps: fastify held the most, hono the fewest.
    const held: Record<string, number> = { 'fastify-app': 19_800, 'express-app': 15_000, 'hono-app': 10_000 };
    for (const r of rows) if (held[r.app]) r.capacity = { ...r.capacity!, held: held[r.app]!, capped: null };
    const table = squash(blockTable(run, b));
    const body = rowsOf(table);
    expect(body.map((r) => r.split(' | ')[0])).toEqual(body.map(() => '| –'));
    expect(body.map((r) => r.split(' | ')[1]!.replace(/ \(baseline\)$/, ''))).toEqual(
      [...rows.map((r) => r.app)].sort(),
    );
    expect(table).toContain('- rank –: one ramp per app has no interval, so no app is ranked');
    expect(rows.every((r) => r.rank === null)).toBe(true);
  });
});

describe('slide partials', () => {
  it('show the apps only, label rows that are not server-bound, and carry every warning of the scenario', () => {
    const partial = squash(slidePartial(bound, block(bound, 'plaintext')));
    expect(partial).not.toContain('reference/');
    expect(partial).toMatch(
      /\| tcp-app \| [^|]+\| [^|]+\| – \| not server-bound \(server 80 %, generator 99 %\) \|/,
    );
    expect(partial).toContain('⚠ not server-bound: a server below 95 % of its core did not set its rate');
    expect(partial).toContain('⚠ noisy: node-http-app varied');
    expect(partial).toContain('koa-app failed: validation');
    expect(partial).toMatch(
      /_Node v26\.10\.0 · 2 cores, .*canary CV \d+ % \(run \d+ %\), baseline CV \d+ %: noisy · 2026-11-30/,
    );
  });

  it('never contain a bare --- line (Marp would start a new slide there)', () => {
    for (const b of bound.blocks) {
      const lines = slidePartial(bound, b).split('\n');
      expect(lines.filter((l) => SLIDE_BREAK.test(l))).toEqual([]);
    }
  });
});

describe('ranks among the rows a table shows', () => {
  /**
   * The calm run as files written before ranks were grouped stored it: every target of a block
   * (apps and reference servers) ranked together, so the apps' ranks run up to 11. The tables must
   * rank the rows they show whatever the file says.
   */
  const old: Run = structuredClone(calm);
  for (const b of old.blocks) {
    const rows = blockResults(old, b);
    const ranks = rankRanges(rows.map((r) => (r.status === 'failed' ? null : comparison(r, b.compareBy))));
    rows.forEach((r, k) => (r.rank = ranks[k] ?? null));
  }
  const ranksOf = (table: string) => rowsOf(squash(table)).map((r) => r.split(' | ')[0]!.slice(2));

  it('the slide ranks its six apps 1 to 6, never among the reference servers it does not show', () => {
    expect(old.results.find((r) => r.app === 'express-app' && r.scenario === 'plaintext')!.rank!.worst).toBe(
      11,
    );
    expect(ranksOf(slidePartial(old, block(old, 'plaintext')))).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('latest.md: the apps ranked among the apps, the reference servers in their own table among themselves', () => {
    const [apps, refs] = blockTable(old, block(old, 'plaintext')).split('**Reference servers**');
    expect(ranksOf(apps!)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(apps).not.toContain('reference/');
    expect(ranksOf(refs!)).toEqual(['1', '2', '3', '4', '5']);
    expect(rowsOf(squash(refs!)).every((r) => r.includes('| reference/'))).toBe(true);
    // The block's warnings are said once, under the apps' table.
    expect(squash(blockTable(bound, block(bound, 'plaintext'))).match(/⚠ server CPU below/g)).toHaveLength(1);
  });

  it('the chart calls an app tied only when it overlaps another app on the chart', () => {
    const apps = blockResults(old, block(old, 'plaintext')).filter((r) => r.kind === 'app');
    const labels = JSON.stringify(ratioChartSpec(apps, block(old, 'plaintext'), ''));
    // express (10–11 among all eleven) ties with reference/express, which the chart does not show.
    expect(labels).toContain('0.62 (');
    expect(labels).not.toContain('tied');
  });
});

describe('charts', () => {
  it('plots each ratio with its interval, labels ties, not server-bound and failed rows, in one colour', async () => {
    const svg = await renderChart(bound, block(bound, 'plaintext'), 'subtitle here');
    expect(svg.startsWith('<svg')).toBe(true);
    // Short names on the axis; the labels right of the whiskers carry tie and not server-bound.
    expect(svg).toMatch(/<text[^>]*>tcp<\/text>/);
    // The words only: the CPU figures would run off the slide; the line under the chart has them.
    expect(svg).toContain('1.00 · baseline · not server-bound<');
    expect(svg).toMatch(/\d\.\d\d \(\d\.\d\d–\d\.\d\d\)[^<]* · not server-bound/);
    expect(svg).toContain('failed: validation');
    expect(svg).toContain('requests per server CPU-second: ratio to node:http');
    expect(svg).toContain('subtitle here'); // in the SVG's accessible description
    // A WebSocket chart names what it counts: calls or deliveries, not requests.
    expect(await renderChart(calm, block(calm, 'ws-echo'), 's')).toMatch(
      /ws-echo: calls per (server CPU-)?second/,
    );
    // Labels at the deck's 20 px, and no text smaller anywhere in the chart.
    const sizes = [...svg.matchAll(/font-size="(\d+(?:\.\d+)?)px"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(5);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
    const spec = JSON.stringify(
      ratioChartSpec(
        calm.results.filter((r) => r.scenario === 'json'),
        block(calm, 'json'),
        '',
      ),
    );
    expect(spec).not.toContain('"color":{"field"');
    expect(spec).toContain('"x2":{"field":"hi"}');
  });
});

describe('README block and the Node matrix', () => {
  const matrix = fakeRun({ argv: ['--matrix'], nodes: ['v20.20.2', 'v22.22.0', 'v24.21.0', 'v26.10.0'] });

  it('summarises every app × scenario of the newest full run, warnings included', () => {
    const text = squash(readmeBlock(bound, null));
    expect(text).toMatch(
      /\| app \| plaintext \(per CPU-s\) \| json \(per CPU-s\) \| .* \| ws-capacity \| plaintext vs own reference \|/,
    );
    expect(squash(readmeBlock(calm, null))).toContain(
      '| app | plaintext | json | param | fortunes | ws-echo | ws-broadcast | ws-capacity |',
    );
    expect(text).toMatch(
      /\| tcp-app \| [\d.]+ \([\d.–]+\)( †)? \(not server-bound \(server 80 %, generator 99 %\)\) \|/,
    );
    expect(text).toMatch(/\| koa-app \| failed \|/);
    expect(text).toContain('- ⚠ plaintext: server CPU below 95 %');
    expect(text).toContain('_No Node-matrix run yet: `npm run bench -- --matrix`._');
  });

  it('says where each Node line stands on the run date, and what moved beyond its intervals', () => {
    const text = readmeBlock(calm, matrix);
    expect(text).toContain('### Node versions');
    expect(text).toContain('- Node 20 (v20.20.2): end of life since 2026-04-30');
    expect(text).toContain('- Node 24 (v24.21.0): maintenance LTS until 2028-04-30');
    expect(text).toContain('- Node 26 (v26.10.0): active LTS since 2026-10-28');
    expect(text).toMatch(
      /- express-app plaintext: 0\.1\d \([\d.–]+\) on Node 20 → 0\.6\d \([\d.–]+\) on Node 26/,
    );
    expect(lineStatus('26', '2027-11-01')).toBe('maintenance LTS until 2029-04-30');
  });

  it('the matrix slide: one row per app, the ratios per Node line in order', () => {
    const partial = squash(matrixPartial(matrix));
    expect(partial).toContain(
      '| app | plaintext: Node 20 → 22 → 24 → 26 | fortunes: Node 20 → 22 → 24 → 26 |',
    );
    expect(partial).toMatch(/\| express-app \| 0\.1\d → 0\.6\d → 0\.6\d → 0\.6\d \|/);
    expect(partial).toContain(
      'Node 20: end of life · 22: maintenance LTS · 24: maintenance LTS · 26: active LTS',
    );
    // The commit measured, in the footer as on every results slide (the fake run's is abc123).
    expect(partial).toMatch(/· 2026-11-30 · abc123 · method: bench\/results\/latest-matrix\.md_\n$/);
    expect(matrixTakeaway(matrix)).toContain('· 2026-11-30 · abc123 · method:');
  });

  it('the README block and latest.md are already formatted as prettier would', async () => {
    for (const text of [`${readmeBlock(bound, matrix)}\n`, renderMarkdown(bound)]) {
      const formatted = await prettierFormat(text);
      if (formatted !== null) expect(text).toBe(formatted);
    }
  });
});

describe('the precision line of latest.md', () => {
  it('counts app ratios within the target and within ±5 %, HTTP and WebSocket apart, baseline and references left out', () => {
    const run: Run = structuredClone(fakeRun({ noise: 0.01 }));
    const widths: Record<string, number> = {
      'express-app': 0.03,
      'tcp-app': 0.04,
      'fastify-app': 0.08,
      'koa-app': 0.12,
      'hono-app': 0.2,
    };
    for (const r of run.results) {
      // The baseline and reference servers get wide intervals: counting them would change the totals.
      const w = (r.kind === 'app' ? widths[r.app] : undefined) ?? 0.5;
      const i = { median: 1, lo: 1 - w, hi: 1 + w / 2, n: 9, level: 0.96, lives: 2, between: 0 };
      r.ratio = i;
      r.cpuRatio = i;
    }
    // HTTP: plaintext (5 apps), fortunes and the four database scenarios (4 each); WebSocket:
    // ws-broadcast (4).
    const line = precisionLine(run);
    expect(line).toBe(
      'Precision: within the ±10 % target, HTTP app ratios 13 of 25 (7 of 25 within ±5 %); WebSocket app ratios 2 of 4 (1 of 4 within ±5 %); the baseline and reference servers not counted.',
    );
    expect(renderMarkdown(run)).toContain(line);
    // One sample per cell (a quick run) carries no interval: nothing to count, no line.
    for (const r of run.results) [r.ratio, r.cpuRatio] = [null, null];
    expect(precisionLine(run)).toBeNull();
  });
});
