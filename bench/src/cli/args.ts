/** Command-line parsing: `node:util` parseArgs, strict, and one usage text. */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { APPS } from '@repo/fixtures';
import {
  BASELINE,
  DEFAULT_SCENARIOS,
  DEFAULT_SERVER_NODE,
  FULL,
  MATRIX_NODES,
  MATRIX_SCENARIOS,
  QUICK,
} from '../model/defaults.js';
import { BASE_SCENARIOS, parseScenarioId, SCENARIO_INFO, scenarioId } from '../model/scenario-list.js';
import type { Settings } from '../model/schema.js';
import { DEFAULT_SLO_MS, LATENCY_SCENARIOS, type LatencyScenario } from '../model/latency.js';
import { parseSlo, SloError } from '../latency/slo.js';

export { USAGE } from './usage.js';

/** `--runtime node@24` → `24`, `node` → the default Node, `node@current`/`node@<path>` as `--node` takes them; `bun[@v]`, `deno[@v]` kept. */
function runtimeValue(spec: string): string {
  if (/^(bun|deno)(@[\w.-]+)?$/.test(spec)) return spec;
  if (spec === 'node') return DEFAULT_SERVER_NODE;
  if (spec.startsWith('node@') && spec.length > 5) return spec.slice(5);
  throw new UsageError(
    `--runtime takes node[@<major>|@current], bun[@<version>] or deno[@<version>], got "${spec}"`,
  );
}

/** A bad command line: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {}

/** What the command line asks for. */
export interface Cli {
  help: boolean;
  quick: boolean;
  matrix: boolean;
  /** `--generators`: the generators probe instead of a run. */
  generators: boolean;
  /** `--latency`: open-loop latency and capacity at a p99 target instead of a closed-loop run. */
  latency: { sloMs: number; apps: string[]; scenarios: LatencyScenario[] } | null;
  settings: Settings;
}

function positiveNumber(
  name: string,
  value: string | undefined,
  fallback: number,
  { integer = false, zero = false } = {},
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  const ok =
    value.trim() !== '' && Number.isFinite(n) && (zero ? n >= 0 : n > 0) && (!integer || Number.isInteger(n));
  if (!ok)
    throw new UsageError(
      `--${name} must be a ${integer ? 'whole' : ''} number${zero ? ' ≥ 0' : ' > 0'}, got "${value}"`,
    );
  return n;
}

function seconds(value: string | undefined): number | null {
  if (value === undefined) return null;
  const minutes = /^(\d+(?:\.\d+)?)m$/.exec(value.trim());
  return minutes ? Number(minutes[1]) * 60 : positiveNumber('budget', value, 0);
}

