/**
 * The generators probe as a table: per generator, each app's median server CPU and req/s, and the
 * generator's own median CPU. Written to latest-generators.md and the deck's generators.md.
 */
import { median } from '../stats/stats.js';
import { int } from './format.js';
import { markdownTable } from './table.js';
import type { GeneratorsRun, ProbeSample } from '../model/generators.js';

const pct = (x: number | null) => (x === null ? '–' : `${Math.floor(x * 100 + 1e-9)} %`);
const med = (xs: (number | null)[]): number | null => {
  const known = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  return known.length > 0 ? median(known) : null;
};

function cell(samples: readonly ProbeSample[]): string {
  const ok = samples.filter((s) => s.problems.length === 0);
  if (ok.length === 0) return samples.length === 0 ? '–' : 'failed';
  return `server ${pct(med(ok.map((s) => s.serverCpu)))}, ${int(med(ok.map((s) => s.rate)) ?? 0)} req/s`;
}

/**
 * The table: generator | app… (server CPU, req/s) | generator CPU.
 *
 * @example generatorsTable(run) // '| generator | node-http-app | … |\n| --- | … |\n| wrk 4.1.0 | server 99 %, 41,000 req/s | …'
 */
export function generatorsTable(run: GeneratorsRun): string {
  const { apps, generators } = run.settings;
  const rows = generators.map((g) => {
    const mine = run.samples.filter((s) => s.generator === g);
    return [
      g,
      ...apps.map((a) => cell(mine.filter((s) => s.app === a))),
      pct(med(mine.filter((s) => s.problems.length === 0).map((s) => s.generatorCpu))),
    ];
  });
  const align = ['l', ...apps.map(() => 'r' as const), 'r'] as ('l' | 'r')[];
  return markdownTable(['generator', ...apps, 'generator CPU'], align, rows);
}

/** The caption under the table: how it was measured, on what, when. */
export function generatorsCaption(run: GeneratorsRun): string {
  const s = run.settings;
  return (
    `_plaintext, ${s.connections} connections, ${s.rounds} interleaved rounds × ${s.seconds} s per generator and app; ` +
    `server CPU and generator CPU over the middle of each run (median), 1 core = 100 %; ` +
    `${run.env.cpu}, ${run.env.cores} cores, ${run.env.pinning}; Node ${run.env.serverNode}; ${run.env.date.slice(0, 10)}_`
  );
}

/** `generators.md` for the deck and latest-generators.md: the table, then its caption. */
export function generatorsPartial(run: GeneratorsRun): string {
  return `${generatorsTable(run)}\n\n${generatorsCaption(run)}\n`;
}
