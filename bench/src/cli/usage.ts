/** The `--help` text, from the same defaults the parser uses. */
import { APPS } from '@repo/fixtures';
import {
  BUDGET_FACTOR,
  DEFAULT_SCENARIOS,
  DEFAULT_SERVER_NODE,
  FULL,
  MATRIX_NODES,
  MATRIX_SCENARIOS,
  QUICK,
} from '../model/defaults.js';
import { BASE_SCENARIOS } from '../model/scenario-list.js';
import { DEFAULT_SLO_MS, LATENCY_FULL, LATENCY_QUICK, LATENCY_SCENARIOS } from '../model/latency.js';

/** `plaintext 25–90, fortunes 25–90, queries 10–70`: each scenario's ladder, lowest and highest step. */
const ladderText = LATENCY_SCENARIOS.map((sc) => {
  const f = LATENCY_FULL.fractions[sc].map((x) => Math.round(x * 100));
  return `${sc} ${f[0]}–${f.at(-1)}`;
}).join(', ');

export const USAGE = `Usage: npm run bench -- [options]

  --quick             ${QUICK.minRounds} round of ${QUICK.sampleS} s samples, no warm-up, no reference servers (≤ 60 s)
  --generator G       wrk (default) or autocannon: what drives the closed-loop HTTP scenarios; without
                      wrk installed the bench says how to install it, uses autocannon, and the run
                      feeds neither the deck nor the README
  --generators        probe: node-http-app, express-app, fastify-app on plaintext under autocannon and
                      wrk, 4 interleaved rounds × 5 s, server and generator CPU (≈ 2.5 min; the deck's
                      "Why wrk" table, nothing else)
  --latency           open loop: every HTTP app at one ladder of fixed rates per scenario (${ladderText} % of
                      node-http-app's closed-loop capacity under wrk), latency corrected for coordinated
                      omission, capacity at the p99 target over ${LATENCY_FULL.lifetimes} process lifetimes
                      (≤ 8 min; with --quick ${LATENCY_QUICK.lifetimes} lifetime, ≤ 1 min); takes --apps, --scenarios
  --slo MS            the latency run's p99 target in ms (default ${DEFAULT_SLO_MS}; 2.5 and 5ms work too)
  --matrix            Node ${MATRIX_NODES.join(', ')}: ${MATRIX_SCENARIOS.join(' and ')}, every app (the Node-matrix slide)
  --apps a,b          apps to run (default: all): ${APPS.map((a) => a.name).join(', ')}
  --scenarios x,y     scenarios (default: ${DEFAULT_SCENARIOS.join(', ')}); known: ${BASE_SCENARIOS.join(', ')}
                      and <http-scenario>-p<N> for a pipelined variant; a run with every default
                      scenario and more is still a full run and feeds the extra scenarios' slides
  --rounds N          rounds every target is sampled in, at least (default ${FULL.minRounds})
  --lives N           fresh processes per target and scenario, the rounds split between them (default ${FULL.lives})
  --max-rounds N      rounds at most, for cells whose interval is still too wide (default ${FULL.maxRounds})
  --duration S        seconds per sample (default ${FULL.sampleS})
  --warmup S          warm-up seconds per target process, each lifetime (default ${FULL.warmupS})
  --target P          wanted 95 % interval half-width of each ratio, in % (default ${FULL.target * 100})
  --budget S          seconds the run may take (default: its fixed part × ${BUDGET_FACTOR}; "8m" for minutes)
  --connections N     HTTP connections / WebSocket callers and room members (default ${FULL.connections})
  --pipelining N      also run every HTTP scenario with N pipelined requests (labelled -p<N>)
  --node V            Node.js for the servers: a major (fetched from npm), "current" (the Node
                      running the bench) or a path; repeat for a matrix (default: ${DEFAULT_SERVER_NODE})
  --runtime R         node[@<major>], bun[@<version>] or deno[@<version>], repeatable: hono-app on Bun's
                      and Deno's own servers (fetched from npm), node-http-app on Node as the baseline;
                      --node 24 is --runtime node@24 (without a node@…, Node ${DEFAULT_SERVER_NODE} is added)
  --capacity-max N    ws-capacity stops at N clients (default ${FULL.capacityMax}, or the open-files limit)
  --capacity-step N   ws-capacity adds N clients per step (default ${FULL.capacityStep})
  --workers N         also run plaintext and queries on N node:cluster workers (a database pool of
                      8 each), and ws-broadcast through Redis on 1 and N workers (redis-server started
                      by the bench); rows in their own table
  --no-pin            do not pin server and load generator to separate CPUs with taskset
  --help              this text

Environment: BENCH_RESULTS_DIR, BENCH_GENERATED_DIR, BENCH_README (empty: skip) redirect outputs.`;
