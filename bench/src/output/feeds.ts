/**
 * What feeds the deck and the README from a promoted run: the scenario partials and charts (full),
 * the Node-matrix and runtimes partials, and the README's results block. Kept apart from writing a
 * run so that `npm run bench:render` can re-render the committed runs after a change to how results
 * are worded or drawn, without measuring again (report/ and output/ are not measured code).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderChart, renderSpec } from '../report/chart.js';
import { matrixChartSpec, matrixPartial, matrixTakeaway } from '../report/matrix.js';
import { runtimeLabel, runtimesChartSpec, runtimesPartial } from '../report/runtimes.js';
import { readmeBlock } from '../report/readme.js';
import { markTakeaway, slidePartial } from '../report/slide.js';
import { measuredCommit } from '../report/method.js';
import { takeawayPartial } from '../report/takeaway.js';
import {
  FRAMEWORK_TAX,
  frameworkTax,
  frameworkTaxChartSpec,
  frameworkTaxPartial,
  frameworkTaxTakeaway,
} from '../report/framework-tax.js';
import { recordCommits, type CodeChangesFn } from './provenance.js';
import { runSchema, type Run, type RunKind } from '../model/schema.js';
import { BASE_SCENARIOS } from '../model/scenario-list.js';

/** Where a run is written. */
export interface OutputDirs {
  results: string;
  generated: string;
  /** README.md to update after full and matrix runs; null to skip. */
  readme: string | null;
}

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

/**
 * Replaces what is between the markers (blank lines around it, as prettier keeps); null without them.
 * The latency run has its own pair (output/latency.ts), so one kind never rewrites the other's block.
 */
export function replaceReadmeBlock(
  readme: string,
  content: string,
  markers: { start: string; end: string } = { start: README_START, end: README_END },
): string | null {
  const start = readme.indexOf(markers.start);
  const end = readme.indexOf(markers.end, start + markers.start.length);
  if (start === -1 || end === -1) return null;
  return `${readme.slice(0, start + markers.start.length)}\n\n${content.trim()}\n\n${readme.slice(end)}`;
}

/** Where each kind keeps its latest report. */
export function latestName(kind: RunKind): string {
  return kind === 'full' ? 'latest' : `latest-${kind}`;
}

/** The newest run of a kind from its latest file; null when missing or from before schema 2. */
export async function readLatest(dir: string, kind: RunKind): Promise<Run | null> {
  const text = await readFile(join(dir, `${latestName(kind)}.json`), 'utf8').catch(() => null);
  const parsed = text === null ? null : runSchema.safeParse(JSON.parse(text));
  return parsed?.success ? parsed.data : null;
}

/** Writes the slide partials and charts a full, matrix or runtimes run feeds; returns the files. */
export async function feedSlides(run: Run, generated: string): Promise<string[]> {
  const written: string[] = [];
  const out = async (file: string, text: string) => {
    await writeFile(join(generated, file), text);
    written.push(join(generated, file));
  };
  await mkdir(generated, { recursive: true });
  const subtitle = `${run.env.cpu}, ${run.env.cores} cores · Node ${run.env.serverNodes.join(', ')} · ${run.env.date.slice(0, 10)} · noise: ${run.noise.level}`;
  if (run.kind === 'full') {
    for (const block of run.blocks) {
      await out(`${block.scenario}.svg`, await renderChart(run, block, subtitle));
      await out(`${block.scenario}.md`, slidePartial(run, block));
      await out(`${block.scenario}.takeaway.md`, markTakeaway(takeawayPartial(run, block), run));
    }
    // A scenario this run did not measure (param, ws-capacity unless named) loses its partials and
    // its commit: an older run's slide beside this run's would read as one measurement.
    const gone: string[] = BASE_SCENARIOS.filter((b) => !run.blocks.some((block) => block.scenario === b));
    // The framework tax (plaintext beside queries) needs both; without them it goes the same way.
    const tax = frameworkTax(run);
    if (tax) {
      await out(`${FRAMEWORK_TAX}.svg`, await renderSpec(frameworkTaxChartSpec(tax, subtitle)));
      await out(`${FRAMEWORK_TAX}.md`, frameworkTaxPartial(run, tax));
      await out(`${FRAMEWORK_TAX}.takeaway.md`, markTakeaway(frameworkTaxTakeaway(run, tax), run));
    } else gone.push(FRAMEWORK_TAX);
    for (const b of gone)
      for (const file of [`${b}.svg`, `${b}.md`, `${b}.takeaway.md`])
        await rm(join(generated, file), { force: true });
    const ids = [...run.blocks.map((b) => b.scenario), ...(tax ? [FRAMEWORK_TAX] : [])];
    written.push(await recordCommits(generated, ids, run.env, gone));
  } else if (run.kind === 'runtimes') {
    const runtimes = `${run.env.cpu}, ${run.env.cores} cores · ${run.env.serverNodes.map(runtimeLabel).join(', ')} · ${run.env.date.slice(0, 10)} · noise: ${run.noise.level}`;
    await out('runtimes.svg', await renderSpec(runtimesChartSpec(run, runtimes)));
    await out('runtimes.md', runtimesPartial(run));
    written.push(await recordCommits(generated, ['runtimes'], run.env));
  } else if (run.kind === 'matrix') {
    await out('node-matrix.svg', await renderSpec(matrixChartSpec(run, subtitle)));
    await out('node-matrix.md', matrixPartial(run));
    await out('node-matrix.takeaway.md', markTakeaway(matrixTakeaway(run), run));
    written.push(await recordCommits(generated, ['node-matrix'], run.env));
  }
  return written;
}

/**
 * Rewrites the README's results block from a full or matrix run and the newest run of the other
 * kind; returns the file, or why it was not updated.
 */
export async function feedReadme(
  run: Run,
  dirs: OutputDirs,
  changes: CodeChangesFn,
): Promise<string | { skipped: string }> {
  if (!dirs.readme) return { skipped: 'README block not updated (BENCH_README is empty)' };
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
    return {
      skipped: `README block not updated: ${dirs.readme} has no ${README_START} … ${README_END} markers`,
    };
  await writeFile(dirs.readme, next);
  return dirs.readme;
}
