/**
 * What a run may feed: the deck and README (full), the Node-matrix slide (matrix), the three-runtimes
 * slide (runtimes), or nothing (quick, subset), and why not.
 */
import { APPS } from '@repo/fixtures';
import {
  BASELINE,
  DEFAULT_SCENARIOS,
  DEFAULT_SERVER_NODE,
  FULL,
  MATRIX_SCENARIOS,
} from '../model/defaults.js';
import { majorOf } from '../model/node-lines.js';
import { isRuntimeRun, RUNTIME_APP } from '../report/runtimes.js';
import type { Run, RunKind } from '../model/schema.js';

type Classifiable = Pick<Run, 'settings' | 'quick' | 'partial'> & {
  env: Pick<Run['env'], 'serverNodes' | 'httpGenerator' | 'git'>;
};

/**
 * What a run may feed, and why not when it is not full: `full` (every app and default scenario,
 * the references, on the default Node, at least the default precision) feeds the deck and README;
 * `matrix` (every app on several Node versions) the Node-matrix slide; the rest nothing. A run that
 * would feed a slide is a subset run when wrk did not drive its HTTP load, or when the measured code
 * had uncommitted changes (`env.git.dirty`): its numbers would belong to no commit.
 */
export function classify(run: Classifiable): { kind: RunKind; why: string | null } {
  const s = run.settings;
  if (run.quick) return { kind: 'quick', why: 'a quick run' };
  if (run.partial) return { kind: 'subset', why: 'interrupted' };
  // The deck's numbers must be the servers': autocannon cannot saturate the fastest of them, so a
  // run that would feed a slide is a subset run unless wrk drove its HTTP load.
  const http = run.env.httpGenerator;
  // A result must name the code it measured: with uncommitted changes to that code, no commit does.
  const dirty = run.env.git?.dirty ?? [];
  const fed = (kind: 'full' | 'matrix' | 'runtimes'): { kind: RunKind; why: string | null } =>
    http !== undefined && !http.startsWith('wrk')
      ? { kind: 'subset', why: `HTTP load by ${http}, not wrk (install wrk, or drop --generator)` }
      : dirty.length > 0
        ? {
            kind: 'subset',
            why: `uncommitted changes in the measured code (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ` and ${dirty.length - 3} more` : ''}): commit them, then run again`,
          }
        : { kind, why: null };
  const everyApp = APPS.every((a) => s.apps.includes(a.name));
  const precise =
    s.minRounds >= FULL.minRounds &&
    (s.lives ?? 1) >= FULL.lives &&
    s.sampleS >= FULL.sampleS &&
    s.warmupS >= FULL.warmupS &&
    s.target <= FULL.target;
  const nodes = run.env.serverNodes;
  if (isRuntimeRun(nodes)) {
    const both = [BASELINE, RUNTIME_APP].every((a) => s.apps.includes(a));
    if (both && precise && s.scenarios.includes('plaintext')) return fed('runtimes');
    return {
      kind: 'subset',
      why: `a runtime comparison without ${RUNTIME_APP} and ${BASELINE}, plaintext, or at a lower precision`,
    };
  }
  if (nodes.length > 1) {
    if (everyApp && precise && MATRIX_SCENARIOS.every((m) => s.scenarios.includes(m))) return fed('matrix');
    return { kind: 'subset', why: 'a Node matrix of some apps, scenarios or a lower precision' };
  }
  // Every default scenario, and any more asked for: those feed their own slides as well.
  if (!everyApp || !DEFAULT_SCENARIOS.every((b) => s.scenarios.includes(b)) || !s.references)
    return { kind: 'subset', why: 'not every app and default scenario (--apps or --scenarios)' };
  if (nodes.length !== 1 || majorOf(nodes[0]!) !== DEFAULT_SERVER_NODE)
    return {
      kind: 'subset',
      why: `servers on Node ${nodes.join(', ')}, not the default ${DEFAULT_SERVER_NODE}`,
    };
  if (!precise)
    return {
      kind: 'subset',
      why: 'fewer rounds, shorter samples or warm-ups, or a looser target than the defaults',
    };
  return fed('full');
}
