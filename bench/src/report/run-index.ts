/**
 * The log of every committed run (`bench/results/runs.md`): when, what kind, which commit, how noisy,
 * how precise, and which run each slide kind shows now. The promotion rule keeps noisy runs off the
 * deck; this page keeps them in view, so a reader counts the attempts behind a headline from the
 * files themselves instead of from prose that lists them by hand.
 */
import { shortCommit } from './method.js';
import { precisionCounts, type PrecisionCount } from './precision.js';
import type { LatencyRun } from '../model/latency.js';
import type { Run } from '../model/schema.js';

/** One results file, as the index shows it; null where the kind or the file's schema has no such figure. */
export interface IndexEntry {
  file: string;
  date: string;
  kind: string;
  commit: string | null;
  wallS: number | null;
  canaryCv: number | null;
  baselineCv: number | null;
  level: string | null;
  /** Tables with † on most rows (a noisy run's reason beside its CVs). */
  wide: readonly string[] | null;
  http: PrecisionCount | null;
  target: number | null;
  /** It feeds the deck now (it is its kind's `latest*.json`). */
  shown: boolean;
}

/** A closed-loop run (full, matrix, runtimes, quick, subset). */
export function runEntry(file: string, run: Run, shown: boolean): IndexEntry {
  const { http } = precisionCounts(run);
  return {
    file,
    date: run.env.date,
    kind: run.kind,
    commit: shortCommit(run.env),
    wallS: run.wallS,
    canaryCv: run.noise.canaryCv,
    baselineCv: run.noise.baselineCv,
    level: run.noise.level,
    wide: run.noise.wide ?? null,
    http: http.n > 0 ? http : null,
    target: http.n > 0 ? run.settings.target : null,
    shown,
  };
}

/** An open-loop latency run: its canary is its only noise figure; it has capacities, not ratios. */
export function latencyEntry(file: string, run: LatencyRun, shown: boolean): IndexEntry {
  return {
    file,
    date: run.env.date,
    kind: run.quick ? 'latency --quick' : 'latency',
    commit: shortCommit(run.env),
    wallS: run.wallS,
    canaryCv: run.noise.canaryCv,
    baselineCv: null,
    level: run.noise.level,
    wide: null,
    http: null,
    target: null,
    shown,
  };
}

/** A file this index can place but not read figures from: a generator probe, or an older schema. */
export function bareEntry(
  file: string,
  kind: string,
  date: string,
  commit: string | null,
  shown = false,
): IndexEntry {
  return {
    file,
    date,
    kind,
    commit,
    wallS: null,
    canaryCv: null,
    baselineCv: null,
    level: null,
    wide: null,
    http: null,
    target: null,
    shown,
  };
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const wall = (s: number | null) =>
  s === null ? '–' : `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;

function row(e: IndexEntry): string {
  const precision =
    e.http && e.target !== null
      ? `${e.http.target} of ${e.http.n} within ±${Math.round(e.target * 100)} %`
      : '–';
  const wide = e.wide === null ? '–' : e.wide.length === 0 ? 'none' : e.wide.join(', ');
  const cells = [
    `[${e.date.slice(0, 16).replace('T', ' ')}](${e.file})`,
    e.kind,
    e.commit ?? '–',
    wall(e.wallS),
    pct(e.canaryCv),
    pct(e.baselineCv),
    e.level ?? '–',
    wide,
    precision,
    e.shown ? '**on the deck**' : '',
  ];
  return `| ${cells.join(' | ')} |`;
}

/** The kinds in the order a reader looks for them: what feeds the deck first. */
const KIND_ORDER = [
  'full',
  'matrix',
  'runtimes',
  'latency',
  'latency --quick',
  'quick',
  'subset',
  'generators',
];

/** How many runs of each kind, how many quiet, and how many full runs since the last quiet one. */
export function indexSummary(entries: readonly IndexEntry[]): string[] {
  const order = (k: string) => {
    const i = KIND_ORDER.indexOf(k);
    return i === -1 ? KIND_ORDER.length : i;
  };
  const kinds = [...new Set(entries.map((e) => e.kind))].sort(
    (a, b) => order(a) - order(b) || a.localeCompare(b),
  );
  const counts = kinds.map((k) => {
    const of = entries.filter((e) => e.kind === k);
    const quiet = of.filter((e) => e.level === 'quiet').length;
    return `${k} ${of.length} (${quiet} quiet)`;
  });
  const full = entries.filter((e) => e.kind === 'full').sort((a, b) => a.date.localeCompare(b.date));
  const lastQuiet = full.filter((e) => e.level === 'quiet').at(-1);
  const since = lastQuiet ? full.filter((e) => e.date > lastQuiet.date) : full;
  const streak = lastQuiet
    ? `Full runs since the last quiet one ([${lastQuiet.file}](${lastQuiet.file}), commit ${lastQuiet.commit ?? '–'}): ${since.length}, none quiet.`
    : `No full run so far was quiet (${full.length} in all).`;
  return [`Runs by kind: ${counts.join(', ')}.`, ...(full.length > 0 ? [streak] : [])];
}

/** The whole page, newest run first. */
export function runIndexMarkdown(entries: readonly IndexEntry[]): string {
  const sorted = [...entries].sort((a, b) => b.date.localeCompare(a.date) || b.file.localeCompare(a.file));
  return [
    '# Every committed run',
    '',
    'Written by the bench after every run (and by `npm run bench:render`) from the timestamped JSON files in this',
    'folder: nothing here is typed by hand. A run is **quiet** when its canary CV ≤ 5 %, its baseline CV ≤ 10 % and',
    'no table has † on most of its rows; "on the deck" marks the run each kind of slide shows now, chosen by the',
    'one promotion rule ([bench/README.md](../README.md), "Which run the projector shows"). Noisy runs stay here',
    'so that the attempts behind a headline can be counted. Precision: how many HTTP app ratios (baseline and',
    "reference servers not counted) ended within the run's interval target. Noise is as each run recorded it:",
    'runs from before the † rule have no such column, files from before schema 2 no figures at all.',
    '',
    ...indexSummary(sorted),
    '',
    '| run (UTC) | kind | commit | wall | canary CV | baseline CV | noise | tables with † on most rows | precision | |',
    '| --- | --- | --- | --: | --: | --: | --- | --- | --- | --- |',
    ...sorted.map(row),
    '',
  ].join('\n');
}
