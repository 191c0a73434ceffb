/**
 * Writing a run. Every run gets its own timestamped JSON (never overwritten) and a `latest*` report
 * of its kind. Only a full run writes the deck's scenario partials and charts, only a matrix run the
 * Node-matrix partial, and only those two the README block: a `--quick` or `--apps` run cannot
 * change what the deck or the front page show. And of those, only a run promoted by the one rule in
 * promote.ts (a noisy run never replaces a quiet one of the same code) does. Every path can be
 * redirected by environment.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderMarkdown } from '../report/markdown.js';
import { isRuntimeRun, runtimesTable } from '../report/runtimes.js';
import { measuredCommit } from '../report/method.js';
import { closedLoopChanges, recordCommits, type CodeChangesFn } from './provenance.js';
import { promotion, type Promotion } from './promote.js';
import { clusterPartial } from '../report/cluster.js';
import { runSchema, type Run } from '../model/schema.js';
import { BENCH_DIR, ROOT_DIR } from '../targets/targets.js';
import { feedReadme, feedSlides, latestName, readLatest, type OutputDirs } from './feeds.js';
import { writeRunIndex } from './run-index.js';

export {
  latestName,
  readLatest,
  README_END,
  README_START,
  replaceReadmeBlock,
  type OutputDirs,
} from './feeds.js';

/** The output locations, from BENCH_RESULTS_DIR, BENCH_GENERATED_DIR and BENCH_README. */
export function outputDirs(env = process.env): OutputDirs {
  return {
    results: env.BENCH_RESULTS_DIR || join(BENCH_DIR, 'results'),
    generated: env.BENCH_GENERATED_DIR || join(ROOT_DIR, 'slides', 'generated'),
    readme: env.BENCH_README === '' ? null : env.BENCH_README || join(ROOT_DIR, 'README.md'),
  };
}

/** A file name from the run's date that sorts and survives every file system. */
export function stampName(date: string): string {
  return date.replace(/[:.]/g, '-');
}

import { classify } from './classify.js';

export { classify };

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
  const changes = options.codeChanges ?? closedLoopChanges;
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
  if (!feeds) {
    skipped.push(
      `slides and README left alone, ${promoted!.why}. This run is in ${written[0]} and ${report}`,
    );
  } else if (run.kind === 'full' || run.kind === 'matrix' || run.kind === 'runtimes') {
    written.push(...(await feedSlides(run, dirs.generated)));
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
  if (feeds && (run.kind === 'full' || run.kind === 'matrix')) {
    const readme = await feedReadme(run, dirs, changes);
    if (typeof readme === 'string') written.push(readme);
    else skipped.push(readme.skipped);
  }
  // Last, so that it sees this run and what the deck shows after it.
  written.push(await writeRunIndex(dirs.results));
  return { written, skipped, promotion: promoted, report };
}
