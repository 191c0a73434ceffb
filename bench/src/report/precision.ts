/**
 * How precise a run came out, in one line for its report: how many app ratios (the baseline left
 * out, reference servers apart) ended within the run's interval target and within ±5 %. The count
 * is what a reader needs before trusting a table, and what the precision decision in
 * model/defaults.ts (nine rounds) was made on, so the bench prints it rather than a person counting.
 */
import { BASELINE } from '../model/defaults.js';
import { comparison } from '../model/result-fields.js';
import { SCENARIO_INFO, type BaseScenario } from '../model/scenario-list.js';
import { halfWidth } from '../stats/pairing.js';
import { blockResults } from './format.js';
import type { Run } from '../model/schema.js';

/** The ±5 % the method once aimed at, counted beside the target for comparison. */
const NARROW = 0.05;

/** How many app ratios were counted, and how many ended within the target and within ±5 %. */
export interface PrecisionCount {
  n: number;
  target: number;
  narrow: number;
}

/** The counts behind the precision line, HTTP and WebSocket apart. */
export function precisionCounts(run: Run): { http: PrecisionCount; ws: PrecisionCount } {
  const counts = { http: { n: 0, target: 0, narrow: 0 }, ws: { n: 0, target: 0, narrow: 0 } };
  for (const block of run.blocks) {
    const base = block.scenario.replace(/-p\d+$/, '') as BaseScenario;
    const kind = SCENARIO_INFO[base].kind;
    for (const r of blockResults(run, block)) {
      if (r.kind !== 'app' || r.app === BASELINE || r.status !== 'ok') continue;
      const w = halfWidth(comparison(r, block.compareBy));
      if (w === null) continue;
      const c = counts[kind];
      c.n += 1;
      if (w <= run.settings.target) c.target += 1;
      if (w <= NARROW) c.narrow += 1;
    }
  }
  return counts;
}

/**
 * "Precision: 15 of 17 HTTP app ratios within the ±10 % target (4 of 17 within ±5 %); WebSocket 5 of 8 (2 of 8)";
 * null when the run has no interval at all (a quick run).
 */
export function precisionLine(run: Run): string | null {
  const counts = precisionCounts(run);
  const pct = (f: number) => `±${(f * 100).toFixed(0)} %`;
  const part = (c: PrecisionCount) => `${c.target} of ${c.n} (${c.narrow} of ${c.n} within ${pct(NARROW)})`;
  const parts = [
    counts.http.n > 0 ? `HTTP app ratios ${part(counts.http)}` : null,
    counts.ws.n > 0 ? `WebSocket app ratios ${part(counts.ws)}` : null,
  ].filter((p) => p !== null);
  if (parts.length === 0) return null;
  return `Precision: within the ${pct(run.settings.target)} target, ${parts.join('; ')}; the baseline and reference servers not counted.`;
}
