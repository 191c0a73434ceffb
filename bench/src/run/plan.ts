/**
 * The time plan, printed before a run starts and used as its clock: scenarios become blocks (one
 * scenario on one Node version, every target of it started once), each with a fixed part (starts,
 * warm-ups, the minimum rounds) and a share of the budget for extra rounds. A block may run until
 * its cumulative deadline, so a block that converges early leaves its time to the next ones.
 */
import { BUDGET_FACTOR, LIMITS, PLAN_MARGIN_S } from '../model/defaults.js';
import { SCENARIO_INFO, scenarioId, usesDatabase, type ScenarioVariant } from '../model/scenario-list.js';
import type { Settings } from '../model/schema.js';
import type { BlockPlan, Plan } from '../model/measure.js';
import type { Target } from '../model/target.js';

/** What things cost on the development machine (2 vCPUs), measured; they only feed the ETA. */
export const COSTS = {
  /** Spawn → ready (first 200) → validated. */
  startS: 0.35,
  /**
   * The run's PostgreSQL: start from the cached initdb template, seed 10,000 world rows, open the
   * validation's connection. Measured here: ≈ 1.5 s; planned with slack for a busy start.
   */
  postgresS: 3,
  /** Per sample beyond its own seconds: generator set-up, /proc reads, ws drain. */
  sampleOverheadS: { http: 0.04, ws: 0.12 },
  /** One canary loop per round. */
  canaryS: 0.06,
  /** Per WebSocket opened (handshake) and, for rooms, joined. */
  socketS: 0.0002,
  /** Per ws-capacity client: connect and join, the joins' presence traffic included. */
  capacityClientS: 0.00035,
  /** Per ws-capacity step besides its hold: the last wave's drain and the delivery check. */
  capacityStepS: 0.35,
} as const;

/** Broadcast waves after each ws-capacity step; at least one wave runs however short. */
export const CAPACITY_HOLD_S = 0.5;

/** Sockets one target's session holds in a ws scenario. */
export function socketsPerTarget(v: ScenarioVariant, connections: number): number {
  if (v.base === 'ws-echo') return connections * 25; // SOCKETS_PER_CALLER
  if (v.base === 'ws-broadcast') return connections;
  return 0;
}

/** Seconds one round of a block takes, for `visits` targets. */
export function roundSeconds(v: ScenarioVariant, s: Settings, visits: number): number {
  const overhead = COSTS.sampleOverheadS[SCENARIO_INFO[v.base].kind];
  return visits * (s.sampleS + overhead) + COSTS.canaryS;
}

/** Seconds of one ws-capacity ramp up to `cap` clients. */
export function rampSeconds(s: Settings, cap: number): number {
  const steps = Math.ceil(cap / s.capacityStep);
  return cap * COSTS.capacityClientS + steps * (CAPACITY_HOLD_S + COSTS.capacityStepS);
}

function fixedSeconds(v: ScenarioVariant, s: Settings, targets: number, cap: number, probe: boolean): number {
  if (v.base === 'ws-capacity') return targets * (COSTS.startS + rampSeconds(s, cap));
  const setUp = socketsPerTarget(v, s.connections) * COSTS.socketS;
  const rounds = s.minRounds * roundSeconds(v, s, targets);
  const probeS = probe ? s.sampleS + COSTS.sampleOverheadS.http : 0;
  return targets * (s.lives ?? 1) * (COSTS.startS + setUp + s.warmupS) + rounds + probeS;
}

/**
 * Plans a run: blocks in scenario order (then Node version), each with its fixed seconds and a
 * share of the budget's slack proportional to what one of its rounds costs. `capacityCap` is the
 * client count ws-capacity can reach (open-files limit).
 *
 * @example planRun(settings, buildTargets(settings, nodes), 19_800).budgetS // ≤ 590 for the default
 */
