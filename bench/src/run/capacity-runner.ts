/**
 * ws-capacity: a ramp to a ceiling, not a rate to average, so each app is ramped once (order
 * shuffled) on a fresh process, which is stopped right after: tens of thousands of sockets leave a
 * heap behind that would slow whatever came next.
 */
import { CAPACITY_HOLD_S } from './plan.js';
import { shuffle } from './schedule.js';
import { runLoad, toSample } from './sample.js';
import { cellsOf, prepare, tearDown, type RunContext } from './cells.js';
import type { BlockMeasure, BlockPlan } from '../model/measure.js';

/** Ramps every target of the block once. */
export async function runCapacityBlock(block: BlockPlan, ctx: RunContext): Promise<BlockMeasure> {
  const started = performance.now();
  const cells = cellsOf(block);
  for (const cell of shuffle(cells)) {
    if (ctx.signal.aborted) break;
    ctx.progress.phase(`ws-capacity: ${cell.target.app}`);
    const live = await prepare(cell, ctx);
    if (!live) {
      ctx.progress.log(`FAILED ${cell.target.app} ws-capacity: ${cell.failed}`);
      continue;
    }
    try {
      const m = await runLoad(cell, live, ctx, CAPACITY_HOLD_S, 1);
      if (m) {
        cell.samples.push({ ...toSample(m, 1, CAPACITY_HOLD_S), perCpuSecond: null });
        cell.capacity = m.outcome.capacity;
        const steps = m.outcome.capacity?.steps ?? [];
        ctx.progress.log(
          `ws-capacity ${cell.target.app} (Node ${block.node.version}): held ${m.outcome.value} clients; p95 by step ${steps
            .map((s) => `${s.clients}: ${s.p95?.toFixed(0) ?? '–'} ms`)
            .join(', ')}; stopped: ${m.outcome.capacity?.stop ?? '?'}`,
        );
      } else if (cell.failed) ctx.progress.log(`FAILED ${cell.target.app} ws-capacity: ${cell.failed}`);
    } finally {
      await tearDown([live]);
    }
  }
  return { plan: block, cells, canaryMs: [], rounds: 1, seconds: (performance.now() - started) / 1000 };
}
