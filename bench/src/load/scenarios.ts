/** Each scenario's validation and load generator behind one interface, for the runner. */
import { loadHttp, validateHttp } from './http-scenarios.js';
import { autocannonLabel, loadHttpWrk } from './http-wrk.js';
import { SCENARIO_INFO, type ScenarioVariant } from '../model/scenario-list.js';
import { openWsBroadcast } from './ws-broadcast.js';
import { openWsCapacity } from './ws-capacity.js';
import { openWsEcho } from './ws-echo.js';
import { validateWs } from './ws-validate.js';
import type { HttpGenerator, LoadSession } from '../model/load-types.js';

/** How the runner drives one scenario against one server. */
export interface ScenarioDriver {
  /** null when the server answers as the contract says, else the reason. */
  validate(port: number): Promise<string | null>;
  /** Sets up the generator's connections (cheap for HTTP, thousands of handshakes for ws). */
  open(port: number, connections: number): Promise<LoadSession>;
  /** What drives the load, for the block's method line and the results (`wrk 4.1.0`). */
  generator: string;
}

/** The WebSocket scenarios' generator: the bench's own clients, in this process. */
export const WS_GENERATOR = 'bench ws clients';

/**
 * Whether wrk drives this variant: every closed-loop HTTP variant without pipelining. wrk pipelines
 * only through a Lua `request` hook, and wrk takes one script, which is the report hook; pipelined
 * variants stay on autocannon, and their method line says so.
 */
export function usesWrk(v: ScenarioVariant, http: HttpGenerator | undefined): boolean {
  return http?.tool === 'wrk' && SCENARIO_INFO[v.base].kind === 'http' && v.pipelining === 1;
}

/**
 * The driver for a scenario variant.
 *
 * @example await driverFor({ base: 'json', pipelining: 1 }).validate(port) // null when fine
 */
export function driverFor(v: ScenarioVariant, http?: HttpGenerator): ScenarioDriver {
  if (usesWrk(v, http)) {
    return {
      validate: (port) => validateHttp(v.base, port),
      open: () => Promise.resolve({ run: (options) => loadHttpWrk(v.base, options, http!), close: () => {} }),
      generator: http!.label,
    };
  }
  if (SCENARIO_INFO[v.base].kind === 'http') {
    return {
      validate: (port) => validateHttp(v.base, port),
      open: () =>
        Promise.resolve({ run: (options) => loadHttp(v.base, v.pipelining, options), close: () => {} }),
      generator: autocannonLabel(),
    };
  }
  const open: Record<string, ScenarioDriver['open']> = {
    'ws-echo': openWsEcho,
    'ws-broadcast': openWsBroadcast,
    'ws-capacity': (port) => Promise.resolve(openWsCapacity(port)),
  };
  return { validate: validateWs, open: open[v.base]!, generator: WS_GENERATOR };
}
