/**
 * Hand-typed numbers drift, so the prose around the generated block obeys one rule: a paragraph that
 * quotes a measured figure names the timestamped results file(s) it comes from
 * (`bench/results/<time>[-kind].json`, never overwritten; `results/…` from bench/README), and every figure it quotes appears in what
 * the bench renders from those files (the run's report, its cluster and runtimes tables, the
 * generators table, a latency run's report, `bench:compare` over the runs named together). A re-run adds files and leaves
 * these paragraphs true about the runs they name. A ratio interval or a rate quoted without a file
 * fails. Structural facts are read from the code, not typed: the options table is `--help`'s options.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../src/cli/usage.js';
import { generatorsRunSchema } from '../src/model/generators.js';
import { latencyRunSchema } from '../src/model/latency.js';
import { latencyMarkdown } from '../src/report/latency.js';
import { runSchema, type Run } from '../src/model/schema.js';
import { README_END, README_START } from '../src/output/outputs.js';
import { LATENCY_README_END, LATENCY_README_START } from '../src/output/latency.js';
import { clusterPartial } from '../src/report/cluster.js';
import { renderSeries, summarise } from '../src/report/compare.js';
import { generatorsCaption, generatorsTable } from '../src/report/generators.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { isRuntimeRun, runtimesTable } from '../src/report/runtimes.js';
import { seriesOf } from '../src/stats/compare.js';
import { ROOT_DIR } from '../src/targets/targets.js';

const read = (file: string) => readFileSync(join(ROOT_DIR, file), 'utf8');
const DOCS = [
  'README.md',
  'bench/README.md',
  'slides/README.md',
  ...readdirSync(join(ROOT_DIR, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** A results file that is never overwritten: its name is its time (and kind). */
const CITED = /(?:bench\/)?results\/(\d{4}-\d\d-\d\dT[\d-]+Z(?:-[a-z]+)?\.json)/g;
/** A ratio with its interval, as every table prints it: `0.83 (0.74–0.95)`. */
const INTERVAL = /\d+\.\d+ \(\d+\.\d+–\d+\.\d+\)/g;
/** A measured rate: `94,725 req/s`, `177,100 deliveries/s`. */
const RATE = /\d[\d,]* (?:req|deliveries|calls)\/s/g;
/** What else a cited paragraph may quote: decimals, grouped numbers, `85 of 90`, percentages. */
const FIGURES = [
  INTERVAL,
  /(?<![\d.])\d+\.\d+(?![\d.])/g,
  /(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d,])/g,
  /\b\d+ of \d+\b/g,
  /(?<![\d.])\d+ %/g,
];

interface Paragraph {
  file: string;
  text: string;
}

/** The prose of a file, paragraph by paragraph (list items apart), without code fences and the bench's blocks. */
function paragraphs(file: string): Paragraph[] {
  let text = read(file).replace(/```[\s\S]*?```/g, '');
  const start = text.indexOf(README_START);
  if (start >= 0) text = text.slice(0, start) + text.slice(text.indexOf(README_END) + README_END.length);
  // The latency block is written by the bench too.
  const latency = text.indexOf(LATENCY_README_START);
  if (latency >= 0)
    text = text.slice(0, latency) + text.slice(text.indexOf(LATENCY_README_END) + LATENCY_README_END.length);
  // A paragraph ends at a blank line; every list item (nested ones too) is a paragraph of its own.
  return text
    .split(/\n\s*\n|\n(?=\s*(?:[-*]|\d+\.) )/)
    .map((p) => ({ file, text: p.replace(/\s*\n\s*/g, ' ') }))
    .filter((p) => p.text.trim() !== '');
}

