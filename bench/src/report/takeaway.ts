/**
 * The takeaway of a results slide, written from the data so the speaker never types a number: its
 * title (which apps tie with node:http within their intervals, which are clearly above or below,
 * and the fastest, closest or slowest when one is clear of the others; ws-capacity ranks none), and the two or three short lines under the chart. The full table goes to the
 * deck's appendix (`<scenario>.md`); this is `<scenario>.takeaway.md`: the title on its first line.
 */
import { BASELINE } from '../model/defaults.js';
import { blockResults, boundTag, int, notServerBound, sortRows } from './format.js';
import { SCENARIO_INFO, type BaseScenario } from '../model/scenario-list.js';
import { slideMethod } from './slide.js';
import type { Block, Interval, Result, Run } from '../model/schema.js';
import { rankRanges } from '../stats/ties.js';
import { boundLabel } from '../stats/server-bound.js';
import { comparison } from '../model/result-fields.js';

/** `express-app` → `express`, `node-http-app` → `node:http`: the names the talk uses. */
export function shortName(app: string): string {
  return app === BASELINE ? 'node:http' : app.replace(/-app$/, '');
}

/** `a`, `a and b`, `a, b and c`. */
export function list(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const times = (x: number) => `${x.toFixed(2)}×`;

/** `87–90 %` from CPU shares (1 = a core); `–` when none was read. */
function percentRange(shares: readonly (number | null | undefined)[]): string {
  const known = shares.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (known.length === 0) return '–';
  const [lo, hi] = [Math.min(...known), Math.max(...known)].map((x) => Math.round(x * 100));
  return lo === hi ? `${lo} %` : `${lo}–${hi} %`;
}

export interface Rated {
  name: string;
  i: Interval;
}

/** `0.60×` for one median or a group whose medians round alike, else the range `0.60–0.61×`. */
function at(group: readonly Rated[]): string {
  const [lo, hi] = [Math.min(...group.map((x) => x.i.median)), Math.max(...group.map((x) => x.i.median))];
  return lo.toFixed(2) === hi.toFixed(2) ? times(lo) : `${lo.toFixed(2)}–${times(hi)}`;
}

/** A ratio as the tables and charts print it. */
const shown = (v: number) => Number(v.toFixed(2));

/** A group's names in alphabetical order: a tie has no order, so its list must not suggest one. */
export const names = (group: readonly Rated[]) => list(group.map((x) => x.name).sort());

/**
 * One app, or a group that ties for a place: `koa slowest at 0.60×`, `express and koa tie for
 * slowest at 0.60–0.61×`.
 */
function place(group: readonly Rated[], what: string): string {
  return group.length === 1
    ? `${group[0]!.name} ${what} at ${times(group[0]!.i.median)}`
    : `${names(group)} tie for ${what} at ${at(group)}`;
}

/**
 * What a rate scenario's slide says: ties with the baseline, the apps clearly above or below it,
 * and the fastest, closest or slowest. A title names one app for a place only when its interval
 * lies wholly above (or below) every other row of the slide, as the table's rank ranges do
 * (`rankRanges`: touching intervals tie); otherwise it names the group that could take the place.
 */
export function rateTitle(rows: readonly Result[], block: Pick<Block, 'compareBy'>): string {
  const rated: Rated[] = rows
    .filter((r) => r.app !== BASELINE && r.status !== 'failed')
    .map((r) => ({ name: shortName(r.app), i: comparison(r, block.compareBy) }))
    .filter((x): x is Rated => x.i !== null);
  if (rated.length === 0) return 'no app was measured';
  // With no interval (a quick run) nothing can be called a tie, a lead or the slowest: medians only.
  if (!rated.every((x) => x.i.lo !== null && x.i.hi !== null)) {
    const byMedian = [...rated].sort((a, b) => b.i.median - a.i.median);
    return `medians only, no intervals: ${byMedian.map((x) => `${x.name} ${times(x.i.median)}`).join(', ')}`;
  }
  const lo = (x: Rated) => x.i.lo!;
  const hi = (x: Rated) => x.i.hi!;
  // node:http's own row is exactly 1.00, so ranking the apps among themselves gives the same first
  // and last candidates as ranking them with it, whenever a first or last place is named below.
  const ranks = rankRanges(rated.map((x) => x.i));
  const first = rated.filter((_, k) => ranks[k]!.best === 1);
  const last = rated.filter((_, k) => ranks[k]!.worst === rated.length);
  // Against node:http as the interval is printed (two decimals): a row shown as `0.93 (0.86–1.00)`
  // reaches 1.00 on the slide, so the title calls it a tie, not "below", whatever the third decimal.
  const tie = rated.filter((x) => shown(lo(x)) <= 1 && shown(hi(x)) >= 1);
  const above = rated.filter((x) => shown(lo(x)) > 1);
  const below = rated.filter((x) => shown(hi(x)) < 1);
  const parts: string[] = [];
  if (tie.length === rated.length) parts.push(`all ${rated.length} tie with node:http`);
  else if (tie.length > 0) parts.push(`${names(tie)} tie${tie.length === 1 ? 's' : ''} with node:http`);
  if (above.length === 1) parts.push(`${above[0]!.name} ${times(above[0]!.i.median)} above node:http`);
  if (above.length > 1) {
    parts.push(`${names(above)} above node:http at ${at(above)}`);
    if (first.length === 1) parts.push(place(first, 'fastest'));
  }
  if (below.length === rated.length && rated.length > 1) {
    // Every app below node:http: the closest and the slowest, or all of them in one tie.
    if (first.length === rated.length) return `all below node:http, ${names(rated)} tie at ${at(rated)}`;
    parts.push(`all below node:http, ${place(first, 'closest')}`);
  }
  if (below.length > 0) {
    // The slowest only when it (or its tie group) is below node:http: a group that reaches up to
    // apps tying with node:http is no "slowest", just below it.
    if (last.every((x) => below.includes(x))) parts.push(place(last, 'slowest'));
    else parts.push(`${names(below)} below node:http at ${at(below)}`);
  }
  return parts.join('; ');
}

/**
 * ws-capacity: how many clients they all held. Each app is ramped once, so a p95 or a count has no
 * interval and no app is named best or worst (the tables rank none); the chart shows every curve.
 */
function capacityTitle(rows: readonly Result[]): string {
  const held = rows.filter((r) => r.capacity && r.status !== 'failed');
  if (held.length === 0) return 'no app was measured';
  const least = Math.min(...held.map((r) => r.capacity!.held));
  const capped = held.every((r) => r.capacity!.capped);
  const count = `${capped ? 'all ' : ''}${held.length} held ≥ ${int(least)} clients${capped ? ' (the cap)' : ''}`;
  return `${count}; one ramp per app, no interval: not ranked`;
}

/** The slide title: `<scenario>: <takeaway>`, per server CPU-second where that is what ranks. */
export function takeawayTitle(run: Run, block: Block): string {
  const rows = blockResults(run, block).filter((r) => r.kind === 'app');
  const what = block.compareBy === 'cpuRatio' ? ' (per CPU-second)' : '';
  const text = block.compareBy === 'capacity' ? capacityTitle(rows) : rateTitle(rows, block);
  return `${block.scenario}${what}: ${text}`;
}

/**
 * The headline takeaway for the README to quote, generated rather than typed: the plaintext slide's
 * title (the first line of `plaintext.takeaway.md`) for the run's first plaintext block; null
 * without one.
 *
 * @example headlineTakeaway(run) // 'plaintext: fastify, hono and tcp tie with node:http; express and koa below node:http at 0.53×'
 */
export function headlineTakeaway(run: Run): string | null {
  const block = run.blocks.find((b) => b.scenario === 'plaintext');
  return block ? takeawayTitle(run, block) : null;
}

/** The lines under the chart: what the chart shows, each warning in a few words, the method. */
export function takeawayLines(run: Run, block: Block): string[] {
  const rows = sortRows(
    blockResults(run, block).filter((r) => r.kind === 'app'),
    block.compareBy,
  );
  const info = SCENARIO_INFO[block.scenario.replace(/-p\d+$/, '') as BaseScenario];
  const shows =
    block.compareBy === 'capacity'
      ? 'p95 broadcast round trip at each step of the ramp'
      : `${block.compareBy === 'cpuRatio' ? `${info.unit} per server CPU-second` : info.unit} as a ratio to node:http: dot = median, bar = 95 % interval`;
  const lines = [`\`${info.what}\` — ${shows}; full table in the appendix`];
  const unbound = rows.filter(notServerBound);
  // The server's share only: a database cell's generator-core label would repeat per app, and the
  // caption has to fit under the chart (the appendix table carries both labels in full).
  const bound = unbound.map(
    (r) => `${shortName(r.app)} ${boundLabel(r.serverCpu ?? NaN, r.loadgenCpu ?? NaN)}`,
  );
  const coreFull = rows.filter((r) => r.generatorCoreFull && r.status !== 'failed');
  const held = coreFull.length > 0 ? '; the generator and PostgreSQL filled their core' : '';
  // When no app filled its core, one range says it in a line a room can read; else name each.
  const measured = rows.filter((r) => r.status !== 'failed');
  if (unbound.length > 1 && unbound.length === measured.length)
    lines.push(
      `⚠ no server was server-bound (server ${percentRange(unbound.map((r) => r.serverCpu))}, generator ${percentRange(unbound.map((r) => r.loadgenCpu))})${held}: a rate the server did not set is not its capacity, so this ranks per server CPU-second`,
    );
  else if (bound.length > 0)
    lines.push(
      `⚠ ${list(bound)}${held}: a rate the server did not set is not its capacity, so this ranks per server CPU-second`,
    );
  else if (coreFull.length > 0)
    lines.push(
      `⚠ ${list(coreFull.map((r) => `${shortName(r.app)} ${boundTag(r)}`))}: the load may have been held back on that core, so this ranks per server CPU-second`,
    );
  else if (block.warnings.some((w) => w.startsWith('senders at their pacing ceiling')))
    lines.push('⚠ the senders set the rate (pacing ceiling): ranked per server CPU-second');
  else if (block.compareBy === 'cpuRatio')
    // Only a reference server (not on the chart) fell short of its core; the table names it.
    lines.push('⚠ a server was not server-bound (see the table): ranked per server CPU-second');
  const failed = rows.filter((r) => r.status === 'failed').map((r) => shortName(r.app));
  if (failed.length > 0) lines.push(`${list(failed)} failed validation: see the appendix`);
  lines.push(`_${slideMethod(run, block)}_`);
  return lines;
}

/** `<scenario>.takeaway.md`: the title, then the lines. */
export function takeawayPartial(run: Run, block: Block): string {
  return `${takeawayTitle(run, block)}\n\n${takeawayLines(run, block).join('\n\n')}\n`;
}
