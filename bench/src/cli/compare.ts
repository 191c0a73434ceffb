/**
 * `npm run bench:compare -- [files…]`: how far each ratio moved between whole runs, and whether each
 * run's intervals contained the others' medians. Without files, the three newest full runs in
 * bench/results; files from before schema 2 (bench v1) are skipped with a message.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { renderSeries, runLines, summarise } from '../report/compare.js';
import { seriesOf } from '../stats/compare.js';
import { outputDirs } from '../output/outputs.js';
import { runSchema, SCHEMA_VERSION, type Run } from '../model/schema.js';
import { ROOT_DIR } from '../targets/targets.js';

/** Full runs are named by their ISO timestamp alone, so a name sort is a time sort. */
const FULL_RUN = /^\d{4}-\d\d-\d\dT[\d-]+Z(?:-\d+)?\.json$/;

async function load(file: string): Promise<Run | { old: true }> {
  const data = JSON.parse(await readFile(file, 'utf8')) as { schemaVersion?: unknown };
  if (data.schemaVersion !== SCHEMA_VERSION) return { old: true };
  return runSchema.parse(data);
}

async function newestFullRuns(dir: string, count: number): Promise<{ files: string[]; old: number }> {
  const names = (await readdir(dir).catch(() => [] as string[]))
    .filter((n) => FULL_RUN.test(n))
    .sort()
    .reverse();
  const files: string[] = [];
  let old = 0;
  // Every file is looked at, so the message counts all the old ones, not just the newest.
  for (const name of names) {
    const run = await load(join(dir, name));
    if ('old' in run) old++;
    else if (run.kind === 'full' && files.length < count) files.unshift(join(dir, name));
  }
  return { files, old };
}

async function main(args: string[]): Promise<number> {
  if (args.some((a) => a.startsWith('-'))) {
    process.stderr.write(
      'usage: npm run bench:compare -- [results.json …]  (default: the 3 newest full runs)\n',
    );
    return 2;
  }
  // npm runs workspace scripts in bench/: paths the user typed are relative to where npm was started.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  let files = args.map((a) => resolve(cwd, a));
  if (files.length === 0) {
    const found = await newestFullRuns(outputDirs().results, 3);
    files = found.files;
    if (found.old > 0)
      process.stderr.write(
        `bench:compare: skipped ${found.old} results files from before bench v2 (no schemaVersion ${SCHEMA_VERSION})\n`,
      );
  }
  const loaded = await Promise.all(files.map(async (f) => ({ f, run: await load(f) })));
  const old = loaded.filter((l) => 'old' in l.run);
  for (const l of old) process.stderr.write(`bench:compare: ${l.f} is from before bench v2; skipped\n`);
  const usable = loaded.filter((l): l is { f: string; run: Run } => !('old' in l.run));
  if (usable.length < 2) {
    process.stderr.write(`bench:compare needs at least two runs of bench v2, found ${usable.length}\n`);
    return 1;
  }
  const runs = usable.map((l) => l.run);
  const names = usable.map((l) => relative(ROOT_DIR, l.f) || l.f);
  const series = seriesOf(runs);
  process.stdout.write(
    `Ratios to node-http-app across ${runs.length} runs:\n${runLines(runs, names).join('\n')}\n\n`,
  );
  process.stdout.write(
    `${renderSeries(runs, series)}\n\n${summarise(runs, series)
      .map((l) => `- ${l}`)
      .join('\n')}\n`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