function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const OPTIONS = {
  quick: { type: 'boolean', default: false },
  generator: { type: 'string' },
  matrix: { type: 'boolean', default: false },
  generators: { type: 'boolean', default: false },
  latency: { type: 'boolean', default: false },
  slo: { type: 'string' },
  apps: { type: 'string' },
  scenarios: { type: 'string' },
  rounds: { type: 'string' },
  'max-rounds': { type: 'string' },
  lives: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  target: { type: 'string' },
  budget: { type: 'string' },
  connections: { type: 'string' },
  pipelining: { type: 'string' },
  node: { type: 'string', multiple: true },
  runtime: { type: 'string', multiple: true },
  'capacity-max': { type: 'string' },
  'capacity-step': { type: 'string' },
  'no-pin': { type: 'boolean', default: false },
  workers: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Options a latency run has no use for: it drives every HTTP app on the default Node. */
const NOT_WITH_LATENCY = [
  'matrix',
  'generators',
  'generator',
  'node',
  'runtime',
  'workers',
  'rounds',
  'max-rounds',
  'lives',
  'duration',
  'warmup',
  'target',
  'budget',
  'connections',
  'pipelining',
  'capacity-max',
  'capacity-step',
  'no-pin',
] as const;

/** `--latency [--slo MS] [--apps a,b] [--scenarios x,y] [--quick]`. */
function latencyRun(values: Record<string, unknown>): NonNullable<Cli['latency']> {
  const clash = NOT_WITH_LATENCY.find((o) => values[o] !== undefined && values[o] !== false);
  if (clash) throw new UsageError(`--latency is a run of its own: not with --${clash}`);
  let sloMs = DEFAULT_SLO_MS;
  try {
    if (typeof values.slo === 'string') sloMs = parseSlo(values.slo);
  } catch (err) {
    if (err instanceof SloError) throw new UsageError(err.message);
    throw err;
  }
  const http = APPS.filter((a) => a.http).map((a) => a.name);
  const apps = list(values.apps as string | undefined) ?? http;
  const bad = apps.find((a) => !http.includes(a));
  if (bad !== undefined)
    throw new UsageError(`--latency drives HTTP apps: "${bad}" is not one of ${http.join(', ')}`);
  if (!apps.includes(BASELINE)) apps.unshift(BASELINE); // its capacity sets the ladder and the ratios
  const scenarios = list(values.scenarios as string | undefined) ?? [...LATENCY_SCENARIOS];
  const badScenario = scenarios.find((x) => !(LATENCY_SCENARIOS as readonly string[]).includes(x));
  if (badScenario !== undefined)
    throw new UsageError(`--latency measures ${LATENCY_SCENARIOS.join(', ')}; not "${badScenario}"`);
  if (scenarios.length === 0) throw new UsageError('--scenarios names no scenario');
  return { sloMs, apps: [...new Set(apps)], scenarios: [...new Set(scenarios)] as LatencyScenario[] };
}

/**
 * Parses the arguments after `--`; throws {@link UsageError} on anything it does not understand.
 *
 * @example parseCli(['--quick', '--apps', 'node-http-app,fastify-app']).settings.minRounds // 1
 */
export function parseCli(argv: readonly string[]): Cli {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: OPTIONS }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const quick = values.quick === true;
  const matrix = values.matrix === true;
  if (quick && matrix) throw new UsageError('--quick and --matrix do not go together');
  const generators = values.generators === true;
  if (generators && (quick || matrix))
    throw new UsageError('--generators is a run of its own: not with --quick or --matrix');
  const latency = values.latency === true ? latencyRun(values) : null;
  if (latency === null && values.slo !== undefined)
    throw new UsageError('--slo is the latency target of a --latency run: add --latency');
  const pipelining = positiveNumber('pipelining', values.pipelining, 1, { integer: true });
  const generator = values.generator ?? 'wrk';
  if (generator !== 'wrk' && generator !== 'autocannon')
    throw new UsageError(`--generator takes wrk or autocannon, got "${generator}"`);

  const known = APPS.map((a) => a.name);
  const apps = list(values.apps) ?? known;
  const unknownApp = apps.find((a) => !known.includes(a));
  if (unknownApp) throw new UsageError(`unknown app "${unknownApp}"; known: ${known.join(', ')}`);
  if (apps.length === 0) throw new UsageError('--apps names no app');

  const bases = matrix ? MATRIX_SCENARIOS : DEFAULT_SCENARIOS;
  const defaults = bases.flatMap((base) =>
    pipelining > 1 && SCENARIO_INFO[base].kind === 'http' ? [base, scenarioId({ base, pipelining })] : [base],
  );
  const scenarios = list(values.scenarios) ?? defaults;
  const unknownScenario = scenarios.find((s) => !parseScenarioId(s));
  if (unknownScenario)
    throw new UsageError(`unknown scenario "${unknownScenario}"; known: ${BASE_SCENARIOS.join(', ')}`);
  if (scenarios.length === 0) throw new UsageError('--scenarios names no scenario');

  const runtimes = (values.runtime ?? []).map(runtimeValue);
  // --runtime without any node@… still measures hono on Node, next to node-http-app (the baseline).
  if (runtimes.length > 0 && !runtimes.some((r) => !/^(bun|deno)(@|$)/.test(r)))
    runtimes.unshift(DEFAULT_SERVER_NODE);
  const nodes = [...(values.node ?? []), ...runtimes];
  if (nodes.length === 0) nodes.push(...(matrix ? [...MATRIX_NODES] : [DEFAULT_SERVER_NODE]));
  const badNode = nodes.find(
    (v) => !/^\d+$/.test(v) && v !== 'current' && !/^(bun|deno)(@[\w.-]+)?$/.test(v) && !existsSync(v),
  );
  if (badNode !== undefined)
    throw new UsageError(
      `--node takes a major version, "current" or a path to a node binary, got "${badNode}"`,
    );

  const base = quick ? QUICK : FULL;
  const minRounds = positiveNumber('rounds', values.rounds, base.minRounds, { integer: true });
  const maxRounds = positiveNumber('max-rounds', values['max-rounds'], Math.max(base.maxRounds, minRounds), {
    integer: true,
  });
  if (maxRounds < minRounds)
    throw new UsageError(`--max-rounds (${maxRounds}) is below --rounds (${minRounds})`);
  const settings: Settings = {
    apps,
    scenarios: [...new Set(scenarios)],
    minRounds,
    lives: positiveNumber('lives', values.lives, base.lives, { integer: true }),
    maxRounds,
    sampleS: positiveNumber('duration', values.duration, base.sampleS),
    warmupS: positiveNumber('warmup', values.warmup, base.warmupS, { zero: true }),
    target: positiveNumber('target', values.target, FULL.target * 100) / 100,
    budgetS: seconds(values.budget),
    connections: positiveNumber('connections', values.connections, FULL.connections, { integer: true }),
    pipelining,
    nodes,
    pin: values['no-pin'] !== true,
    generator,
    workers: positiveNumber('workers', values.workers, 1, { integer: true }),
    references: !quick && !matrix,
    capacityMax: positiveNumber('capacity-max', values['capacity-max'], FULL.capacityMax, { integer: true }),
    capacityStep: positiveNumber('capacity-step', values['capacity-step'], FULL.capacityStep, {
      integer: true,
    }),
  };
  return { help: values.help === true, quick, matrix, generators, latency, settings };
}