export function planRun(settings: Settings, targets: readonly Target[], capacityCap: number): Plan {
  const nodes = [...new Map(targets.map((t) => [t.node.version, t.node])).values()];
  const blocks: BlockPlan[] = [];
  let probed = false;
  for (const id of settings.scenarios) {
    for (const node of nodes) {
      const these = targets.filter(
        (t) => t.node.version === node.version && t.scenarios.some((v) => scenarioId(v) === id),
      );
      if (these.length === 0) continue;
      const variant = these[0]!.scenarios.find((v) => scenarioId(v) === id)!;
      // The generator's ceiling is measured once, in the first HTTP block.
      const probe: boolean = !probed && SCENARIO_INFO[variant.base].kind === 'http';
      probed ||= probe;
      const fixedS = fixedSeconds(variant, settings, these.length, capacityCap, probe);
      blocks.push({ variant, node, targets: these, fixedS, extraS: 0, endsAtS: 0 });
    }
  }
  const setUpS = blocks.some((b) => usesDatabase(b.variant.base)) ? COSTS.postgresS : 0;
  const fixedS = setUpS + blocks.reduce((a, b) => a + b.fixedS, 0);
  // Extra rounds get the fixed part × BUDGET_FACTOR, but never push a run past the full run's
  // limit: the minimum rounds always run, the extras only fill what is left of the 10 minutes.
  const slack = Math.min(fixedS * BUDGET_FACTOR, LIMITS.fullS - PLAN_MARGIN_S);
  const budgetS = Math.max(fixedS, settings.budgetS ?? slack);
  const adaptive = blocks.filter(
    (b) => b.variant.base !== 'ws-capacity' && settings.maxRounds > settings.minRounds,
  );
  const weight = (b: BlockPlan) => roundSeconds(b.variant, settings, b.targets.length);
  const total = adaptive.reduce((a, b) => a + weight(b), 0);
  for (const b of adaptive) {
    const most = (settings.maxRounds - settings.minRounds) * weight(b);
    b.extraS = Math.min(most, ((budgetS - fixedS) * weight(b)) / total);
  }
  let at = setUpS;
  for (const b of blocks) b.endsAtS = at += b.fixedS + b.extraS;
  return { blocks, setUpS, fixedS, budgetS: Math.min(budgetS, at) };
}

/** `7m25s`. */
export function minutes(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** The plan as printed before the run: one line per block, then the totals. */
export function formatPlan(plan: Plan, settings: Settings, capacityCap: number): string {
  const lines = plan.blocks.map((b) => {
    const head = `  ${scenarioId(b.variant).padEnd(13)} Node ${b.node.version.padEnd(9)} ${String(b.targets.length).padStart(2)} targets`;
    if (b.variant.base === 'ws-capacity')
      return `${head}, ramp to ${capacityCap.toLocaleString('en-US')} clients in steps of ${settings.capacityStep.toLocaleString('en-US')}: ≈ ${Math.round(b.fixedS)} s`;
    const rounds =
      settings.maxRounds > settings.minRounds
        ? `${settings.minRounds}–${settings.maxRounds}`
        : `${settings.minRounds}`;
    const lives = (settings.lives ?? 1) > 1 ? `${settings.lives} process lifetimes, ` : '';
    return `${head}, ${lives}${settings.warmupS} s warm-up each, ${rounds} rounds of ${settings.sampleS} s samples: ≈ ${Math.round(b.fixedS)} s + up to ${Math.round(b.extraS)} s of extra rounds`;
  });
  const setUp =
    plan.setUpS > 0
      ? [`  PostgreSQL start and seed (database scenarios): ≈ ${Math.round(plan.setUpS)} s`]
      : [];
  return [
    `plan: ${plan.blocks.length} blocks, ±${(settings.target * 100).toFixed(0)} % wanted on every ratio`,
    ...setUp,
    ...lines,
    `total ≈ ${minutes(plan.fixedS)} fixed, at most ${minutes(plan.budgetS)} with extra rounds`,
  ].join('\n');
}
