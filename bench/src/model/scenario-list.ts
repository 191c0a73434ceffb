/** The scenarios by name, with what they measure: shared by argument parsing, the runner and reports. */

export const BASE_SCENARIOS = [
  'plaintext',
  'json',
  'param',
  'fortunes',
  'db',
  'queries',
  'updates',
  'db-fortunes',
  'ws-echo',
  'ws-broadcast',
  'ws-capacity',
] as const;
export type BaseScenario = (typeof BASE_SCENARIOS)[number];

/** Static facts about a base scenario. */
export interface ScenarioInfo {
  kind: 'http' | 'ws';
  /** The request path (HTTP) or a short description (WebSocket). */
  what: string;
  unit: 'req/s' | 'calls/s' | 'deliveries/s' | 'clients';
  /** The field of a result entry that holds the headline number. */
  key: 'rps' | 'msgs' | 'clients';
  /** Measures chat fan-out: its servers run with the chat's fan-out caps lifted (model/defaults.ts). */
  fanOut: boolean;
  /**
   * Reads the bench's PostgreSQL (TechEmpower's database tests): its servers get DATABASE_URL, the
   * bench starts one PostgreSQL for the run, and PostgreSQL's CPU is recorded per sample.
   */
  database?: boolean;
}

export const SCENARIO_INFO: Record<BaseScenario, ScenarioInfo> = {
  plaintext: { kind: 'http', what: 'GET /', unit: 'req/s', key: 'rps', fanOut: false },
  json: { kind: 'http', what: 'GET /json', unit: 'req/s', key: 'rps', fanOut: false },
  param: {
    kind: 'http',
    what: 'GET /hello/bench',
    unit: 'req/s',
    key: 'rps',
    fanOut: false,
  },
  fortunes: {
    kind: 'http',
    what: 'GET /fortunes',
    unit: 'req/s',
    key: 'rps',
    fanOut: false,
  },
  db: { kind: 'http', what: 'GET /db', unit: 'req/s', key: 'rps', fanOut: false, database: true },
  queries: {
    kind: 'http',
    what: 'GET /queries?queries=20',
    unit: 'req/s',
    key: 'rps',
    fanOut: false,
    database: true,
  },
  updates: {
    kind: 'http',
    what: 'GET /updates?queries=20',
    unit: 'req/s',
    key: 'rps',
    fanOut: false,
    database: true,
  },
  'db-fortunes': {
    kind: 'http',
    what: 'GET /db/fortunes',
    unit: 'req/s',
    key: 'rps',
    fanOut: false,
    database: true,
  },
  'ws-echo': {
    kind: 'ws',
    what: 'say_hello round trips',
    unit: 'calls/s',
    key: 'msgs',
    fanOut: false,
  },
  'ws-broadcast': {
    kind: 'ws',
    what: 'chat.send to a room of members',
    unit: 'deliveries/s',
    key: 'msgs',
    fanOut: true,
  },
  'ws-capacity': {
    kind: 'ws',
    what: 'clients held at p95 broadcast RTT ≤ 500 ms',
    unit: 'clients',
    key: 'clients',
    fanOut: true,
  },
};

/** Whether a scenario reads the bench's PostgreSQL. */
export const usesDatabase = (base: BaseScenario): boolean => SCENARIO_INFO[base].database === true;

/** A scenario as run: a base scenario plus, for HTTP, its pipelining depth (1 = none). */
export interface ScenarioVariant {
  base: BaseScenario;
  pipelining: number;
}

/**
 * The label used in tables, chart file names and `--scenarios`: `plaintext`, or `plaintext-p10`
 * for the pipelined variant.
 *
 * @example scenarioId({ base: 'json', pipelining: 10 }) // 'json-p10'
 */
export function scenarioId(v: ScenarioVariant): string {
  return v.pipelining > 1 ? `${v.base}-p${v.pipelining}` : v.base;
}

/** The id of a stored result's scenario (results keep `scenario` and `pipelining` apart). */
export function resultScenarioId(r: { scenario: string; pipelining: number }): string {
  return scenarioId({ base: r.scenario as BaseScenario, pipelining: r.pipelining });
}

/** Parses `plaintext` or `plaintext-p10`; undefined when it names no scenario. */
export function parseScenarioId(id: string): ScenarioVariant | undefined {
  const match = /^(.*?)(?:-p(\d+))?$/.exec(id);
  const base = match?.[1] as BaseScenario | undefined;
  if (!base || !BASE_SCENARIOS.includes(base)) return undefined;
  const pipelining = match?.[2] ? Number(match[2]) : 1;
  if (pipelining > 1 && SCENARIO_INFO[base].kind !== 'http') return undefined;
  return { base, pipelining };
}