const cache = new Map<string, string>();
/** Everything the bench renders from these results files, as one text to look figures up in. */
function rendered(names: readonly string[]): string {
  const key = names.join(' ');
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const parts: string[] = [];
  const runs: Run[] = [];
  for (const name of names) {
    const data: unknown = JSON.parse(read(`bench/results/${name}`));
    if (name.endsWith('-latency.json')) {
      parts.push(latencyMarkdown(latencyRunSchema.parse(data)));
      continue;
    }
    if (name.endsWith('-generators.json')) {
      const probe = generatorsRunSchema.parse(data);
      parts.push(generatorsTable(probe), generatorsCaption(probe));
      continue;
    }
    const run = runSchema.parse(data);
    runs.push(run);
    parts.push(renderMarkdown(run), clusterPartial(run) ?? '');
    if (isRuntimeRun(run.env.serverNodes)) parts.push(runtimesTable(run));
  }
  const full = runs.filter((r) => r.kind === 'full');
  if (full.length >= 2) {
    const series = seriesOf(full);
    parts.push(...summarise(full, series), renderSeries(full, series));
  }
  const text = parts.join('\n');
  cache.set(key, text);
  return text;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The figure as a whole number in the text: `317` is not found inside `100,317`, nor `0.83` inside `10.83` or `0.835`. */
const appearsIn = (text: string, figure: string) =>
  new RegExp(`(?<!\\d|\\d[.,])${escape(figure)}(?!\\d|[.,]\\d)`).test(text);

/** Every figure a cited paragraph quotes, intervals first so their parts are not counted twice. */
function figuresOf(text: string): string[] {
  const found: string[] = [];
  let rest = text.replace(CITED, ' ');
  for (const pattern of FIGURES) {
    found.push(...(rest.match(pattern) ?? []));
    rest = rest.replace(pattern, ' ');
  }
  return found;
}

const all = DOCS.flatMap(paragraphs);
const cited = all.filter((p) => [...p.text.matchAll(CITED)].length > 0);
/**
 * A one-off measurement outside the bench, pinned to the script that made it and the commit that has
 * it ("measured with `tools/scripts/db-drivers.mjs` at 4ccf357"): its figures cannot drift from a
 * results file, because there is none, and the script stays readable at that commit.
 */
const SCRIPT_AT = /measured with `([\w./-]+)` at ([0-9a-f]{7,40})\b/gi;
const pinned = all.filter((p) => !cited.includes(p) && [...p.text.matchAll(SCRIPT_AT)].length > 0);

describe('measured figures in the prose', () => {
  it('some paragraphs cite results files (the check below is not vacuous)', () => {
    expect(cited.length).toBeGreaterThan(0);
  });

  it.each(cited.map((p) => [p.file, p.text.slice(0, 70), p] as const))(
    '%s: "%s…" quotes only figures its results files show',
    (file, start, p) => {
      const names = [...new Set([...p.text.matchAll(CITED)].map((m) => m[1]!))];
      const text = rendered(names);
      const missing = figuresOf(p.text).filter((f) => !appearsIn(text, f));
      expect(missing, `not in what the bench renders from ${names.join(', ')}`).toEqual([]);
    },
  );

  it.each(pinned.map((p) => [p.file, p.text.slice(0, 70), p] as const))(
    '%s: "%s…" names a script that exists at the commit it names',
    (_file, _start, p) => {
      for (const [, path, commit] of p.text.matchAll(SCRIPT_AT))
        expect(
          () =>
            execFileSync('git', ['cat-file', '-e', `${commit}:${path}`], { cwd: ROOT_DIR, stdio: 'ignore' }),
          `${path} at ${commit}`,
        ).not.toThrow();
    },
  );

  it('no paragraph quotes a ratio interval or a rate without naming its results file (or its script and commit)', () => {
    const uncited = all
      .filter((p) => !cited.includes(p) && !pinned.includes(p))
      .flatMap((p) =>
        [...(p.text.match(INTERVAL) ?? []), ...(p.text.match(RATE) ?? [])].map((f) => `${p.file}: ${f}`),
      );
    expect(uncited).toEqual([]);
  });

  it('the README never types the size of the edge corpus (it grows; the differential test reads it)', () => {
    expect(read('README.md')).not.toMatch(/\d+ raw requests/);
  });
});

describe('bench/README.md options table', () => {
  it('lists exactly the options of --help', () => {
    const usage = [...USAGE.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]);
    const section = read('bench/README.md').split('## Options')[1]!.split('\n## ')[0]!;
    const table = [...section.matchAll(/^\| `(--[a-z-]+)/gm)].map((m) => m[1]);
    expect(table.sort()).toEqual(usage.sort());
  });
});
