/**
 * wrk drives the bench for real: node-http-app (built) and a server answering 500 half the time,
 * one round of 1 s, pinned where taskset exists. The server's CPU and wrk's own are recorded per
 * sample, and any error response fails the cell. Needs `wrk` on PATH: skipped locally with the
 * install hint when it is missing, a failure under CI=true (wrk.test.ts does the same).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WrkMissingError, wrkAvailable } from '../src/load/wrk.js';
import type { Run } from '../src/model/schema.js';
import { benchOnTargets, builtApp, fixture, testTarget } from './bench-on-targets.js';

const hasWrk = wrkAvailable() !== null;
if (!hasWrk && process.env.CI) throw new Error(`CI=true: ${new WrkMissingError().message}`);
if (!hasWrk) console.warn(`Skipping the wrk bench tests. ${new WrkMissingError().message}`);

describe.skipIf(!hasWrk)('wrk drives the closed-loop HTTP cells', () => {
  let dir: string;
  let run: Run;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-wrk-'));
    ({ run } = await benchOnTargets(
      ['--node', 'current', '--quick', '--scenarios', 'plaintext'],
      dir,
      (node) => [
        testTarget('node-http-app', builtApp('node-http-app'), node),
        testTarget('half-500-app', fixture('half-500.mjs'), node),
      ],
    ));
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('validates, loads node-http-app with wrk and records its server CPU and wrk’s CPU', () => {
    expect(run.env.httpGenerator).toMatch(/^wrk \d/);
    expect(run.blocks[0]!.generator).toBe(run.env.httpGenerator);
    expect(run.blocks[0]!.method).toContain(`load by ${run.env.httpGenerator}`);
    const node = run.results.find((r) => r.app === 'node-http-app')!;
    expect(node.status, node.reason).toBe('ok');
    expect(node.rps!.median).toBeGreaterThan(0);
    const [sample] = node.samples;
    expect(sample!.serverCpu).toBeGreaterThan(0);
    expect(sample!.loadgenCpu).toBeGreaterThan(0);
    expect(node.serverCpu).toBeGreaterThan(0);
    expect(typeof node.serverBound).toBe('boolean');
  });

  it('fails the cell of a server answering 500 half the time: no rate, no ratio', async () => {
    const half = run.results.find((r) => r.app === 'half-500-app')!;
    expect(half.status).toBe('invalid');
    expect(half.reason).toMatch(/HTTP error responses \(status ≥ 400\)/);
    expect(half.rps).toBeUndefined();
    expect(half.ratio).toBeNull();
    const md = (await readFile(join(dir, 'results', 'latest-quick.md'), 'utf8')).replace(/ {2,}/g, ' ');
    expect(md).toMatch(/\| half-500-app \| test \| invalid/);
  });
});
