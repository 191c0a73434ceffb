/**
 * A latency run's report: per scenario the capacity table (each app's rate at the p99 target with
 * its interval, against node:http), the per-step table, the method line; the deck's partials
 * (`latency-<scenario>.{md,takeaway.md}`; the chart is latency-chart.ts) and the README block. Every
 * number comes from the run; the titles' trust rules are in latency-title.ts.
 */
import { BASELINE } from '../model/defaults.js';
import { int, ms } from './format.js';
import { markdownTable } from './table.js';
import { shortCommit } from './method.js';
import { shortName } from './takeaway.js';
import {
  capacityBound,
  latencySubtitle,
  rateLabel,
  share,
  shownRates,
  stepMedians,
  type StepMedian,
} from './latency-steps.js';
import { latencyLines, latencyTitle, ratioText, tiesBaseline } from './latency-title.js';
import type { LatencyApp, LatencyRun, LatencyScenarioResult } from '../model/latency.js';

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
const cpu = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)} %`);

/** `≥ 16,351 (15,000–17,000) · 25 %`, `below the ladder`, `unjudged`, `failed: why`. */
export function capacityCell(app: LatencyApp, scenario: LatencyScenarioResult, withShare = true): string {
  if (app.failed !== null) return `failed: ${app.failed}`;
  const bound = capacityBound(app);
  if (bound === 'below-ladder') return 'below the ladder';
  if (app.capacity === null) return 'unjudged';
  const c = app.capacity;
  // 0 stands for a lifetime below the ladder: its rate is under the lowest step, not zero.
  const rate = (v: number) => (v === 0 && scenario.ladder[0] ? `< ${int(scenario.ladder[0].rate)}` : int(v));
  const iv = c.lo !== null && c.hi !== null ? ` (${rate(c.lo)}–${rate(c.hi)})` : '';
  const of = withShare && scenario.baseline ? ` · ${share(c.median / scenario.baseline.rps)}` : '';
  return `${bound === 'at-least' ? '≥ ' : ''}${int(c.median)}${iv}${of}`;
}

/** `0.71× (0.65–0.80)`, `tie (0.92–1.08)`, `baseline`. */
function ratioCell(app: LatencyApp): string {
  if (app.app === BASELINE) return 'baseline';
  // Below the ladder, a paired ratio is mostly 0 ÷ something: the capacity cell says it better.
  if (app.ratio === null || capacityBound(app) === 'below-ladder') return '–';
  return tiesBaseline(app.ratio)
    ? `tie ${ratioText(app.ratio).replace(/^[\d.]+× /, '')}`
    : ratioText(app.ratio);
}

/** Lifetimes missing, non-monotone searches, generator-limited steps. */
function notes(app: LatencyApp, scenario: LatencyScenarioResult, medians: readonly StepMedian[]): string {
  const out: string[] = [];
  if (app.capacity && app.capacity.missing > 0) out.push(`${app.capacity.missing} lifetime(s) missing`);
  const nonMono = app.searches.filter((s) => s.nonMonotone).length;
  if (nonMono > 0) out.push(`non-monotone in ${nonMono}`);
  const limited = medians.filter((m) => m.app === app.app).reduce((n, m) => n + m.generatorLimited, 0);
  if (limited > 0) out.push(`${limited} generator-limited step(s)`);
  const unjudged = app.searches.filter((s) => s.bound === 'unjudged').length;
  if (unjudged > 0 && app.capacity !== null) out.push(`${unjudged} unjudged`);
  return out.join('; ') || '–';
}

/** The app's median server CPU at the highest ladder rate whose steps mostly met the target. */
function cpuAtMet(app: string, medians: readonly StepMedian[]): string {
  const met = medians.filter((m) => m.app === app && m.meets * 2 > m.n).sort((a, b) => b.rate - a.rate)[0];
  return met ? `${cpu(met.serverCpu)} at ${int(met.rate)}` : '–';
}

/**
 * The median p99 at a rate, with how many lifetimes it is of when not all: an app stops climbing
 * after two saturated misses, so the lifetimes that reached a high rate are its luckier ones.
 */
const p99At = (app: string, rate: number, medians: readonly StepMedian[], lifetimes: number) => {
  const m = medians.find((x) => x.app === app && x.rate === rate);
  if (!m) return 'not driven';
  return m.n < lifetimes ? `${ms(m.p99)} (${m.n} of ${lifetimes})` : ms(m.p99);
};

/**
 * The capacity table. `compact` (the slide and README): app, capacity, × node:http, p99 at two
 * rates; the full one adds server CPU and notes.
 */
export function capacityTable(run: LatencyRun, scenario: LatencyScenarioResult, compact = false): string {
  const slo = `p99 ≤ ${run.settings.sloMs} ms`;
  if (scenario.failed !== null)
    return markdownTable(
      ['scenario', `capacity at ${slo}`],
      ['l', 'l'],
      [[scenario.what, `failed: ${scenario.failed}`]],
    );
  const medians = stepMedians(scenario);
  const rates = shownRates(scenario);
  const head = [
    'app',
    `req/s at ${slo}${compact ? '' : ' (95 % interval) · of closed loop'}`,
    '× node:http',
    ...rates.map((r) => `p99 ms at ${compact ? int(r.rate) : rateLabel(r)}`),
    ...(compact ? [] : ['server CPU at highest met', 'notes']),
  ];
  const rows = scenario.apps.map((a) => [
    shortName(a.app),
    capacityCell(a, scenario, !compact),
    ratioCell(a),
    ...rates.map((r) => p99At(a.app, r.rate, medians, run.settings.lifetimes)),
    ...(compact ? [] : [cpuAtMet(a.app, medians), notes(a, scenario, medians)]),
  ]);
  const align = head.map((_, i) => (i === 0 || i === head.length - 1 ? 'l' : 'r')) as ('l' | 'r')[];
  if (compact) align[align.length - 1] = 'r';
  return markdownTable(head, align, rows);
}

/** Every ladder step, reduced over lifetimes: what the chart draws, in numbers. */
export function stepTable(scenario: LatencyScenarioResult): string {
  const verdicts = (m: StepMedian) =>
    [
      m.meets ? `${m.meets} meets` : '',
      m.misses ? `${m.misses} misses` : '',
      m.generatorLimited ? `${m.generatorLimited} generator-limited` : '',
    ]
      .filter(Boolean)
      .join(', ');
  const rows = stepMedians(scenario).map((m) => [
    rateLabel(m),
    shortName(m.app),
    int(m.achieved),
    ms(m.p50),
    ms(m.p99),
    ms(m.p999),
    ms(m.uncorrectedP99),
    cpu(m.serverCpu),
    cpu(m.generatorBusy),
    `${verdicts(m)} of ${m.n}`,
  ]);
  const head = [
    'offered',
    'app',
    'achieved req/s',
    'p50 ms',
    'p99 ms',
    'p99.9 ms',
    'uncorrected p99',
    'server CPU',
    'generator busy',
    'verdicts',
  ];
  return markdownTable(
    head,
    head.map((_, i) => (i < 2 || i === 9 ? 'l' : 'r')),
    rows,
  );
}

/** The method, once for the report: ladder, steps, lifetimes, generator, baseline, database, noise. */
export function latencyMethod(run: LatencyRun): string {
  const s = run.settings;
  const ladders = run.scenarios
    .filter((sc) => sc.baseline)
    .map(
      (sc) =>
        `${sc.scenario} ${sc.ladder.map((l) => share(l.fraction)).join(', ')}: ${sc.ladder.map((l) => int(l.rate)).join(', ')} req/s (baseline ${int(sc.baseline!.rps)} req/s, server CPU ${cpu(sc.baseline!.serverCpu)})`,
    )
    .join('; ');
  const commit = shortCommit(run.env);
  return (
    `_Open loop: requests sent on a fixed schedule (${s.connections} connections) by a generator child process (Node ${run.env.generatorNode}) pinned on the load CPU; ` +
    `latency measured from each request's scheduled send, so a stalled server is charged for the requests it delayed (coordinated omission corrected). ` +
    `Ladder, as shares of node:http's closed-loop rate under ${run.env.baselineGenerator}: ${ladders}. ` +
    `Steps of ${s.stepMs} ms after ${s.warmupMs} ms unmeasured, each app warmed ${s.warmS} s, ${plural(s.lifetimes, 'lifetime')}, ≤ ${plural(s.bisections, 'bisection probe')} per app and lifetime; target p99 ≤ ${s.sloMs} ms. ` +
    `${run.env.cpu}, ${run.env.cores} cores, ${run.env.pinning}; Node ${run.env.serverNode}` +
    `${run.env.postgres ? `; ${run.env.postgres} for /queries` : ''}; ${commit ? `commit ${commit}; ` : ''}` +
    `noise: ${run.noise.level}${run.noise.canaryCv === null ? '' : ` (canary CV ${share(run.noise.canaryCv)})`}; ${run.env.date.slice(0, 16).replace('T', ' ')} UTC_`
  );
}

