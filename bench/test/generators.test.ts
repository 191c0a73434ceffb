/** The generators probe's table and its outputs, from a hand-made probe (no load is run here). */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../src/cli/args.js';
import { writeGeneratorsOutputs } from '../src/output/generators.js';
import { generatorsTable } from '../src/report/generators.js';
import { PROBE, PROBE_APPS, type GeneratorsRun, type ProbeSample } from '../src/model/generators.js';

const GENS = ['autocannon 9.0.0', 'wrk 4.1.0'];
const SERVER: Record<string, [number, number]> = {
  'autocannon 9.0.0': [0.85, 0.99],
  'wrk 4.1.0': [0.99, 0.6],
};

function probe(): GeneratorsRun {
  const samples: ProbeSample[] = [];
  for (let round = 1; round <= PROBE.rounds; round++)
    for (const generator of GENS)
      for (const app of PROBE_APPS) {
        const [serverCpu, generatorCpu] = SERVER[generator]!;
        const rate = (app === 'node-http-app' ? 40_000 : 20_000) * serverCpu;
        samples.push({ round, generator, app, rate, serverCpu, generatorCpu, problems: [] });
      }
  samples[0]!.problems.push('3 HTTP error responses (status ≥ 400)'); // left out of the medians
  samples[0]!.rate = 1;
  return {
    schemaVersion: 2,
    kind: 'generators',
    env: {
      date: '2026-12-02T18:00:00.000Z',
      cpu: 'Test CPU',
      cores: 2,
      pinning: 'server cpu0, load generator cpu1 (taskset)',
      serverNode: 'v26.10.0',
      gitCommit: null,
    },
    settings: { apps: [...PROBE_APPS], generators: GENS, ...PROBE },
    samples,
  };
}

describe('npm run bench -- --generators', () => {
  it('is its own run kind, not with --quick or --matrix', () => {
    expect(parseCli(['--generators']).generators).toBe(true);
    expect(() => parseCli(['--generators', '--quick'])).toThrow(UsageError);
  });

  it('tables server CPU and req/s per app and the generator CPU, per generator', () => {
    const table = generatorsTable(probe()).replace(/ {2,}/g, ' ');
    expect(table).toContain('| generator | node-http-app | express-app | fastify-app | generator CPU |');
    expect(table).toContain(
      '| autocannon 9.0.0 | server 85 %, 34,000 req/s | server 85 %, 17,000 req/s | server 85 %, 17,000 req/s | 99 % |',
    );
    expect(table).toContain('| wrk 4.1.0 | server 99 %, 39,600 req/s |');
  });

  it('writes its JSON, latest-generators.{json,md} and the deck partial, nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-generators-'));
    try {
      const dirs = { results: join(dir, 'results'), generated: join(dir, 'generated'), readme: null };
      await writeGeneratorsOutputs(probe(), dirs);
      expect((await readdir(dirs.results)).sort()).toEqual([
        '2026-12-02T18-00-00-000Z-generators.json',
        'latest-generators.json',
        'latest-generators.md',
        'runs.md',
      ]);
      expect(await readdir(dirs.generated)).toEqual(['generators.md']);
      expect(await readFile(join(dirs.generated, 'generators.md'), 'utf8')).toMatch(/^\| generator /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
