import { describe, expect, it } from 'vitest';
import { parseCli } from '../src/cli/args.js';
import { LIMITS, PLAN_MARGIN_S } from '../src/model/defaults.js';
import { formatPlan, planRun } from '../src/run/plan.js';
import { buildTargets } from '../src/targets/targets.js';

const node = { path: process.execPath, version: 'v26.10.0' };
/** This machine kind: open-files limit 20,000, so ws-capacity stops at 19,800. */
const CAP = 19_800;

function plan(argv: string[]) {
  const { settings } = parseCli(argv);
  const nodes = settings.nodes.map((n) => ({ ...node, version: `v${n}.0.0` }));
  return { settings, plan: planRun(settings, buildTargets(settings, nodes), CAP) };
}

describe('the time plan', () => {
  it('fits a default full run (every default scenario, app and reference, PostgreSQL) in 10 minutes on 2 cores', () => {
    const { settings, plan: p } = plan([]);
    const blocks = p.blocks.map((b) => `${b.variant.base}:${b.targets.length}`);
    expect(blocks).toEqual([
      'plaintext:11',
      'fortunes:5',
      'db:5',
      'queries:5',
      'updates:5',
      'db-fortunes:5',
      'ws-broadcast:5',
    ]);
    expect(LIMITS.fullS).toBe(600);
    // The PostgreSQL start and seed is part of the fixed time, before the first block.
    expect(p.setUpS).toBeGreaterThan(0);
    expect(p.fixedS).toBeLessThanOrEqual(LIMITS.fullS - PLAN_MARGIN_S);
    expect(p.budgetS).toBeLessThanOrEqual(LIMITS.fullS - PLAN_MARGIN_S);
    // What is left of the 10 minutes goes to the extra rounds: with the four database scenarios that
    // is a couple of seconds (the minimum rounds are not cut to make more).
    expect(p.budgetS).toBeGreaterThanOrEqual(p.fixedS);
    expect(p.blocks.at(-1)!.endsAtS).toBeCloseTo(p.budgetS);
    expect(formatPlan(p, settings, CAP)).toMatch(
      /plaintext .*11 targets, 2 process lifetimes, 2 s warm-up each, 9–30 rounds of 1 s samples/,
    );
  });

  it('fits --quick in a minute', () => {
    const { plan: p } = plan(['--quick']);
    expect(p.blocks.map((b) => b.variant.base)).not.toContain('ws-capacity');
    // Seven blocks of one 1 s round each (wrk runs whole seconds) leave less than the usual margin.
    expect(p.budgetS).toBeLessThanOrEqual(LIMITS.quickS - PLAN_MARGIN_S / 2);
  });

  it('plans no PostgreSQL without a database scenario', () => {
    const { plan: p } = plan(['--scenarios', 'plaintext,json']);
    expect(p.setUpS).toBe(0);
    expect(plan(['--scenarios', 'queries']).plan.setUpS).toBeGreaterThan(0);
  });

  it('grows with --rounds and --duration instead of cutting them', () => {
    const base = plan([]).plan;
    const more = plan(['--rounds', '12', '--duration', '2']).plan;
    expect(more.fixedS).toBeGreaterThan(2 * base.fixedS - 200);
    expect(more.budgetS).toBeGreaterThan(base.budgetS);
  });

  it('plans a matrix run as one block per scenario and Node version', () => {
    const { plan: p } = plan(['--matrix']);
    expect(p.blocks.map((b) => `${b.variant.base} ${b.node.version}`)).toEqual([
      'plaintext v20.0.0',
      'plaintext v22.0.0',
      'plaintext v24.0.0',
      'plaintext v26.0.0',
      'fortunes v20.0.0',
      'fortunes v22.0.0',
      'fortunes v24.0.0',
      'fortunes v26.0.0',
    ]);
  });
});
