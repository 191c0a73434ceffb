/** Command-line parsing: `node:util` parseArgs, strict, and one usage text. */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { APPS } from '@repo/fixtures';
import { BASE_SCENARIOS, parseScenarioId, SCENARIO_INFO, scenarioId } from './scenario-list.js';
import type { Settings } from './schema.js';

export const USAGE = `Usage: npm run bench -- [options]

  --quick             1 round, short durations, no capacity ramp, no reference servers (≤ 60 s)
  --apps a,b          apps to run (default: all): ${APPS.map((a) => a.name).join(', ')}
  --scenarios x,y     scenarios (default: all): ${BASE_SCENARIOS.join(', ')}
                      and <http-scenario>-p<N> for a pipelined variant
  --rounds N          measured rounds per app and scenario (default 3; --quick 1)
  --duration S        seconds per measured round (default 5; --quick 1)
  --warmup S          warm-up seconds before each measured round (default 2; --quick 0.3)
  --connections N     HTTP connections / WebSocket clients (default 100)
  --pipelining N      also run every HTTP scenario with N pipelined requests (labelled -p<N>)
  --node V            Node.js to run the servers on: a major (fetched from npm) or a path; repeat
                      for a matrix (default: the Node running the bench)
  --capacity-max N    ws-capacity stops at N clients (default 20000)
  --capacity-step N   ws-capacity adds N clients per step (default 2000)
  --no-pin            do not pin server and load generator to separate CPUs with taskset
  --help              this text

Environment: BENCH_RESULTS_DIR, BENCH_GENERATED_DIR, BENCH_README (empty: skip) redirect outputs.`;

/** A bad command line: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {}

/** What the command line asks for. */
export interface Cli {
  help: boolean;
  quick: boolean;
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

function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Parses the arguments after `--`; throws {@link UsageError} on anything it does not understand.
 *
 * @example parseCli(['--quick', '--apps', 'node-http-app,fastify-app']).settings.rounds // 1
 */
export function parseCli(argv: readonly string[]): Cli {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: 'boolean', default: false },
        apps: { type: 'string' },
        scenarios: { type: 'string' },
        rounds: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        pipelining: { type: 'string' },
        node: { type: 'string', multiple: true },
        'capacity-max': { type: 'string' },
        'capacity-step': { type: 'string' },
        'no-pin': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const quick = values.quick === true;
  const pipelining = positiveNumber('pipelining', values.pipelining, 1, { integer: true });

  const known = APPS.map((a) => a.name);
  const apps = list(values.apps) ?? known;
  const unknownApp = apps.find((a) => !known.includes(a));
  if (unknownApp) throw new UsageError(`unknown app "${unknownApp}"; known: ${known.join(', ')}`);
  if (apps.length === 0) throw new UsageError('--apps names no app');

  const defaults = BASE_SCENARIOS.filter((s) => !(quick && SCENARIO_INFO[s].fullOnly)).flatMap((base) =>
    pipelining > 1 && SCENARIO_INFO[base].kind === 'http' ? [base, scenarioId({ base, pipelining })] : [base],
  );
  const scenarios = list(values.scenarios) ?? defaults;
  const unknownScenario = scenarios.find((s) => !parseScenarioId(s));
  if (unknownScenario)
    throw new UsageError(`unknown scenario "${unknownScenario}"; known: ${BASE_SCENARIOS.join(', ')}`);
  if (scenarios.length === 0) throw new UsageError('--scenarios names no scenario');

  const nodes = values.node ?? [];
  const badNode = nodes.find((v) => !/^\d+$/.test(v) && !existsSync(v));
  if (badNode !== undefined)
    throw new UsageError(`--node takes a major version or a path to a node binary, got "${badNode}"`);

  const settings: Settings = {
    apps,
    scenarios: [...new Set(scenarios)],
    rounds: positiveNumber('rounds', values.rounds, quick ? 1 : 3, { integer: true }),
    durationS: positiveNumber('duration', values.duration, quick ? 1 : 5),
    warmupS: positiveNumber('warmup', values.warmup, quick ? 0.3 : 2, { zero: true }),
    connections: positiveNumber('connections', values.connections, 100, { integer: true }),
    pipelining,
    nodes,
    pin: values['no-pin'] !== true,
    references: !quick,
    capacityMax: positiveNumber('capacity-max', values['capacity-max'], 20_000, { integer: true }),
    capacityStep: positiveNumber('capacity-step', values['capacity-step'], 2_000, { integer: true }),
  };
  return { help: values.help === true, quick, settings };
}