/** What kind of run this is, for headings: a quick or partial run marks itself. */
export const runMark = (run: LatencyRun) =>
  [run.quick ? 'quick run' : '', run.partial ? 'partial run' : ''].filter(Boolean).join(', ');

/** The whole report (latest-latency.md). */
export function latencyMarkdown(run: LatencyRun): string {
  const mark = runMark(run);
  const parts = [
    `# Latency at a target: p99 ≤ ${run.settings.sloMs} ms${mark ? ` (${mark})` : ''}`,
    latencyMethod(run),
  ];
  for (const sc of run.scenarios) {
    parts.push(
      `## ${sc.scenario} — \`${sc.what}\``,
      `**${latencyTitle(run, sc)}**`,
      ...latencyLines(run, sc),
    );
    parts.push(capacityTable(run, sc));
    if (sc.failed === null && sc.steps.length > 0)
      parts.push('### Every ladder step (median over lifetimes)', stepTable(sc));
  }
  if (run.warnings.length > 0) parts.push('## Warnings', run.warnings.map((w) => `- ${w}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}

/** `latency-<scenario>.md`: the compact table and one caption line (the slide's appendix table too). */
export function latencyPartial(run: LatencyRun, scenario: LatencyScenarioResult): string {
  const over =
    run.settings.lifetimes === 1
      ? 'one lifetime, no interval'
      : `median over ${run.settings.lifetimes} lifetimes (95 % interval)`;
  const caption = `_req/s: ${over}; ≥: never missed on the ladder; p99: corrected, ms · ${latencySubtitle(run)} · method: bench/results/latest-latency.md_`;
  return `${capacityTable(run, scenario, true)}\n\n${caption}\n`;
}

/** `latency-<scenario>.takeaway.md`: the title, then the lines (the noisy mark is added by markTakeaway). */
export function latencyTakeaway(run: LatencyRun, scenario: LatencyScenarioResult): string {
  const lines = [
    ...latencyLines(run, scenario),
    `_${latencySubtitle(run)} · method: bench/results/latest-latency.md_`,
  ];
  return `${latencyTitle(run, scenario)}\n\n${lines.join('\n\n')}\n`;
}

/** The README block: one compact table per scenario and its chart's link; a sentence when there is no run. */
export function latencyReadmeBlock(run: LatencyRun | null): string {
  if (run === null) return '_No latency run committed yet._';
  const parts = [latencyMethod(run)];
  for (const sc of run.scenarios) {
    parts.push(
      `**${sc.scenario}**: ${latencyTitle(run, sc)}${run.noise.level === 'noisy' ? ' (noisy run)' : ''}`,
    );
    parts.push(capacityTable(run, sc, true));
    if (sc.failed === null)
      parts.push(
        `![${sc.scenario}: p99 latency against offered rate, one line per app](slides/generated/latency-${sc.scenario}.svg)`,
      );
  }
  return parts.join('\n\n');
}
