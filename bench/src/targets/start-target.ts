/**
 * One target started for one scenario: its entry must be built, its environment is the scenario's
 * (the bench's PostgreSQL, fan-out caps lifted where fan-out is measured) plus its own (`--workers`:
 * WORKERS, the bench's Redis), and it runs pinned on the server core. A start that fails is a reason, not an exception.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { FANOUT_ENV } from '../model/defaults.js';
import { SCENARIO_INFO, usesDatabase, type ScenarioVariant } from '../model/scenario-list.js';
import { BENCH_DATABASE } from './postgres.js';
import { resolveEnv } from './redis.js';
import { startServer, StartError, type ServerProcess } from './server-process.js';
import { ROOT_DIR } from './targets.js';
import type { Target } from '../model/target.js';

/**
 * Environment for a scenario's servers: the bench's PostgreSQL for the database scenarios (only
 * there: without DATABASE_URL the apps use an embedded PGlite, which nothing else reads), fan-out
 * caps lifted where fan-out is measured.
 */
export function serverEnv(v: ScenarioVariant, connections: number): Record<string, string> {
  if (usesDatabase(v.base)) return { DATABASE_URL: BENCH_DATABASE };
  if (!SCENARIO_INFO[v.base].fanOut) return {};
  // The default member cap (250) holds the default room of 100; a bigger room needs a bigger cap.
  return { ...FANOUT_ENV, ...(connections > 100 && { CHAT_ROOM_MAX_MEMBERS: String(connections) }) };
}

export interface StartOptions {
  /** Pinning prefix (`taskset -c 0`). */
  prefix: string[];
  /** The scenario's connections (a room bigger than the default member cap lifts it). */
  connections: number;
  pickPort?: () => Promise<number>;
}

/** Starts `target` for `variant`; resolves with the server, or with why it could not start. */
export async function startTarget(
  target: Target,
  variant: ScenarioVariant,
  options: StartOptions,
): Promise<ServerProcess | string> {
  if (!existsSync(target.entry)) return `not built: ${relative(ROOT_DIR, target.entry)} is missing`;
  try {
    return await startServer(
      {
        name: target.app,
        entry: target.entry,
        nodePath: target.node.path,
        runtimeArgs: target.node.args,
        runtimeEnv: target.node.env,
      },
      {
        prefix: options.prefix,
        env: await resolveEnv({ ...serverEnv(variant, options.connections), ...target.env }),
        ...(options.pickPort && { pickPort: options.pickPort }),
      },
    );
  } catch (err) {
    if (!(err instanceof StartError)) throw err;
    return `start: ${err.message}`;
  }
}
