/**
 * Writing a latency run: its own timestamped JSON (never overwritten), its latest JSON and report,
 * and — for a whole run (not --quick, not partial) that is promoted — the deck's latency partials
 * and charts and the README's latency block. A quick or partial run cannot change what the deck
 * shows, and a noisy run does not replace a quiet one of the same measured code (promote.ts's rule,
 * for this kind): it keeps its JSON and report under `latest-latency-not-promoted.*`.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LATENCY_SCENARIOS, latencyRunSchema, type LatencyRun } from '../model/latency.js';
import { renderSpec } from '../report/chart.js';
import { latencyChartSpec } from '../report/latency-chart.js';
import { latencyMarkdown, latencyPartial, latencyReadmeBlock, latencyTakeaway } from '../report/latency.js';
import { measuredCommit, shortCommit } from '../report/method.js';
import { markTakeaway } from '../report/slide.js';
import { replaceReadmeBlock, type OutputDirs } from './feeds.js';
import { codeChanges, recordCommits, type CodeChangesFn } from './provenance.js';
import { stampName } from './outputs.js';
import { writeRunIndex } from './run-index.js';

export const LATENCY_README_START = '<!-- bench:latency:start -->';
export const LATENCY_README_END = '<!-- bench:latency:end -->';

export interface LatencyOutputs {
  written: string[];
  skipped: string[];
  /** The Markdown report the CLI prints. */
  report: string;
}

export interface LatencyWriteOptions {
  /** Measured-code files changed between two commits (default: git diff in the repository). */
  codeChanges?: CodeChangesFn;
}

/** The deck's slide id of a scenario. */
export const latencySlideId = (scenario: string) => `latency-${scenario}`;

