import { describe, expect, it } from 'vitest';
import { addRatios } from '../src/aggregate.js';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPS } from '@repo/fixtures';
import { isFullRun, readmeSummary, replaceReadmeBlock, writeOutputs } from '../src/outputs.js';
import { BASE_SCENARIOS } from '../src/scenario-list.js';
import { chartSpec, renderChart } from '../src/report-chart.js';
import {
  methodLine,
  nodeMatrixPartial,
  nodeMatrixTable,
  renderMarkdown,
  scenarioSection,
  scenarioTable,
} from '../src/report-markdown.js';
import { makeResult, makeRun } from './helpers.js';

async function prettierFormat(text: string): Promise<string | null> {
  try {
    const prettier = await import('prettier');
    return await prettier.format(text, { parser: 'markdown', singleQuote: true, printWidth: 110 });
  } catch {
    return null; // prettier is the root's dev tool; without it there is nothing to compare
  }
}

const results = addRatios([
  makeResult('express-app', 20_000, { framework: 'express' }),
  makeResult('node-http-app', 60_000, { version: 'node:http v20.20.2' }),
  makeResult('fastify-app', 58_000, { framework: 'fastify' }),
  makeResult('reference/fastify', 60_000),
  makeResult('koa-app', null, { reason: 'validation: GET / content-type "text/html"' }),
  makeResult('node-http-app', 30_000, { scenario: 'json' }),
]);
const run = makeRun(results);
/** Tables are padded like prettier pads them; compare content, not padding. */
const squash = (text: string) => text.replace(/ {2,}/g, ' ');

describe('markdown tables', () => {
  it('sorts by ratio, marks the baseline, lists failures with their reason at the bottom', () => {
    const table = squash(scenarioTable(results, 'plaintext', 'v20.20.2'));
    const rows = table
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| app') && !l.startsWith('| ---'));
    expect(rows.map((r) => r.split(' | ')[0]!.slice(2))).toEqual([
      'node-http-app (baseline)',
      'reference/fastify',
      'fastify-app',
      'express-app',
      'koa-app',
    ]);
    expect(rows[0]).toContain('60,000 (54,000–66,000) | 1.00');
    expect(rows[4]).toContain('failed: validation: GET / content-type "text/html"');
    expect(table).not.toMatch(/\*\*/); // no framework highlighted
  });

  it('adds the own-reference column to plaintext only', () => {
    expect(scenarioTable(results, 'plaintext', 'v20.20.2')).toContain('vs own reference');
    expect(squash(scenarioTable(results, 'plaintext', 'v20.20.2'))).toMatch(
      /fastify-app \| 1\.0\.0 \| [^|]+ \| 0\.97 \| 0\.97 \|/,
    );
    expect(scenarioTable(results, 'json', 'v20.20.2')).not.toContain('vs own reference');
  });

  it('puts a method line with machine, Node, settings and date on every scenario', () => {
    const md = renderMarkdown(run);
    expect(md.match(/_Method: /g)).toHaveLength(2);
    expect(methodLine(run)).toMatch(
      /Test CPU, 2 cores.*Node v20\.20\.2.*taskset.*100 connections.*2 s warm-up \+ 3 × 5 s.*2025-01-02 03:04 UTC/,
    );
    expect(methodLine({ ...run, quick: true, partial: true })).toMatch(/quick run.*PARTIAL/);
  });

  it('escapes pipes in reasons so a row stays a row', () => {
    const table = scenarioTable([makeResult('koa-app', null, { reason: 'a | b' })], 'plaintext', 'v20.20.2');
    expect(table).toContain('a \\| b');
  });

  it('shows each app across Node versions when there are several', () => {
    const matrix = squash(
      nodeMatrixTable(
        addRatios([
          ...results,
          makeResult('node-http-app', 61_000, { node: 'v24.1.0' }),
          makeResult('express-app', 29_000, { node: 'v24.1.0' }),
        ]),
        'plaintext',
      ),
    );
    expect(matrix).toContain('| app | v20.20.2 | v24.1.0 |');
    expect(matrix).toContain('| express-app | 20,000 (0.33) | 29,000 (0.48) |');
    expect(nodeMatrixTable(results, 'plaintext')).toBe('');
  });
});

