/**
 * `npm run bench:render`: re-renders what the committed runs feed — the deck's partials and charts
 * from `latest.json`, `latest-matrix.json` and `latest-runtimes.json`, and the README's results block
 * — with the current report code, measuring nothing and writing no results file. Likewise the latency
 * partials and the README's latency block from `latest-latency.json` (the block says no latency run
 * is committed when there is none). For a change to how
 * results are worded or drawn (bench/src/report, bench/src/output): those are not measured code, so
 * the runs stay current, and their slides should say what the current code says about them. The
 * `--workers` slide (cluster.md) comes from whichever run had workers and is left as it is. And the
 * index of every committed run, `results/runs.md`.
 */
import { feedReadme, feedSlides, readLatest } from '../output/feeds.js';
import { closedLoopChanges } from '../output/provenance.js';
import { feedLatencyReadme, feedLatencySlides, readLatestLatency } from '../output/latency.js';
import { outputDirs } from '../output/outputs.js';
import { writeRunIndex } from '../output/run-index.js';

async function main(args: readonly string[]): Promise<number> {
  if (args.length > 0) {
    process.stderr.write('usage: npm run bench:render  (no options: re-renders the latest runs)\n');
    return 2;
  }
  const dirs = outputDirs();
  let rendered = 0;
  for (const kind of ['full', 'matrix', 'runtimes'] as const) {
    const run = await readLatest(dirs.results, kind);
    if (!run) continue;
    rendered++;
    const files = await feedSlides(run, dirs.generated);
    process.stdout.write(`${kind}: ${run.env.date} → ${files.length} files\n`);
  }
  const full = (await readLatest(dirs.results, 'full')) ?? (await readLatest(dirs.results, 'matrix'));
  if (full) {
    const readme = await feedReadme(full, dirs, closedLoopChanges);
    process.stdout.write(typeof readme === 'string' ? `README block: ${readme}\n` : `${readme.skipped}\n`);
  }
  const latency = await readLatestLatency(dirs.results);
  if (latency) {
    rendered++;
    const files = await feedLatencySlides(latency, dirs.generated);
    process.stdout.write(`latency: ${latency.env.date} → ${files.length} files\n`);
  }
  const block = await feedLatencyReadme(latency, dirs.readme);
  process.stdout.write(typeof block === 'string' ? `README latency block: ${block}\n` : `${block.skipped}\n`);
  if (rendered === 0) {
    process.stderr.write(`bench:render: no latest run in ${dirs.results}; run npm run bench first\n`);
    return 1;
  }
  process.stdout.write(`run index: ${await writeRunIndex(dirs.results)}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
