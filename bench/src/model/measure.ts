/**
 * What the run stage measures and hands to statistics: the plan of each block, every target's samples
 * in it, and the run's measurements.
 */
import type { LoadOutcome } from './load-types.js';
import type { ScenarioVariant } from './scenario-list.js';
import type { Run, Sample } from './schema.js';
import type { NodeBinary, Target } from './target.js';

/** One scenario on one Node version. */
export interface BlockPlan {
  variant: ScenarioVariant;
  node: NodeBinary;
  targets: Target[];
  /** Starts, set-up, warm-ups and the minimum rounds (capacity: every ramp). */
  fixedS: number;
  /** Seconds of extra rounds this block may take, for cells whose interval is still too wide. */
  extraS: number;
  /** Seconds from the run's start by which this block should be done (cumulative). */
  endsAtS: number;
}

export interface Plan {
  blocks: BlockPlan[];
  /** Before the first block: the run's PostgreSQL started and seeded (0 without a database scenario). */
  setUpS: number;
  /** Every block's fixed part, plus the set-up. */
  fixedS: number;
  budgetS: number;
}

/** Everything measured for one target in one block. */
export interface Cell {
  target: Target;
  variant: ScenarioVariant;
  failed: string | null;
  samples: Sample[];
  start: { startupMs: number; idleRssMB: number | null } | null;
  /** Mean warm-up rate: picks the fastest target for the generator's ceiling. */
  warmRate: number | null;
  capacity?: NonNullable<LoadOutcome['capacity']>;
}

/** One block's measurements. */
export interface BlockMeasure {
  plan: BlockPlan;
  cells: Cell[];
  canaryMs: number[];
  rounds: number;
  seconds: number;
  /** What drove the load (`wrk 4.1.0`, `autocannon 9.0.0`, `bench ws clients`). */
  generator?: string;
}

/** Raw measurements of a run, for aggregation. */
export interface Measurements {
  blocks: BlockMeasure[];
  generator: Run['generator'];
}
