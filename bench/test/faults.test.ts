import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../src/model/schema.js';
import { benchOnTargets, builtApp, fixture, testTarget } from './bench-on-targets.js';
import { alive } from './helpers.js';

let dir: string;
let run: Run;
let lines: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bench-faults-'));
  ({ run, lines } = await benchOnTargets(
    [
      '--no-pin',
      '--node',
      'current',
      '--rounds',
      '1',
      '--max-rounds',
      '1',
      '--duration',
      '1',
      '--warmup',
      '0',
      '--scenarios',
      'plaintext',
    ],
    dir,
    (node) => [
      testTarget('node-http-app', builtApp('node-http-app'), node),
      testTarget('wrong-body-app', fixture('wrong-body.mjs'), node),
      testTarget('crash-app', fixture('crash-after.mjs'), node),
      testTarget('unbuilt-app', join(dir, 'nowhere/dist/server.js'), node),
    ],
  ));
}, 30_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const result = (app: string) => run.results.find((r) => r.app === app)!;

describe('faults', () => {
  it('a wrong body fails validation with the reason, and is never measured', () => {
    expect(result('wrong-body-app')).toMatchObject({ status: 'failed', samples: [] });
    expect(result('wrong-body-app').reason).toMatch(
      /^validation: GET \/ body differs from the fixture \("Hello, Wrld!"\)/,
    );
  });

  it('a crash mid-round marks the app failed with exit code and last log lines', () => {
    expect(result('crash-app').status).toBe('failed');
    expect(result('crash-app').reason).toMatch(
      /crashed in round 1 \(exit code 3\): .*boom: crashing on purpose/,
    );
  });

  it('an app that is not built is failed as such', () => {
    expect(result('unbuilt-app').reason).toMatch(/^not built: .*server\.js is missing/);
  });

  it('the rest goes on: the baseline is measured and the failures show in the table', async () => {
    expect(result('node-http-app').status).toBe('ok');
    expect(result('node-http-app').rps!.median).toBeGreaterThan(0);
    const md = (await readFile(join(dir, 'results', 'latest-quick.md'), 'utf8')).replace(/ {2,}/g, ' ');
    expect(md).toContain('| wrong-body-app | test | failed: validation: GET / body differs');
    expect(md).toContain('| crash-app | test | failed: crashed in round 1 (exit code 3)');
    expect(run.kind).toBe('quick');
  });

  it('leaves no server running', () => {
    const pids = lines.flatMap((l) => [...(/\(pid (\d+),/.exec(l)?.slice(1) ?? [])]).map(Number);
    expect(pids.length).toBeGreaterThanOrEqual(3);
    expect(pids.filter(alive)).toEqual([]);
  });
});
