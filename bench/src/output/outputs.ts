/**
 * Writing a run. Every run gets its own timestamped JSON (never overwritten) and a `latest*` report
 * of its kind. Only a full run writes the deck's scenario partials and charts, only a matrix run the
 * Node-matrix partial, and only those two the README block: a `--quick` or `--apps` run cannot
 * change what the deck or the front page show. And of those, only a run promoted by the one rule in
 * promote.ts (a noisy run never replaces a quiet one of the same code) does. Every path can be
 * redirected by environment.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderChart, renderSpec } from '../report/chart.js';
import { renderMarkdown } from '../report/markdown.js';
import { matrixChartSpec, matrixPartial, matrixTakeaway } from '../report/matrix.js';
import {
  isRuntimeRun,
  runtimeLabel,
  runtimesChartSpec,
  runtimesPartial,
  runtimesTable,
} from '../report/runtimes.js';
import { readmeBlock } from '../report/readme.js';
import { markTakeaway, slidePartial } from '../report/slide.js';
import { measuredCommit } from '../report/method.js';
import { codeChanges, recordCommits, type CodeChangesFn } from './provenance.js';
import { promotion, type Promotion } from './promote.js';
import { takeawayPartial } from '../report/takeaway.js';
import { clusterPartial } from '../report/cluster.js';
import { runSchema, type Run, type RunKind } from '../model/schema.js';
import { BENCH_DIR, ROOT_DIR } from '../targets/targets.js';
import { BASE_SCENARIOS } from '../model/scenario-list.js';

/** Where a run is written. */
export interface OutputDirs {
  results: string;
  generated: string;
  /** README.md to update after full and matrix runs; null to skip. */
  readme: string | null;
}

/** The output locations, from BENCH_RESULTS_DIR, BENCH_GENERATED_DIR and BENCH_README. */
export function outputDirs(env = process.env): OutputDirs {
  return {
    results: env.BENCH_RESULTS_DIR || join(BENCH_DIR, 'results'),
    generated: env.BENCH_GENERATED_DIR || join(ROOT_DIR, 'slides', 'generated'),
    readme: env.BENCH_README === '' ? null : env.BENCH_README || join(ROOT_DIR, 'README.md'),
  };
}

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

/** Replaces what is between the markers (blank lines around it, as prettier keeps); null without them. */
export function replaceReadmeBlock(readme: string, content: string): string | null {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END, start + README_START.length);
  if (start === -1 || end === -1) return null;
  return `${readme.slice(0, start + README_START.length)}\n\n${content.trim()}\n\n${readme.slice(end)}`;
}

/** A file name from the run's date that sorts and survives every file system. */
export function stampName(date: string): string {
  return date.replace(/[:.]/g, '-');
}

import { classify } from './classify.js';

export { classify };

/** Where each kind keeps its latest report. */
export function latestName(kind: RunKind): string {
  return kind === 'full' ? 'latest' : `latest-${kind}`;
}

