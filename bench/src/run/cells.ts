/**
 * What a block measures per target, and the steps every block shares: start a target (fresh
 * process, pinned), validate it against the contract, open its load session; tear down at the end.
 */
import { resolveEnv } from '../targets/redis.js';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { FANOUT_ENV } from '../model/defaults.js';
import { driverFor } from '../load/scenarios.js';
import { SCENARIO_INFO, type ScenarioVariant } from '../model/scenario-list.js';
import { startServer, StartError, type ServerProcess } from '../targets/server-process.js';
import { ROOT_DIR } from '../targets/targets.js';
import type { Canary } from './canary.js';
import type { LoadSession } from '../model/load-types.js';
import type { BlockPlan, Cell } from '../model/measure.js';
import type { Settings } from '../model/schema.js';

/** What the runner reports; see {@link createProgress}. */
export interface ProgressSink {
  /** What is being done now ("plaintext r3", "ws-capacity: koa-app"). */
  phase(label: string): void;
  rate(perSecond: number, unit: string): void;
  log(line: string): void;
  stop(): void;
}

/** A started, validated target with its load session. */
export interface Live {
  server: ServerProcess;
  session: LoadSession;
}

/** What the runner hands every block. */
export interface RunContext {
  settings: Settings;
  serverPrefix: string[];
  generatorThreads: number;
  capacityCap: number;
  signal: AbortSignal;
  progress: ProgressSink;
  canary: Canary | null;
  /** performance.now() when the run started: block deadlines count from here. */
  runStart: number;
  pickPort?: () => Promise<number>;
}

/** Environment for a scenario's servers: fan-out caps lifted where fan-out is measured. */
export function serverEnv(v: ScenarioVariant, connections: number): Record<string, string> {
  if (!SCENARIO_INFO[v.base].fanOut) return {};
  // The default member cap (250) holds the default room of 100; a bigger room needs a bigger cap.
  return { ...FANOUT_ENV, ...(connections > 100 && { CHAT_ROOM_MAX_MEMBERS: String(connections) }) };
}

/** A fresh cell per target of the block. */
export function cellsOf(block: BlockPlan): Cell[] {
  return block.targets.map((target) => ({
    target,
    variant: block.variant,
    failed: null,
    samples: [],
    start: null,
    warmRate: null,
  }));
}

/**
 * Starts, validates and opens the session of one cell; on failure marks the cell failed with the
 * reason and returns null (the block goes on without it).
 */
export async function prepare(cell: Cell, ctx: RunContext): Promise<Live | null> {
  const { target, variant } = cell;
  if (!existsSync(target.entry)) {
    cell.failed = `not built: ${relative(ROOT_DIR, target.entry)} is missing`;
    return null;
  }
  let server: ServerProcess;
  try {
    server = await startServer(
      {
        name: target.app,
        entry: target.entry,
        nodePath: target.node.path,
        runtimeArgs: target.node.args,
        runtimeEnv: target.node.env,
      },
      {
        prefix: ctx.serverPrefix,
        env: { ...serverEnv(variant, ctx.settings.connections), ...(await resolveEnv(target.env)) },
        ...(ctx.pickPort && { pickPort: ctx.pickPort }),
      },
    );
  } catch (err) {
    if (!(err instanceof StartError)) throw err;
    cell.failed = `start: ${err.message}`;
    return null;
  }
  // The first lifetime's start-up is the one reported (later ones find the files cached).
  cell.start ??= { startupMs: server.startupMs, idleRssMB: server.idleRssMB };
  ctx.progress.log(
    `started ${target.app} on Node ${target.node.version} (pid ${server.pid}, port ${server.port}) in ${server.startupMs.toFixed(0)} ms`,
  );
  const driver = driverFor(variant);
  const invalid = await driver.validate(server.port);
  if (invalid) {
    cell.failed = invalid.startsWith('ws validation') ? invalid : `validation: ${invalid}`;
    await server.stop();
    return null;
  }
  try {
    return { server, session: await driver.open(server.port, ctx.settings.connections) };
  } catch (err) {
    cell.failed = server.exit ? crashReason(server) : `load set-up: ${(err as Error).message}`;
    await server.stop();
    return null;
  }
}

/** Closes sessions and stops servers. */
export async function tearDown(live: Iterable<Live>): Promise<void> {
  const all = [...live];
  for (const l of all) l.session.close();
  await Promise.all(all.map((l) => l.server.stop()));
}

/** How a server died, with its last words. */
export function crashReason(server: ServerProcess, round?: number): string {
  const when = round === undefined ? '' : ` in round ${round}`;
  return `crashed${when} (${server.describeExit()}): ${server.lastLines() || 'no output'}`;
}
