/**
 * `npm run bench:compare -- [files…]`: how far each ratio moved between whole runs. Without files,
 * the three newest full runs in bench/results (every app and scenario; quick, partial and subset runs skipped).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { renderSeries, seriesOf } from './compare.js';
import { isFullRun, outputDirs } from './outputs.js';
import { runSchema, type Run } from './schema.js';
import { ROOT_DIR } from './targets.js';

/** Result files are named by their ISO timestamp, so a name sort is a time sort. */
const TIMESTAMPED = /^\d{4}-\d\d-\d\dT[\d-]+Z\.json$/;

async function load(file: string): Promise<Run> {
  return runSchema.parse(JSON.parse(await readFile(file, 'utf8')));
}

async function newestFullRuns(dir: string, count: number): Promise<string[]> {
  const names = (await readdir(dir))
    .filter((n) => TIMESTAMPED.test(n))
    .sort()
    .reverse();
  const picked: string[] = [];
  for (const name of names) {
    if (picked.length === count) break;
    const run = await load(join(dir, name));
    if (isFullRun(run)) picked.unshift(join(dir, name));
  }
  return picked;
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
  const files =
    args.length > 0 ? args.map((a) => resolve(cwd, a)) : await newestFullRuns(outputDirs().results, 3);
  if (files.length < 2) {
    process.stderr.write(`bench:compare needs at least two runs, found ${files.length}\n`);
    return 1;
  }
  const runs = await Promise.all(files.map(load));
  process.stdout.write(
    `Ratios to node-http-app across ${runs.length} runs:\n${files.map((f) => `- ${relative(ROOT_DIR, f) || f}`).join('\n')}\n\n`,
  );
  process.stdout.write(`${renderSeries(runs, seriesOf(runs))}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
