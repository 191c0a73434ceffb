/** What is benchmarked, as every stage sees it: a server runtime, a target, the `--workers` row labels. */
import type { ScenarioVariant } from './scenario-list.js';

/**
 * A server runtime: a Node binary and the version it reports (`v24.1.0`), or Bun or Deno (`--runtime
 * bun`), whose `version` is its label (`Bun 1.4.5`): the key results and blocks are grouped by.
 */
export interface NodeBinary {
  path: string;
  version: string;
  /** Absent: Node. */
  runtime?: 'node' | 'bun' | 'deno';
  /** Arguments before the entry (Deno's permissions). */
  args?: string[];
  env?: Record<string, string>;
}

/** One server to benchmark on one Node version. */
export interface Target {
  /** Package name (`fastify-app`) or `reference/<framework>`. */
  app: string;
  kind: 'app' | 'reference';
  framework: string;
  version: string;
  entry: string;
  node: NodeBinary;
  scenarios: ScenarioVariant[];
  /** The app's own reference server (plaintext overhead), if it has one. */
  reference: string | null;
  /** Extra environment for the server (`--workers`: WORKERS, REDIS_URL). */
  env?: Record<string, string>;
}

/** `express-app ×2`, `express-app redis`, `express-app ×2 redis`: the `--workers` rows. */
export const clusterLabel = (app: string, workers: number, redis: boolean): string =>
  `${app}${workers > 1 ? ` ×${workers}` : ''}${redis ? ' redis' : ''}`;

/** True for a `--workers` row (its own table in the report). */
export const isClusterRow = (app: string): boolean => / (×\d+|redis)/.test(app);

/**
 * The table a result's row is shown in, and so the rows it is ranked among: the apps (the slide's
 * and the first table of latest.md), the reference servers, the `--workers` rows.
 */
export type RowGroup = 'apps' | 'references' | 'workers';

export const rowGroup = (r: { app: string; kind: 'app' | 'reference' }): RowGroup =>
  r.kind === 'reference' ? 'references' : isClusterRow(r.app) ? 'workers' : 'apps';
