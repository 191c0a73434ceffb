/** Builders for results and runs in the shape the bench writes, for report and schema tests. */
import type { Result, Run } from '../src/schema.js';

export function makeResult(app: string, rps: number | null, overrides: Partial<Result> = {}): Result {
  return {
    app,
    kind: app.startsWith('reference/') ? 'reference' : 'app',
    framework: app.replace(/-app$|^reference\//g, ''),
    version: '1.0.0',
    node: 'v20.20.2',
    scenario: 'plaintext',
    pipelining: 1,
    unit: 'req/s',
    status: rps === null ? 'failed' : 'ok',
    ...(rps === null
      ? { reason: 'validation: GET / body differs' }
      : { rps: { median: rps, min: rps * 0.9, max: rps * 1.1 } }),
    latencyMs: rps === null ? null : { p50: 1.5, p99: 9.25 },
    ratio: null,
    refRatio: null,
    rssMB: 70,
    idleRssMB: 50,
    cpuSeconds: 4.9,
    perCpuSecond: 50_000,
    throughputMBs: 7.5,
    startupMs: 200,
    loadgenCpu: 0.6,
    notes: [],
    rounds: [],
    ...overrides,
  };
}

export function makeRun(results: Result[], overrides: Partial<Run> = {}): Run {
  return {
    env: {
      node: 'v20.20.2',
      serverNodes: ['v20.20.2'],
      os: 'Linux 6 x64',
      cpu: 'Test CPU',
      cores: 2,
      pinned: true,
      pinning: 'server cpu0, load generator cpu1 (taskset)',
      date: '2025-01-02T03:04:05.678Z',
      gitCommit: 'abc123',
      versions: { autocannon: '9.0.0' },
      fdLimit: 20000,
      loadAverage: 0.1,
    },
    settings: {
      apps: ['node-http-app'],
      scenarios: ['plaintext'],
      rounds: 3,
      durationS: 5,
      warmupS: 2,
      connections: 100,
      pipelining: 1,
      nodes: [],
      pin: true,
      references: true,
      capacityMax: 20000,
      capacityStep: 1000,
    },
    quick: false,
    partial: false,
    method: 'Method: test',
    warnings: [],
    results,
    ...overrides,
  };
}

/** Whether a process with this pid still exists (signal 0 probes without touching it). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