/** The newest whole latency run (latest-latency.json); null when missing or unreadable. */
export async function readLatestLatency(dir: string): Promise<LatencyRun | null> {
  const text = await readFile(join(dir, 'latest-latency.json'), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = latencyRunSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const pct = (x: number | null | undefined) => (x == null ? '–' : `${(x * 100).toFixed(1)} %`);

/**
 * Whether `run` replaces `headline` on the deck: a quiet run always does; a noisy one replaces a
 * run that was not quiet, or a quiet one of code that has changed since — but of two noisy runs of
 * the same measured code the one with the lower canary CV stays (promote.ts's rule); else not, and why.
 */
export function latencyPromotion(
  run: LatencyRun,
  headline: LatencyRun | null,
  changed: readonly string[] | null,
): { promote: boolean; why: string } {
  const noisier =
    run.noise.level === 'noisy' &&
    headline?.noise.level === 'noisy' &&
    changed !== null &&
    changed.length === 0 &&
    (run.noise.canaryCv ?? Infinity) > (headline.noise.canaryCv ?? Infinity);
  if (noisier)
    return {
      promote: false,
      why: `this run was noisier (canary CV ${pct(run.noise.canaryCv)}) than the deck's latency run of the same measured code (${pct(headline.noise.canaryCv)}); the deck and README keep it`,
    };
  if (headline === null || run.noise.level === 'quiet' || headline.noise.level !== 'quiet')
    return { promote: true, why: 'replaces the deck’s latency run' };
  if (changed && changed.length > 0)
    return { promote: true, why: `the measured code changed since the quiet run (e.g. ${changed[0]})` };
  const same = changed === null ? 'git could not compare the two commits' : 'on the same measured code';
  return {
    promote: false,
    why: `this run was noisy and the deck's latency run (${headline.env.date.slice(0, 16).replace('T', ' ')} UTC, ${shortCommit(headline.env) ?? 'no commit'}) was quiet, ${same}; the deck and README keep it`,
  };
}

/** The deck's latency partials and charts, and their commits; scenarios the run lacks lose theirs. */
export async function feedLatencySlides(run: LatencyRun, generated: string): Promise<string[]> {
  await mkdir(generated, { recursive: true });
  const written: string[] = [];
  const out = async (file: string, text: string) => {
    await writeFile(join(generated, file), text);
    written.push(join(generated, file));
  };
  const ids: string[] = [];
  for (const sc of run.scenarios) {
    const id = latencySlideId(sc.scenario);
    ids.push(id);
    await out(`${id}.md`, latencyPartial(run, sc));
    await out(`${id}.takeaway.md`, markTakeaway(latencyTakeaway(run, sc), run));
    // A failed scenario has no chart: its slide says why in words, and an older chart must not stay.
    if (sc.failed === null) await out(`${id}.svg`, await renderSpec(latencyChartSpec(run, sc)));
    else await rm(join(generated, `${id}.svg`), { force: true });
  }
  const gone = LATENCY_SCENARIOS.filter((s) => !run.scenarios.some((sc) => sc.scenario === s)).map(
    latencySlideId,
  );
  for (const id of gone)
    for (const ext of ['.md', '.svg', '.takeaway.md'])
      await rm(join(generated, `${id}${ext}`), { force: true });
  written.push(await recordCommits(generated, ids, run.env, gone));
  return written;
}

/** Rewrites the README's latency block; returns the file, or why not. */
export async function feedLatencyReadme(
  run: LatencyRun | null,
  readmePath: string | null,
): Promise<string | { skipped: string }> {
  if (!readmePath) return { skipped: 'README latency block not updated (BENCH_README is empty)' };
  const readme = await readFile(readmePath, 'utf8').catch(() => null);
  const next =
    readme === null
      ? null
      : replaceReadmeBlock(readme, latencyReadmeBlock(run), {
          start: LATENCY_README_START,
          end: LATENCY_README_END,
        });
  if (next === null)
    return {
      skipped: `README latency block not updated: ${readmePath} has no ${LATENCY_README_START} markers`,
    };
  await writeFile(readmePath, next);
  return readmePath;
}

/** Validates and writes the run; returns the paths written, what was left alone and why, the report. */
export async function writeLatencyOutputs(
  input: LatencyRun,
  dirs: OutputDirs,
  options: LatencyWriteOptions = {},
): Promise<LatencyOutputs> {
  const changes = options.codeChanges ?? ((from: string, to: string) => codeChanges(from, to));
  const run = latencyRunSchema.parse(input);
  const json = `${JSON.stringify(run, null, 2)}\n`;
  await mkdir(dirs.results, { recursive: true });
  const whole = !run.quick && !run.partial;
  const suffix = run.quick ? 'latency-quick' : run.partial ? 'latency-partial' : 'latency';
  const skipped: string[] = [];
  let promote = whole;
  if (whole) {
    const headline = await readLatestLatency(dirs.results);
    const from = headline && measuredCommit(headline.env);
    const to = measuredCommit(run.env);
    const p = latencyPromotion(run, headline, from && to ? changes(from, to) : null);
    promote = p.promote;
    if (!promote) skipped.push(`slides and README left alone: ${p.why}`);
  } else {
    skipped.push(
      `slides and README left alone: a ${run.quick ? '--quick' : 'partial'} run cannot change what the deck shows`,
    );
  }
  const latest = whole && !promote ? 'latest-latency-not-promoted' : `latest-${suffix}`;
  const report = join(dirs.results, `${latest}.md`);
  const files: [string, string][] = [
    [join(dirs.results, `${stampName(run.env.date)}-${suffix}.json`), json],
    [join(dirs.results, `${latest}.json`), json],
    [report, latencyMarkdown(run)],
  ];
  for (const [file, text] of files) await writeFile(file, text);
  const written = files.map(([f]) => f);
  if (whole && !promote) skipped[0] += `; this run is in ${written[0]} and ${report}`;
  if (promote) {
    written.push(...(await feedLatencySlides(run, dirs.generated)));
    const readme = await feedLatencyReadme(run, dirs.readme);
    if (typeof readme === 'string') written.push(readme);
    else skipped.push(readme.skipped);
  }
  written.push(await writeRunIndex(dirs.results));
  return { written, skipped, report };
}