describe('slide partials', () => {
  it('never contain a bare --- line (Marp would start a new slide there)', () => {
    const twoNodes = makeRun(
      addRatios([...results, makeResult('node-http-app', 61_000, { node: 'v24.1.0' })]),
    );
    for (const text of [scenarioSection(twoNodes, 'plaintext'), nodeMatrixPartial(twoNodes.results)]) {
      expect(text.split('\n').filter((l) => /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(l))).toEqual([]);
    }
  });

  it('node-matrix: every app and scenario across Node versions in one table, only with several versions', () => {
    const matrix = nodeMatrixPartial(
      addRatios([...results, makeResult('node-http-app', 61_000, { node: 'v24.1.0' })]),
    );
    expect(squash(matrix)).toContain('| node-http-app | plaintext | 60,000 (1.00) | 61,000 (1.00) |');
    expect(squash(matrix)).toContain('| koa-app | plaintext | failed | – |');
    expect(nodeMatrixPartial(results)).toBe('');
  });
});

describe('charts', () => {
  it('renders an SVG in Node with every app, failed ones labelled', async () => {
    const svg = await renderChart(results, 'plaintext', 'subtitle here');
    expect(svg.startsWith('<svg')).toBe(true);
    for (const app of ['node-http-app (baseline)', 'fastify-app', 'express-app', 'koa-app'])
      expect(svg).toContain(app);
    expect(svg).toContain('failed: validation');
    expect(svg).toContain('plaintext — req/s');
  });

  it('uses one colour for all frameworks (colour only for Node versions)', () => {
    const spec = JSON.stringify(chartSpec(results, 'plaintext', ''));
    expect(spec).not.toContain('"color":{"field"');
    const multi = JSON.stringify(
      chartSpec([...results, makeResult('node-http-app', 1, { node: 'v24.1.0' })], 'plaintext', ''),
    );
    expect(multi).toContain('"color":{"field":"node"');
  });
});

describe('README block', () => {
  const everything = {
    ...makeRun([]).settings,
    apps: APPS.map((a) => a.name),
    scenarios: [...BASE_SCENARIOS],
  };

  it('counts as full only a run of every app and scenario that was neither quick nor cut short', () => {
    expect(isFullRun(makeRun([], { settings: everything }))).toBe(true);
    expect(isFullRun(makeRun([]))).toBe(false); // one app, one scenario
    expect(isFullRun(makeRun([], { settings: { ...everything, apps: ['fastify-app'] } }))).toBe(false);
    expect(isFullRun(makeRun([], { settings: everything, quick: true }))).toBe(false);
    expect(isFullRun(makeRun([], { settings: everything, partial: true }))).toBe(false);
  });

  it('rewrites the README for a full run only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-readme-'));
    try {
      const readme = join(dir, 'README.md');
      const dirs = { results: join(dir, 'r'), generated: join(dir, 'g'), readme };
      const before = 'x\n<!-- bench:start -->\nold\n<!-- bench:end -->\n';
      await writeFile(readme, before);
      const results = [makeResult('node-http-app', 50_000)];
      const subset = await writeOutputs(makeRun(results), dirs);
      expect(subset.skipped).toEqual([
        'README block not updated (not every app and scenario: --apps or --scenarios)',
      ]);
      expect(await readFile(readme, 'utf8')).toBe(before);
      const full = await writeOutputs(makeRun(results, { settings: everything }), dirs);
      expect(full.skipped).toEqual([]);
      const after = await readFile(readme, 'utf8');
      expect(after).toMatch(/\| node-http-app \| +50,000/);
      expect(after).not.toContain('old');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('replaces only what is between the markers, with the blank lines prettier keeps there', () => {
    const readme = 'intro\n<!-- bench:start -->\nold\n<!-- bench:end -->\noutro\n';
    expect(replaceReadmeBlock(readme, 'new table\n')).toBe(
      'intro\n<!-- bench:start -->\n\nnew table\n\n<!-- bench:end -->\noutro\n',
    );
  });

  it('returns null when a marker is missing', () => {
    expect(replaceReadmeBlock('no markers here', 'x')).toBeNull();
    expect(replaceReadmeBlock('<!-- bench:start --> only', 'x')).toBeNull();
  });

  it('summarises every app × scenario as median (ratio)', () => {
    const summary = squash(readmeSummary(run));
    expect(summary).toContain('| app | plaintext | json |');
    expect(summary).toContain('| fastify-app | 58,000 (0.97) | – |');
    expect(summary).toContain('| koa-app | failed | – |');
  });
});

describe('prettier compatibility', () => {
  it('the README block and the tables are already formatted as prettier would', async () => {
    const text = `${readmeSummary(makeRun(addRatios([...results, makeResult('hono-app', null, { reason: 'a | b 日本' })])))}\n`;
    const formatted = await prettierFormat(text);
    if (formatted !== null) expect(text).toBe(formatted);
    const md = renderMarkdown({ ...run, warnings: ['load generator at 95% of its core', 'not pinned'] });
    const again = await prettierFormat(md);
    if (again !== null) expect(md).toBe(again);
  });
});