async function writeNew(dir: string, stem: string, text: string): Promise<string> {
  for (let i = 0; ; i++) {
    const file = join(dir, `${stem}${i === 0 ? '' : `-${i}`}.json`);
    try {
      await writeFile(file, text, { flag: 'wx' });
      return file;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** The newest run of a kind from its latest file; null when missing or from before schema 2. */
export async function readLatest(dir: string, kind: RunKind): Promise<Run | null> {
  const text = await readFile(join(dir, `${latestName(kind)}.json`), 'utf8').catch(() => null);
  const parsed = text === null ? null : runSchema.safeParse(JSON.parse(text));
  return parsed?.success ? parsed.data : null;
}

/** What writeOutputs may be told; tests replace git. */
export interface WriteOptions {
  /** Measured-code files changed between two commits (default: git diff in the repository). */
  codeChanges?: CodeChangesFn;
}

/** What a run wrote, what it left alone and why, and where its own report is. */
export interface Written {
  written: string[];
  skipped: string[];
  /** For a run that may feed the deck (full, matrix, runtimes): whether it does now, and why. */
  promotion: Promotion | null;
  /** This run's markdown report (`latest*.md`). */
  report: string;
}

/**
 * Validates and writes everything the run's kind may write. A run that may feed the deck replaces
 * what feeds it only as `promotion` rules (promote.ts); one that does not still gets its timestamped
 * JSON and its report in `latest*-not-promoted.{json,md}`, and `skipped` says why.
 */
export async function writeOutputs(
  input: Run,
  dirs: OutputDirs,
  options: WriteOptions = {},
): Promise<Written> {
  const changes = options.codeChanges ?? ((from: string, to: string) => codeChanges(from, to));
  const run = runSchema.parse(input);
  const json = `${JSON.stringify(run, null, 2)}\n`;
  await mkdir(dirs.results, { recursive: true });
  const stem = `${stampName(run.env.date)}${run.kind === 'full' ? '' : `-${run.kind}`}`;
  const written = [await writeNew(dirs.results, stem, json)];
  const out = async (file: string, text: string) => {
    await writeFile(file, text);
    written.push(file);
  };
  const skipped: string[] = [];
  let promoted: Promotion | null = null;
  if (run.kind === 'full' || run.kind === 'matrix' || run.kind === 'runtimes') {
    const headline = await readLatest(dirs.results, run.kind);
    const from = headline && measuredCommit(headline.env);
    const to = measuredCommit(run.env);
    promoted = promotion(run, headline, from && to ? changes(from, to) : null);
  }
  const feeds = promoted?.promote !== false;
  const latest = feeds ? latestName(run.kind) : `${latestName(run.kind)}-not-promoted`;
  const report = join(dirs.results, `${latest}.md`);
  await out(join(dirs.results, `${latest}.json`), json);
  const markdown = renderMarkdown(run);
  await out(
    report,
    isRuntimeRun(run.env.serverNodes)
      ? `${markdown.trimEnd()}\n\n## hono on three runtimes\n\n${runtimesTable(run)}\n`
      : markdown,
  );
  const subtitle = `${run.env.cpu}, ${run.env.cores} cores · Node ${run.env.serverNodes.join(', ')} · ${run.env.date.slice(0, 10)} · noise: ${run.noise.level}`;
  if (!feeds) {
    skipped.push(
      `slides and README left alone, ${promoted!.why}. This run is in ${written[0]} and ${report}`,
    );
  } else if (run.kind === 'full') {
    await mkdir(dirs.generated, { recursive: true });
    for (const block of run.blocks) {
      await out(join(dirs.generated, `${block.scenario}.svg`), await renderChart(run, block, subtitle));
      await out(join(dirs.generated, `${block.scenario}.md`), slidePartial(run, block));
      await out(
        join(dirs.generated, `${block.scenario}.takeaway.md`),
        markTakeaway(takeawayPartial(run, block), run),
      );
    }
    // A scenario this run did not measure (param, ws-capacity unless named) loses its partials and
    // its commit: an older run's slide beside this run's would read as one measurement.
    const gone = BASE_SCENARIOS.filter((b) => !run.blocks.some((block) => block.scenario === b));
    for (const b of gone)
      for (const file of [`${b}.svg`, `${b}.md`, `${b}.takeaway.md`])
        await rm(join(dirs.generated, file), { force: true });
    written.push(
      await recordCommits(
        dirs.generated,
        run.blocks.map((b) => b.scenario),
        run.env,
        gone,
      ),
    );
  } else if (run.kind === 'runtimes') {
    await mkdir(dirs.generated, { recursive: true });
    const runtimes = `${run.env.cpu}, ${run.env.cores} cores · ${run.env.serverNodes.map(runtimeLabel).join(', ')} · ${run.env.date.slice(0, 10)} · noise: ${run.noise.level}`;
    await out(join(dirs.generated, 'runtimes.svg'), await renderSpec(runtimesChartSpec(run, runtimes)));
    await out(join(dirs.generated, 'runtimes.md'), runtimesPartial(run));
    written.push(await recordCommits(dirs.generated, ['runtimes'], run.env));
  } else if (run.kind === 'matrix') {
    await mkdir(dirs.generated, { recursive: true });
    await out(join(dirs.generated, 'node-matrix.svg'), await renderSpec(matrixChartSpec(run, subtitle)));
    await out(join(dirs.generated, 'node-matrix.md'), matrixPartial(run));
    await out(join(dirs.generated, 'node-matrix.takeaway.md'), markTakeaway(matrixTakeaway(run), run));
    written.push(await recordCommits(dirs.generated, ['node-matrix'], run.env));
  } else {
    skipped.push(`slides and README left alone (${classify(run).why}): this run is in ${latest}.md`);
  }
  // --workers rows feed their own slide whatever the run's kind (a subset run is the usual way).
  const cluster = clusterPartial(run);
  if (cluster) {
    await mkdir(dirs.generated, { recursive: true });
    await out(join(dirs.generated, 'cluster.md'), cluster);
    written.push(await recordCommits(dirs.generated, ['cluster'], run.env));
  }
  if (feeds && (run.kind === 'full' || run.kind === 'matrix') && dirs.readme) {
    const full = run.kind === 'full' ? run : await readLatest(dirs.results, 'full');
    const matrix = run.kind === 'matrix' ? run : await readLatest(dirs.results, 'matrix');
    // Either may be an older run whose code has moved on since: the block says so beside it.
    const since = (r: Run | null) => {
      const commit = r && measuredCommit(r.env);
      return commit ? changes(commit, 'HEAD') : null;
    };
    const readme = await readFile(dirs.readme, 'utf8').catch(() => null);
    const block = readmeBlock(full, matrix, { full: since(full), matrix: since(matrix) });
    const next = readme === null ? null : replaceReadmeBlock(readme, block);
    if (next === null)
      skipped.push(`README block not updated: ${dirs.readme} has no ${README_START} … ${README_END} markers`);
    else await out(dirs.readme, next);
  } else if (feeds && (run.kind === 'full' || run.kind === 'matrix'))
    skipped.push('README block not updated (BENCH_README is empty)');
  return { written, skipped, promotion: promoted, report };
}
