/**
 * `npm run bench -- [options]`: parses arguments, shows progress, handles Ctrl-C (stop the sample,
 * stop every server, save what was measured as partial), prints the tables and where they went.
 */
import { readFile } from 'node:fs/promises';
import { parseCli, UsageError, USAGE } from './args.js';
import { runBench } from '../run/run-bench.js';
import { NodeFetchError } from '../targets/node-versions.js';
import { outputDirs } from '../output/outputs.js';
import { writeGeneratorsOutputs } from '../output/generators.js';
import { generatorsPartial } from '../report/generators.js';
import { runGeneratorsProbe } from '../run/generators-probe.js';
import { minutes } from '../run/plan.js';
import { createProgress } from './progress.js';
import { killAllSync } from '../targets/server-process.js';
import { runLatency } from '../run/latency-run.js';
import { writeLatencyOutputs } from '../output/latency.js';
import { LadderError } from '../latency/ladder.js';

async function main(argv: string[]): Promise<number> {
  let cli;
  try {
    cli = parseCli(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`bench: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (cli.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const log = (line: string) => process.stderr.write(`${line}\n`);
  const controller = new AbortController();
  process.on('SIGINT', () => {
    // A second Ctrl-C means now: kill the servers and leave without saving.
    if (controller.signal.aborted) {
      killAllSync();
      process.exit(130);
    }
    log('\nstopping: finishing cleanly and saving partial results (Ctrl-C again to quit at once)');
    controller.abort();
  });
  process.on('SIGTERM', () => controller.abort());
  // Whatever happens (an exception included), no server outlives the bench.
  process.on('exit', killAllSync);

  const started = performance.now();
  const dirs = outputDirs();
  if (cli.generators) {
    const probe = await runGeneratorsProbe(controller.signal, log);
    if (controller.signal.aborted) {
      log('interrupted: the generators probe writes nothing when cut short');
      return 130;
    }
    const written = await writeGeneratorsOutputs(probe, dirs);
    process.stdout.write(`\n${generatorsPartial(probe)}\n`);
    log(`generators run; wrote ${written.length} files: ${written.join(', ')}`);
    log(`done in ${minutes((performance.now() - started) / 1000)} wall`);
    return 0;
  }
  if (cli.latency) {
    let run;
    try {
      run = await runLatency({ quick: cli.quick, ...cli.latency, signal: controller.signal, log });
    } catch (err) {
      if (!(err instanceof LadderError || err instanceof NodeFetchError)) throw err;
      log(`bench: ${err.message}`);
      return err instanceof LadderError ? 2 : 1;
    }
    const out = await writeLatencyOutputs(run, dirs);
    process.stdout.write(`\n${await readFile(out.report, 'utf8')}\n`);
    for (const w of run.warnings) log(`⚠ ${w}`);
    for (const s of out.skipped) log(s);
    log(`latency run; wrote ${out.written.length} files: ${out.written.join(', ')}`);
    log(
      `done in ${minutes((performance.now() - started) / 1000)} wall (planned at most ${minutes(run.planS)})${run.partial ? ' (partial)' : ''}`,
    );
    return run.partial ? 130 : 0;
  }
  let result;
  try {
    result = await runBench({
      settings: cli.settings,
      quick: cli.quick,
      dirs,
      signal: controller.signal,
      log,
      progress: (seconds) => createProgress(seconds, process.stderr.isTTY === true, log),
    });
  } catch (err) {
    if (!(err instanceof NodeFetchError)) throw err;
    log(`bench: ${err.message}`);
    return 1;
  }
  // Its own report: latest*.md, or latest*-not-promoted.md when the deck kept an older run.
  const { run, written, skipped, report } = result;
  process.stdout.write(`\n${await readFile(report, 'utf8')}\n`);
  for (const w of run.warnings) log(`⚠ ${w}`);
  for (const s of skipped) log(s);
  log(`${run.kind} run; wrote ${written.length} files: ${written.join(', ')}`);
  log(`report: ${report}`);
  const wall = (performance.now() - started) / 1000;
  log(
    `done in ${minutes(wall)} wall (measuring ${minutes(run.wallS)}, planned at most ${minutes(run.plan.budgetS)})${run.partial ? ' (partial)' : ''}`,
  );
  return run.partial ? 130 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    killAllSync();
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
