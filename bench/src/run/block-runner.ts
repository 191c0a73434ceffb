/**
 * One rate scenario on one Node version: every target started and validated, each warmed up, then
 * rounds of short samples in a fresh random order per round, the baseline in every round. The
 * minimum rounds are split between `lives` process lifetimes: every target is restarted and warmed
 * again between them, so the variation between processes shows inside the run.
 * After the minimum rounds, rounds continue for the targets whose interval is still too wide, until
 * all meet the target, the maximum is reached or the block's time is spent.
 */
import { BASELINE, GENERATOR_LIMIT } from '../model/defaults.js';
import { comparisonOf, lifeOf, meets, pairedInterval } from '../stats/pairing.js';
import { roundSeconds } from './plan.js';
import { roundOrder, roundFits, shuffle } from './schedule.js';
import { runLoad, toSample } from './sample.js';
import { scenarioId } from '../model/scenario-list.js';
import { driverFor } from '../load/scenarios.js';
import { cellsOf, prepare, tearDown, type Live, type RunContext } from './cells.js';
import type { Run } from '../model/schema.js';
import type { BlockMeasure, BlockPlan, Cell } from '../model/measure.js';

/** The cells whose comparison interval (or plaintext overhead) is still wider than the target. */
export function wideCells(cells: readonly Cell[], target: number): Set<Cell> {
  const wide = new Set<Cell>();
  const base = cells.find((c) => c.target.app === BASELINE && !c.failed);
  if (!base) return wide; // no ratio can narrow without its baseline
  const metric = comparisonOf(cells.filter((c) => !c.failed)) === 'cpuRatio' ? 'perCpuSecond' : 'value';
  for (const cell of cells) {
    if (cell.failed) continue;
    if (cell !== base && !meets(pairedInterval(cell.samples, base.samples, metric), target)) wide.add(cell);
    const ref =
      cell.target.reference && cells.find((c) => c.target.app === cell.target.reference && !c.failed);
    if (
      ref &&
      cell.variant.base === 'plaintext' &&
      !meets(pairedInterval(cell.samples, ref.samples, 'value'), target)
    ) {
      wide.add(cell);
      wide.add(ref);
    }
  }
  return wide;
}

/** The round's progress line: how many samples, and which intervals are still too wide. */
function roundLine(
  block: BlockPlan,
  round: number,
  visited: number,
  cells: readonly Cell[],
  target: number,
): string {
  const wide = [...wideCells(cells, target)].map((c) => c.target.app);
  const base = cells.find((c) => c.target.app === BASELINE)?.samples.find((s) => s.round === round);
  const rate = base ? `, ${BASELINE} ${Math.round(base.value).toLocaleString('en-US')}/s` : '';
  const state =
    wide.length === 0 ? 'every interval within target' : `wider than ±${target * 100} %: ${wide.join(', ')}`;
  return `${scenarioId(block.variant)} r${round} (Node ${block.node.version}, ${visited} samples${rate}): ${state}`;
}

/**
 * Runs the block; `probe` measures the generator's ceiling against the fastest target once warm.
 * Servers are stopped whatever happens.
 */
export async function runRateBlock(
  block: BlockPlan,
  ctx: RunContext,
  probe: boolean,
): Promise<{ measure: BlockMeasure; generator: Run['generator'] }> {
  const { settings, progress } = ctx;
  const lives = settings.lives ?? 1;
  const started = performance.now();
  const cells = cellsOf(block);
  const live = new Map<Cell, Live>();
  const measure: BlockMeasure = {
    plan: block,
    cells,
    canaryMs: [],
    rounds: 0,
    seconds: 0,
    generator: driverFor(block.variant, ctx.http).generator,
  };
  let generator: Run['generator'] = null;
  const drop = async (cell: Cell) => {
    const l = live.get(cell);
    live.delete(cell);
    if (l) await tearDown([l]);
    if (cell.failed) progress.log(`FAILED ${cell.target.app} ${scenarioId(cell.variant)}: ${cell.failed}`);
  };
  try {
    // Starts (or restarts) every target that has not failed, then warms each in a random order.
    const startLife = async (life: number) => {
      const label = `${scenarioId(block.variant)}${lives > 1 ? ` (process lifetime ${life} of ${lives})` : ''}`;
      await tearDown(live.values());
      live.clear();
      progress.phase(`${label}: starting ${cells.filter((c) => !c.failed).length} targets`);
      for (const cell of cells) {
        if (ctx.signal.aborted || cell.failed) continue;
        const l = await prepare(cell, ctx);
        if (l) live.set(cell, l);
        else await drop(cell);
      }
      progress.phase(`${label}: warm-up`);
      for (const cell of shuffle([...live.keys()])) {
        if (ctx.signal.aborted || settings.warmupS <= 0) break;
        const m = await runLoad(cell, live.get(cell)!, ctx, settings.warmupS);
        if (!m) await drop(cell);
        else cell.warmRate = m.outcome.value;
      }
    };
    let life = 1;
    await startLife(life);
    const fastest = [...live.keys()].sort((a, b) => (b.warmRate ?? 0) - (a.warmRate ?? 0))[0];
    if (probe && fastest?.warmRate && !ctx.signal.aborted) {
      const m = await runLoad(fastest, live.get(fastest)!, ctx, settings.sampleS);
      if (m && m.outcome.problems.length === 0 && m.loadgenCpu > 0) {
        const rate = m.outcome.value;
        const ceiling = m.loadgenCpu >= GENERATOR_LIMIT ? rate : rate / m.loadgenCpu;
        generator = { target: fastest.target.app, rate, cpu: m.loadgenCpu, ceiling };
      }
    }
    for (let round = 1; !ctx.signal.aborted; round++) {
      if (lifeOf(round, settings.minRounds, lives) > life) await startLife(++life);
      const cellsLive = [...live.keys()];
      const baseline = cellsLive.find((c) => c.target.app === BASELINE);
      const wide = round > settings.minRounds ? wideCells(cells, settings.target) : new Set<Cell>();
      const order = roundOrder(round, cellsLive, baseline, wide, settings.minRounds);
      const nowS = (performance.now() - ctx.runStart) / 1000;
      const cost = roundSeconds(block.variant, settings, order.length);
      if (
        order.length === 0 ||
        !roundFits(round, settings.minRounds, settings.maxRounds, nowS, cost, block.endsAtS)
      )
        break;
      progress.phase(`${scenarioId(block.variant)} r${round}`);
      const ms = await ctx.canary?.run();
      if (ms != null) measure.canaryMs.push(ms);
      for (const cell of order) {
        if (ctx.signal.aborted) break;
        const l = live.get(cell);
        if (!l) continue;
        const m = await runLoad(cell, l, ctx, settings.sampleS, round);
        if (m) cell.samples.push({ ...toSample(m, round, settings.sampleS), ...(lives > 1 && { life }) });
        else if (cell.failed) await drop(cell);
      }
      if (ctx.signal.aborted) break;
      measure.rounds = round;
      progress.log(roundLine(block, round, order.length, cells, settings.target));
    }
  } finally {
    await tearDown(live.values());
    measure.seconds = (performance.now() - started) / 1000;
  }
  return { measure, generator };
}
