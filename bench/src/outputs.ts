/**
 * Writing a run: the timestamped JSON (never overwritten) and latest.json, latest.md, one chart and
 * one table partial per scenario for the slides, and (full runs) the README block. Every path can
 * be redirected by environment so tests never touch the real ones.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APPS } from '@repo/fixtures';
import { headline } from './aggregate.js';
import { markdownTable } from './markdown-table.js';
import { renderChart } from './report-chart.js';
import { BASE_SCENARIOS, resultScenarioId } from './scenario-list.js';
import {
  methodLine,
  nodeMatrixPartial,
  renderMarkdown,
  scenarioIds,
  scenarioSection,
} from './report-markdown.js';
import { runSchema, type Run } from './schema.js';
import { BENCH_DIR, ROOT_DIR } from './targets.js';

/** Where a run is written. */
export interface OutputDirs {
  results: string;
  generated: string;
  /** README.md to update on full runs; null to skip. */
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

/**
 * Replaces what is between the markers; null when either marker is missing. Blank lines around the
 * content, as prettier writes markdown, so a fresh run leaves `npm run lint` clean.
 */
export function replaceReadmeBlock(readme: string, content: string): string | null {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END, start + README_START.length);
  if (start === -1 || end === -1) return null;
  return `${readme.slice(0, start + README_START.length)}\n\n${content.trim()}\n\n${readme.slice(end)}`;
}

/** The README summary: every app × scenario as "median (ratio)", one table per Node version. */
export function readmeSummary(run: Run): string {
  const ids = scenarioIds(run.results);
  const nodes = [...new Set(run.results.map((r) => r.node))];
  const tables = nodes.map((node) => {
    const apps = [...new Set(run.results.filter((r) => r.node === node).map((r) => r.app))];
    const rows = apps.map((app) => [
      app,
      ...ids.map((id) => {
        const r = run.results.find((o) => o.app === app && o.node === node && resultScenarioId(o) === id);
        if (!r) return '–';
        if (r.status === 'failed') return 'failed';
        const v = headline(r);
        return v === null ? '–' : `${Math.round(v).toLocaleString('en-US')} (${r.ratio?.toFixed(2) ?? '–'})`;
      }),
    ]);
    const title = nodes.length > 1 ? `Node ${node}\n\n` : '';
    return `${title}${markdownTable(['app', ...ids], ['l', ...ids.map(() => 'r' as const)], rows)}`;
  });
  return `_${methodLine(run)}_\n\nMedian (ratio to node-http-app). Details, latency and memory: [bench/results/latest.md](bench/results/latest.md).\n\n${tables.join('\n\n')}`;
}

/** A file name from the run's date that sorts and survives every file system. */
export function stampName(date: string): string {
  return date.replace(/[:.]/g, '-');
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

/**
 * A run the README may summarise and `bench:compare` may line up: every app in every scenario, not
 * `--quick`, not cut short. A `--apps fastify-app` run must not replace the whole repo's table.
 */
export function isFullRun(run: Run): boolean {
  const { apps, scenarios } = run.settings;
  return (
    !run.quick &&
    !run.partial &&
    APPS.every((a) => apps.includes(a.name)) &&
    BASE_SCENARIOS.every((s) => scenarios.includes(s))
  );
}

/** Validates and writes everything; returns the paths written and what was skipped. */
export async function writeOutputs(
  input: Run,
  dirs: OutputDirs,
): Promise<{ written: string[]; skipped: string[] }> {
  const run = runSchema.parse(input);
  const json = `${JSON.stringify(run, null, 2)}\n`;
  await mkdir(dirs.results, { recursive: true });
  await mkdir(dirs.generated, { recursive: true });
  const written = [await writeNew(dirs.results, stampName(run.env.date), json)];
  const out = async (file: string, text: string) => {
    await writeFile(file, text);
    written.push(file);
  };
  await out(join(dirs.results, 'latest.json'), json);
  await out(join(dirs.results, 'latest.md'), renderMarkdown(run));
  const subtitle = `${run.env.cpu}, ${run.env.cores} cores · Node ${run.env.serverNodes.join(', ')} · ${run.env.pinning} · ${run.env.date.slice(0, 10)}${run.quick ? ' · quick run' : ''}${run.partial ? ' · PARTIAL' : ''}`;
  for (const id of scenarioIds(run.results)) {
    await out(join(dirs.generated, `${id}.svg`), await renderChart(run.results, id, subtitle));
    await out(join(dirs.generated, `${id}.md`), `${scenarioSection(run, id)}\n\n_${methodLine(run)}_\n`);
  }
  const matrix = nodeMatrixPartial(run.results);
  if (matrix) {
    const caption = `Median (ratio to node-http-app on the same Node version).`;
    await out(join(dirs.generated, 'node-matrix.md'), `${matrix}\n\n${caption} _${methodLine(run)}_\n`);
  }
  const skipped: string[] = [];
  if (!isFullRun(run) || !dirs.readme) {
    const why = run.quick
      ? 'quick run'
      : run.partial
        ? 'partial run'
        : !isFullRun(run)
          ? 'not every app and scenario: --apps or --scenarios'
          : 'BENCH_README is empty';
    skipped.push(`README block not updated (${why})`);
  } else {
    const readme = await readFile(dirs.readme, 'utf8').catch(() => null);
    const next = readme === null ? null : replaceReadmeBlock(readme, readmeSummary(run));
    if (next === null)
      skipped.push(`README block not updated: ${dirs.readme} has no ${README_START} … ${README_END} markers`);
    else await out(dirs.readme, next);
  }
  return { written, skipped };
}
