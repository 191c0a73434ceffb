/**
 * The measurement loop over a plan's blocks: the canary is started once on the server core, then
 * each block runs with fresh processes (rate blocks interleaved, ws-capacity ramped). Failures are
 * recorded and the run goes on; Ctrl-C ends it with what was measured.
 */
import { runCapacityBlock } from './capacity-runner.js';
import { runRateBlock } from './block-runner.js';
import { startCanary } from './canary.js';
import { SCENARIO_INFO } from '../model/scenario-list.js';
import type { RunContext } from './cells.js';
import type { Run } from '../model/schema.js';
import type { BlockMeasure, Measurements, Plan } from '../model/measure.js';

/** Runs every block of the plan; resolves with what was measured (partial when aborted). */
export async function runPlan(plan: Plan, ctx: Omit<RunContext, 'canary'>): Promise<Measurements> {
  const canary = await startCanary(ctx.serverPrefix);
  if (!canary) ctx.progress.log('⚠ the canary could not start: the run will not report the machine noise');
  const full: RunContext = { ...ctx, canary };
  const blocks: BlockMeasure[] = [];
  let generator: Run['generator'] = null;
  try {
    for (const block of plan.blocks) {
      if (ctx.signal.aborted) break;
      if (block.variant.base === 'ws-capacity') {
        blocks.push(await runCapacityBlock(block, full));
        continue;
      }
      const probe = generator === null && SCENARIO_INFO[block.variant.base].kind === 'http';
      const out = await runRateBlock(block, full, probe);
      blocks.push(out.measure);
      generator ??= out.generator;
    }
  } finally {
    canary?.stop();
  }
  return { blocks, generator };
}
