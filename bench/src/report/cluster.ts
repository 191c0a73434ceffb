/**
 * The "when one process is not enough" slide partial (`generated/cluster.md`), written by any run
 * with `--workers N`: per app, plaintext, queries and ws-broadcast on one process, on N workers, and with the
 * chat relayed through Redis on 1 and N workers, with the median and p99 and the change against the
 * same app on one process in the same run.
 */
import { int, interval, ms, valueCell } from './format.js';
import { markdownTable } from './table.js';
import type { Result, Run } from '../model/schema.js';
import { isClusterRow } from '../model/target.js';

const SCENARIOS = ['plaintext', 'queries', 'ws-broadcast'];

const median = (r: Result | undefined): number | undefined => (r?.rps ?? r?.msgs)?.median;

/** `–` when there is nothing to compare; else e.g. `×1.62`. */
function versusSingle(r: Result, single: Result | undefined): string {
  const a = median(r);
  const b = median(single);
  if (r === single || a === undefined || b === undefined || b === 0 || r.status !== 'ok') return '–';
  return `×${(a / b).toFixed(2)}`;
}

/** Null when the run has no `--workers` rows. */
export function clusterPartial(run: Run): string | null {
  const workers = run.settings.workers ?? 1;
  const rows = run.results.filter(
    (r) => r.kind === 'app' && SCENARIOS.includes(r.scenario) && r.pipelining === 1,
  );
  const cluster = rows.filter((r) => isClusterRow(r.app));
  if (workers < 2 || cluster.length === 0) return null;
  const apps = [...new Set(cluster.map((r) => r.app.split(' ')[0]!))];
  const body: string[][] = [];
  for (const scenario of SCENARIOS)
    for (const app of apps) {
      const mine = rows.filter((r) => r.scenario === scenario && r.app.split(' ')[0] === app);
      const single = mine.find((r) => r.app === app);
      for (const r of mine.sort((a, b) => a.app.length - b.app.length))
        body.push([
          scenario,
          r.app,
          `${valueCell(r, false)} ${r.unit}`,
          versusSingle(r, single),
          r === single ? '1.00' : interval(r.cpuRatio),
          ms(r.latencyMs?.p99),
        ]);
    }
  const table = markdownTable(
    ['scenario', 'server', 'median', 'vs 1 process', 'per CPU-s (95 % CI)', 'p99 ms'],
    ['l', 'l', 'r', 'r', 'r', 'r'],
    body,
  );
  const cores = run.env.cores;
  return `${table}\n\n- ×${workers} = ${workers} node:cluster workers on one port; redis = chat relayed through Redis pub/sub; queries: each worker its own pool of 8 to the one PostgreSQL (on the generator's core)\n- the rates sit at the generator's or the senders' ceiling: compare per CPU-s (requests per server CPU-second, workers included, Redis not)\n- ${int(cores)} cores: the workers share the server core and Redis runs unpinned: the method and the relay's cost, not capacity\n\n_${run.env.date.slice(0, 10)} · Node ${run.env.serverNodes.join(', ')} · ${run.settings.sampleS} s samples, ${run.settings.connections} connections_\n`;
}
