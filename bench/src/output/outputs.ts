/**
 * Writing a run. Every run gets its own timestamped JSON (never overwritten) and a `latest*` report
 * of its kind. Only a full run writes the deck's scenario partials and charts, only a matrix run the
 * Node-matrix partial, and only those two the README block: a `--quick` or `--apps` run cannot
 * change what the deck or the front page show. Every path can be redirected by environment.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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
import { slidePartial } from '../report/slide.js';
import { takeawayPartial } from '../report/takeaway.js';
import { clusterPartial } from '../report/cluster.js';
import { runSchema, type Run, type RunKind } from '../model/schema.js';
import { BENCH_DIR, ROOT_DIR } from '../targets/targets.js';

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

/** Validates and writes everything the run's kind may write; returns the paths and what was skipped. */
export async function writeOutputs(
  input: Run,
  dirs: OutputDirs,
): Promise<{ written: string[]; skipped: string[] }> {
  const run = runSchema.parse(input);
  const json = `${JSON.stringify(run, null, 2)}\n`;
  await mkdir(dirs.results, { recursive: true });
  const stem = `${stampName(run.env.date)}${run.kind === 'full' ? '' : `-${run.kind}`}`;
  const written = [await writeNew(dirs.results, stem, json)];
  const out = async (file: string, text: string) => {
    await writeFile(file, text);
    written.push(file);
  };
  await out(join(dirs.results, `${latestName(run.kind)}.json`), json);
  const markdown = renderMarkdown(run);
  await out(
    join(dirs.results, `${latestName(run.kind)}.md`),
    isRuntimeRun(run.env.serverNodes)
      ? `${markdown.trimEnd()}\n\n## hono on three runtimes\n\n${runtimesTable(run)}\n`
      : markdown,
  );
  const skipped: string[] = [];
  const subtitle = `${run.env.cpu}, ${run.env.cores} cores · Node ${run.env.serverNodes.join(', ')} · ${run.env.date.slice(0, 10)} · noise: ${run.noise.level}`;
  if (run.kind === 'full') {
    await mkdir(dirs.generated, { recursive: true });
    for (const block of run.blocks) {
      await out(join(dirs.generated, `${block.scenario}.svg`), await renderChart(run, block, subtitle));
      await out(join(dirs.generated, `${block.scenario}.md`), slidePartial(run, block));
      await out(join(dirs.generated, `${block.scenario}.takeaway.md`), takeawayPartial(run, block));
    }
  } else if (run.kind === 'runtimes') {
    await mkdir(dirs.generated, { recursive: true });
    const runtimes = `${run.env.cpu}, ${run.env.cores} cores · ${run.env.serverNodes.map(runtimeLabel).join(', ')} · ${run.env.date.slice(0, 10)} · noise: ${run.noise.level}`;
    await out(join(dirs.generated, 'runtimes.svg'), await renderSpec(runtimesChartSpec(run, runtimes)));
    await out(join(dirs.generated, 'runtimes.md'), runtimesPartial(run));
  } else if (run.kind === 'matrix') {
    await mkdir(dirs.generated, { recursive: true });
    await out(join(dirs.generated, 'node-matrix.svg'), await renderSpec(matrixChartSpec(run, subtitle)));
    await out(join(dirs.generated, 'node-matrix.md'), matrixPartial(run));
    await out(join(dirs.generated, 'node-matrix.takeaway.md'), matrixTakeaway(run));
  } else {
    skipped.push(
      `slides and README left alone (${classify(run).why}): this run is in ${latestName(run.kind)}.md`,
    );
  }
  // --workers rows feed their own slide whatever the run's kind (a subset run is the usual way).
  const cluster = clusterPartial(run);
  if (cluster) {
    await mkdir(dirs.generated, { recursive: true });
    await out(join(dirs.generated, 'cluster.md'), cluster);
  }
  if ((run.kind === 'full' || run.kind === 'matrix') && dirs.readme) {
    const full = run.kind === 'full' ? run : await readLatest(dirs.results, 'full');
    const matrix = run.kind === 'matrix' ? run : await readLatest(dirs.results, 'matrix');
    const readme = await readFile(dirs.readme, 'utf8').catch(() => null);
    const next = readme === null ? null : replaceReadmeBlock(readme, readmeBlock(full, matrix));
    if (next === null)
      skipped.push(`README block not updated: ${dirs.readme} has no ${README_START} … ${README_END} markers`);
    else await out(dirs.readme, next);
  } else if (run.kind === 'full' || run.kind === 'matrix')
    skipped.push('README block not updated (BENCH_README is empty)');
  return { written, skipped };
}
