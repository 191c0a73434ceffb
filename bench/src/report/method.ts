/**
 * The method lines: one per scenario table (machine, Node, pinning, the generator's ceiling, how the
 * scenario was sampled, the noise measured while it ran, the date), and one for the run.
 */
import { BASELINE, FANOUT_ENV } from '../model/defaults.js';
import { noiseText } from '../stats/noise.js';
import { CAPACITY_HOLD_S } from '../run/plan.js';
import { P95_LIMIT_MS, ROOM_SIZE } from '../load/ws-capacity.js';
import type { BlockMeasure } from '../run/cells.js';
import type { Block, Run, Settings } from '../model/schema.js';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const lifted = Object.entries(FANOUT_ENV)
  .map(([k, v]) => `${k}=${v}`)
  .join(', ');

/** "started once", or how many fresh processes per target shared the minimum rounds. */
function lifetimes(s: Settings): string {
  const lives = s.lives ?? 1;
  return lives > 1
    ? ` each started ${lives} times (a fresh process for every ${Math.ceil(s.minRounds / lives)} of the first ${s.minRounds} rounds)`
    : ' started once';
}

/** How one block was measured, for its table's method line. */
export function blockMethod(m: BlockMeasure, s: Settings, capacityCap: number): string {
  const base = m.plan.variant.base;
  if (base === 'ws-capacity') {
    return (
      `each app ramped once on a fresh process: +${int(s.capacityStep)} clients per step (rooms of ${ROOM_SIZE}) up to ${int(capacityCap)}, ` +
      `after each step broadcast waves for ${CAPACITY_HOLD_S} s (one chat.send per room at once; round trip = send → result); ` +
      `stops when the p95 round trip passes ${P95_LIMIT_MS} ms, a message is lost, a client cannot connect, or at the cap; chat fan-out caps lifted (${lifted})`
    );
  }
  const load =
    base === 'ws-echo'
      ? `${s.connections} callers in a closed loop over 25 sockets each`
      : base === 'ws-broadcast'
        ? `${s.connections} members of one room, each sending in a closed loop (≤ 18/s per socket); chat fan-out caps lifted (${lifted})`
        : `${s.connections} connections${m.plan.variant.pipelining > 1 ? `, ${m.plan.variant.pipelining} pipelined` : ', no pipelining'}`;
  const adaptive =
    s.maxRounds > s.minRounds
      ? `${s.minRounds} rounds for every target, then rounds for those still wider than ±${(s.target * 100).toFixed(0)} % until the time was up (${m.rounds} in all)`
      : `${m.rounds} rounds`;
  return (
    `${load}; ${m.cells.length} targets${lifetimes(s)}, ${s.warmupS} s warm-up each time, then ${adaptive} of ${s.sampleS} s samples, ` +
    `each round in a fresh random order with ${BASELINE} in every one; ratio = median of the per-round ratios to ${BASELINE}, ` +
    `with its 95 % order-statistic interval${(s.lives ?? 1) > 1 ? ' widened by the spread between the lifetimes' : ''}`
  );
}

function machine(run: Pick<Run, 'env' | 'generator'>): string {
  const { env, generator } = run;
  const ceiling = generator
    ? `; generator ceiling ≈ ${int(generator.ceiling)} req/s (against ${generator.target}: ${int(generator.rate)} req/s at ${pct(generator.cpu)} of its CPU)`
    : '';
  return `${env.cpu}, ${env.cores} cores, ${env.os}; servers on Node ${env.serverNodes.join(', ')}; ${env.pinning}${ceiling}`;
}

function stamp(run: Pick<Run, 'env' | 'quick' | 'partial'>): string {
  const quick = run.quick ? ' — quick run, indicative only' : '';
  return `${run.env.date.slice(0, 16).replace('T', ' ')} UTC${quick}${run.partial ? ' — PARTIAL (interrupted)' : ''}`;
}

/** The method line above one scenario's table (and in its slide partial). */
export function scenarioMethodLine(run: Run, block: Block): string {
  const noise =
    block.compareBy === 'capacity'
      ? `run's machine noise: ${run.noise.level}`
      : `noise while it ran: canary CV ${pct(block.canaryCv)}, ${BASELINE} CV ${pct(block.baselineCv)} (run: ${run.noise.level})`;
  return `Method: ${machine(run)}; ${block.method}; ${noise}; ${stamp(run)}`;
}

/** The run's own method line (README, latest.md head). */
export function methodLine(
  run: Pick<Run, 'env' | 'generator' | 'noise' | 'quick' | 'partial' | 'settings'>,
): string {
  const s = run.settings;
  return (
    `Method: ${machine(run)}; every scenario's targets${lifetimes(s)}, warmed ${s.warmupS} s each time, then sampled ${s.sampleS} s at a time in interleaved rounds ` +
    `(${s.minRounds}${s.maxRounds > s.minRounds ? `–${s.maxRounds}` : ''} per target, ${BASELINE} in every round) until each ratio's 95 % interval${(s.lives ?? 1) > 1 ? ' (widened by the spread between lifetimes)' : ''} is within ±${(s.target * 100).toFixed(0)} % or the time is up; ` +
    `${noiseText(run.noise)}; ${stamp(run)}`
  );
}
