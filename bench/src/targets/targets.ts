/** What gets benchmarked: apps and reference servers × Node versions, with framework versions. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APPS, type AppInfo } from '@repo/fixtures';
import { parseScenarioId, type ScenarioVariant } from '../model/scenario-list.js';
import { clusterLabel, type NodeBinary, type Target } from '../model/target.js';
import { BENCH_REDIS } from './redis.js';
import type { Settings } from '../model/schema.js';

/** The bench package folder (this file is in src/targets/ or dist/targets/). */
export const BENCH_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const ROOT_DIR = join(BENCH_DIR, '..');

/**
 * `--workers N`: plaintext and queries on N workers (each worker its own database pool, so N pools
 * against the one PostgreSQL: targets/postgres.ts sizes max_connections for them); ws-broadcast
 * through the bench's Redis on 1 worker (the relay hop alone) and on N. ws-broadcast on N workers
 * without Redis would split the room.
 */
export function clusterTargets(app: Target, workers: number): Target[] {
  const pick = (base: string) => app.scenarios.filter((v) => v.base === base && v.pipelining === 1);
  const redis = { REDIS_URL: BENCH_REDIS };
  const rows: [number, boolean, ScenarioVariant[]][] = [
    [workers, false, [...pick('plaintext'), ...pick('queries')]],
    [1, true, pick('ws-broadcast')],
    [workers, true, pick('ws-broadcast')],
  ];
  return rows
    .filter(([, , scenarios]) => scenarios.length > 0)
    .map(([n, r, scenarios]) => ({
      ...app,
      app: clusterLabel(app.app, n, r),
      scenarios,
      reference: null,
      env: { WORKERS: String(n), ...(r && redis) },
    }));
}

/** node-http-app's reference is the bare node:http server; tcp-app has none. */
export function referenceOf(app: AppInfo): string | null {
  if (app.framework) return app.framework;
  return app.name === 'node-http-app' ? 'node-http' : null;
}

/** A package's version from the nearest node_modules, searched from `fromDir` up to the root. */
export function packageVersion(pkg: string, fromDir: string): string {
  for (const dir of [fromDir, ROOT_DIR]) {
    const file = join(dir, 'node_modules', pkg, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

/** The apps, then (when asked for) the reference servers of their frameworks, for every Node. */
export function buildTargets(settings: Settings, nodes: readonly NodeBinary[]): Target[] {
  const variants = settings.scenarios.map((id) => parseScenarioId(id)!);
  const plaintext = variants.filter((v) => v.base === 'plaintext');
  const apps = APPS.filter((a) => settings.apps.includes(a.name));
  // Bun and Deno run hono-app on their own servers; node-http-app stays on Node (the first Node asked
  // for, else the running one) as the baseline of their block, so every ratio has its pair.
  const baseNode = nodes.find((n) => (n.runtime ?? 'node') === 'node') ?? {
    path: process.execPath,
    version: process.version,
  };
  return nodes.flatMap((node) => {
    if (node.runtime === 'bun' || node.runtime === 'deno')
      return runtimeTargets(node, baseNode, apps, variants);
    const builtIn = (label: string) => `${label} ${node.version}`;
    const appTargets: Target[] = apps.map((a) => {
      const dir = join(ROOT_DIR, 'apps', a.name);
      return {
        app: a.name,
        kind: 'app',
        framework: a.framework ?? a.label,
        version: a.framework ? packageVersion(a.framework, dir) : builtIn(a.label),
        entry: join(dir, 'dist', 'server.js'),
        node,
        scenarios: a.http ? variants : plaintext,
        reference: referenceOf(a) && `reference/${referenceOf(a)}`,
      };
    });
    const refs =
      settings.references && plaintext.length > 0
        ? apps.map(referenceOf).filter((r): r is string => r !== null)
        : [];
    const refTargets: Target[] = refs.map((fw) => ({
      app: `reference/${fw}`,
      kind: 'reference',
      framework: fw === 'node-http' ? 'node:http' : fw,
      version: fw === 'node-http' ? builtIn('node:http') : packageVersion(fw, BENCH_DIR),
      entry: join(BENCH_DIR, 'reference', `${fw}.mjs`),
      node,
      scenarios: plaintext,
      reference: null,
    }));
    const workers = settings.workers ?? 1;
    const cluster = workers > 1 ? appTargets.flatMap((t) => clusterTargets(t, workers)) : [];
    return [...appTargets, ...refTargets, ...cluster].filter((t) => t.scenarios.length > 0);
  });
}

/** The hono app on Bun or Deno, and node-http-app on Node in the same block (its `version` says which Node). */
function runtimeTargets(
  node: NodeBinary,
  baseNode: NodeBinary,
  apps: readonly AppInfo[],
  variants: ScenarioVariant[],
): Target[] {
  const out: Target[] = [];
  for (const a of apps) {
    const dir = join(ROOT_DIR, 'apps', a.name);
    if (a.name === 'hono-app')
      out.push({
        app: a.name,
        kind: 'app',
        framework: 'hono',
        version: `${packageVersion('hono', dir)} on ${node.version}`,
        entry: join(dir, 'dist', `${node.runtime}.js`),
        node,
        scenarios: variants,
        reference: null,
      });
    else if (a.name === 'node-http-app')
      out.push({
        app: a.name,
        kind: 'app',
        framework: a.label,
        version: `${a.label} on Node ${baseNode.version}`,
        entry: join(dir, 'dist', 'server.js'),
        // Runs on Node; grouped (and keyed in the results) with the runtime it is the baseline for.
        node: { ...baseNode, runtime: 'node', version: node.version },
        scenarios: variants,
        reference: null,
      });
  }
  return out;
}
