/** Each scenario's validation and load generator behind one interface, for the runner. */
import { loadHttp, validateHttp } from './http-scenarios.js';
import { SCENARIO_INFO, type ScenarioVariant } from '../model/scenario-list.js';
import { openWsBroadcast } from './ws-broadcast.js';
import { openWsCapacity } from './ws-capacity.js';
import { openWsEcho } from './ws-echo.js';
import { validateWs } from './ws-validate.js';
import type { LoadSession } from '../model/load-types.js';

/** How the runner drives one scenario against one server. */
export interface ScenarioDriver {
  /** null when the server answers as the contract says, else the reason. */
  validate(port: number): Promise<string | null>;
  /** Sets up the generator's connections (cheap for HTTP, thousands of handshakes for ws). */
  open(port: number, connections: number): Promise<LoadSession>;
}

/**
 * The driver for a scenario variant.
 *
 * @example await driverFor({ base: 'json', pipelining: 1 }).validate(port) // null when fine
 */
export function driverFor(v: ScenarioVariant): ScenarioDriver {
  if (SCENARIO_INFO[v.base].kind === 'http') {
    return {
      validate: (port) => validateHttp(v.base, port),
      open: async () => ({ run: (options) => loadHttp(v.base, v.pipelining, options), close: () => {} }),
    };
  }
  const open: Record<string, ScenarioDriver['open']> = {
    'ws-echo': openWsEcho,
    'ws-broadcast': openWsBroadcast,
    'ws-capacity': async (port) => openWsCapacity(port),
  };
  return { validate: validateWs, open: open[v.base]! };
}
