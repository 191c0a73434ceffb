/**
 * `npm run bench -- --generators`: node-http-app, express-app and fastify-app on plaintext under
 * autocannon and under wrk, in interleaved rounds (a fresh random order of generator × app each
 * round), pinned, with the server's CPU and the generator's read over the middle of each 5 s run so
 * that start-up and wind-down do not dilute them. It shows why wrk drives the bench: only a server
 * near 100 % of its core is the bottleneck.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHttp } from '../load/http-scenarios.js';
import { autocannonLabel, chooseHttpGenerator, loadHttpWrk } from '../load/http-wrk.js';
import { parseScenarioId } from '../model/scenario-list.js';
import { PROBE, PROBE_APPS, type GeneratorsRun, type ProbeSample } from '../model/generators.js';
import { gitCommit } from '../targets/env-info.js';
import { resolveNodes } from '../targets/node-versions.js';
import { setUpPinning } from '../targets/pinning.js';
import { ProcSampler } from '../targets/proc-stats.js';
import { stopAll, type ServerProcess } from '../targets/server-process.js';
import { startTarget } from '../targets/start-target.js';
import { BENCH_DIR, buildTargets } from '../targets/targets.js';
import { DEFAULT_SERVER_NODE } from '../model/defaults.js';
import { shuffle } from './schedule.js';
import type { LoadOptions, LoadOutcome } from '../model/load-types.js';
import type { Settings } from '../model/schema.js';
import os from 'node:os';

/** wrk's pid among this process's children (the servers are children too), or null. */
function wrkPid(): number | null {
  try {
    for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
      const kids = readFileSync(`/proc/${process.pid}/task/${tid}/children`, 'utf8').trim();
      for (const pid of kids ? kids.split(/\s+/).map(Number) : []) {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'wrk') return pid;
      }
    }
  } catch {
    // no /proc: the CPU shares stay unknown
  }
  return null;
}

/**
 * Runs `load` for PROBE.seconds and reads server and generator CPU from 1 s in to 1 s before the
 * end: the middle, where both run flat out.
 */
async function measure(
  server: ServerProcess,
  tool: 'wrk' | 'autocannon',
  threads: number,
  load: () => Promise<LoadOutcome>,
): Promise<Omit<ProbeSample, 'round' | 'generator' | 'app'>> {
  const running = load();
  await new Promise((r) => setTimeout(r, 1000));
  const server0 = new ProcSampler(server.pid);
  const gen = tool === 'wrk' ? wrkPid() : null;
  const gen0 = gen === null ? null : new ProcSampler(gen);
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, (PROBE.seconds - 2) * 1000));
  const wall = (performance.now() - t0) / 1000;
  const serverCpu = server0.stop().cpuSeconds;
  const genCpu = gen0?.stop().cpuSeconds ?? null;
  const self = process.cpuUsage(self0);
  const outcome = await running;
  const generatorCpu =
    tool === 'wrk'
      ? genCpu === null
        ? null
        : genCpu / wall / threads
      : (self.user + self.system) / 1e6 / wall / threads;
  return {
    rate: outcome.value,
    serverCpu: serverCpu === null ? null : serverCpu / wall,
    generatorCpu,
    problems: outcome.problems,
  };
}

/** Runs the probe; resolves with what it measured (servers stopped whatever happens). */
export async function runGeneratorsProbe(
  signal: AbortSignal,
  log: (line: string) => void,
): Promise<GeneratorsRun> {
  const pinning = setUpPinning(true);
  const wrk = chooseHttpGenerator('wrk', pinning.generatorCpus, log);
  if (wrk.tool !== 'wrk') throw new Error('the generators probe needs wrk');
  const generators = [autocannonLabel(), wrk.label];
  const [node] = resolveNodes([DEFAULT_SERVER_NODE], join(BENCH_DIR, '.cache'), log);
  const settings = {
    apps: [...PROBE_APPS],
    scenarios: ['plaintext'],
    references: false,
    workers: 1,
  } as Settings;
  const targets = buildTargets(settings, [node!]).filter((t) => t.kind === 'app');
  const variant = parseScenarioId('plaintext')!;
  const servers = new Map<string, ServerProcess>();
  const samples: ProbeSample[] = [];
  try {
    for (const t of targets) {
      const started = await startTarget(t, variant, {
        prefix: pinning.serverPrefix,
        connections: PROBE.connections,
      });
      if (typeof started === 'string') throw new Error(`${t.app}: ${started}`);
      servers.set(t.app, started);
      log(`started ${t.app} (pid ${started.pid}, port ${started.port})`);
    }
    const threads = pinning.generatorThreads;
    const options = (port: number): LoadOptions => ({
      port,
      connections: PROBE.connections,
      seconds: PROBE.seconds,
      signal,
      workers: threads,
    });
    for (let round = 1; round <= PROBE.rounds && !signal.aborted; round++) {
      const order = shuffle(generators.flatMap((g) => PROBE_APPS.map((app) => ({ g, app }))));
      for (const { g, app } of order) {
        if (signal.aborted) break;
        const server = servers.get(app)!;
        const tool = g === wrk.label ? 'wrk' : 'autocannon';
        const load = () =>
          tool === 'wrk'
            ? loadHttpWrk('plaintext', options(server.port), wrk)
            : loadHttp('plaintext', 1, options(server.port));
        const m = await measure(server, tool, threads, load);
        samples.push({ round, generator: g, app, ...m });
        log(
          `r${round} ${g} ${app}: ${Math.round(m.rate)} req/s, server ${Math.round((m.serverCpu ?? NaN) * 100)} %`,
        );
      }
    }
  } finally {
    await stopAll();
  }
  return {
    schemaVersion: 2,
    kind: 'generators',
    env: {
      date: new Date().toISOString(),
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      cores: os.cpus().length,
      pinning: pinning.description,
      serverNode: node!.version,
      gitCommit: gitCommit(),
    },
    settings: { apps: [...PROBE_APPS], generators, ...PROBE },
    samples,
  };
}
