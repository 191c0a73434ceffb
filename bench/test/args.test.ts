import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../src/cli/args.js';
import { parseScenarioId, scenarioId } from '../src/model/scenario-list.js';

describe('parseCli', () => {
  it('defaults to a full run on Node 26: all apps, the default scenarios, 9–30 rounds of 1 s over 2 process lifetimes warmed 2 s each, ±10 %', () => {
    const { settings, quick, help } = parseCli([]);
    expect(quick).toBe(false);
    expect(help).toBe(false);
    expect(settings.apps).toHaveLength(6);
    expect(settings.scenarios).toEqual([
      'plaintext',
      'fortunes',
      'db',
      'queries',
      'updates',
      'db-fortunes',
      'ws-broadcast',
    ]);
    expect(settings).toMatchObject({
      minRounds: 9,
      maxRounds: 30,
      sampleS: 1,
      warmupS: 2,
      lives: 2,
      target: 0.1,
      budgetS: null,
      connections: 100,
      pipelining: 1,
      nodes: ['26'],
      pin: true,
      references: true,
      capacityStep: 5000,
    });
  });

  it('--quick: one round of 1 s samples (wrk runs whole seconds), no warm-up, no capacity ramp, no references', () => {
    expect(parseCli(['--quick']).settings).toMatchObject({
      minRounds: 1,
      maxRounds: 1,
      sampleS: 1,
      warmupS: 0,
    });
    const { settings } = parseCli(['--quick', '--duration', '2']);
    expect(settings.minRounds).toBe(1);
    expect(settings.maxRounds).toBe(1);
    expect(settings.sampleS).toBe(2);
    expect(settings.scenarios).not.toContain('ws-capacity');
    expect(settings.references).toBe(false);
  });

  it('--scenarios: json and ws-echo are opt-in now, the database scenarios are named like the others', () => {
    const { settings } = parseCli([]);
    expect(settings.scenarios).not.toContain('json');
    expect(settings.scenarios).not.toContain('ws-echo');
    expect(parseCli(['--scenarios', 'json,ws-echo,db-fortunes']).settings.scenarios).toEqual([
      'json',
      'ws-echo',
      'db-fortunes',
    ]);
  });

  it('--scenarios: param and ws-capacity run when named, alone or beside the defaults', () => {
    expect(parseCli(['--scenarios', 'param,ws-capacity']).settings.scenarios).toEqual([
      'param',
      'ws-capacity',
    ]);
    expect(() => parseCli(['--scenarios', 'params'])).toThrow(
      /unknown scenario "params"; known: .*ws-capacity/,
    );
  });

  it('--generator: wrk by default, autocannon on request, nothing else', () => {
    expect(parseCli([]).settings.generator).toBe('wrk');
    expect(parseCli(['--generator', 'autocannon']).settings.generator).toBe('autocannon');
    expect(() => parseCli(['--generator', 'ab'])).toThrow(/--generator takes wrk or autocannon/);
  });

  it('--matrix: Node 20, 22, 24 and 26, plaintext and fortunes, every app, no reference servers', () => {
    const { settings, matrix } = parseCli(['--matrix']);
    expect(matrix).toBe(true);
    expect(settings).toMatchObject({ nodes: ['20', '22', '24', '26'], scenarios: ['plaintext', 'fortunes'] });
    expect(settings.references).toBe(false);
  });

  it('--rounds raises the minimum (and the maximum with it), --target is in %, --budget in seconds or minutes', () => {
    expect(parseCli(['--rounds', '40']).settings).toMatchObject({ minRounds: 40, maxRounds: 40 });
    expect(parseCli(['--target', '3']).settings.target).toBeCloseTo(0.03);
    expect(parseCli(['--budget', '8m']).settings.budgetS).toBe(480);
    expect(parseCli(['--budget', '300']).settings.budgetS).toBe(300);
    expect(parseCli(['--node', 'current']).settings.nodes).toEqual(['current']);
  });

  it('reads lists, numbers, repeated --node and --no-pin', () => {
    const { settings } = parseCli([
      '--apps',
      'node-http-app, koa-app',
      '--scenarios',
      'json',
      '--rounds',
      '2',
      '--warmup',
      '0',
      '--node',
      '20',
      '--node',
      '24',
      '--no-pin',
    ]);
    expect(settings).toMatchObject({
      apps: ['node-http-app', 'koa-app'],
      scenarios: ['json'],
      minRounds: 2,
      warmupS: 0,
      nodes: ['20', '24'],
      pin: false,
    });
  });

  it('--pipelining N adds a labelled pipelined variant of every HTTP scenario', () => {
    const { settings } = parseCli(['--pipelining', '10', '--scenarios', 'plaintext,plaintext-p10']);
    expect(settings.pipelining).toBe(10);
    expect(settings.scenarios).toEqual(['plaintext', 'plaintext-p10']);
    expect(parseCli(['--pipelining', '10', '--quick']).settings.scenarios).toContain('fortunes-p10');
  });

  it.each([
    [['--rounds', '0']],
    [['--rounds', '1.5']],
    [['--duration', 'abc']],
    [['--connections', '-1']],
    [['--apps', 'rails-app']],
    [['--scenarios', 'graphql']],
    [['--scenarios', 'ws-echo-p10']],
    [['--node', 'latest']],
    [['--rounds', '8', '--max-rounds', '7']],
    [['--quick', '--matrix']],
    [['--budget', 'soon']],
    [['--bogus']],
    [['positional']],
  ])('rejects %j with a UsageError', (argv) => {
    expect(() => parseCli(argv)).toThrow(UsageError);
  });
});

describe('scenario ids', () => {
  it('round-trips base and pipelined names', () => {
    expect(scenarioId({ base: 'json', pipelining: 1 })).toBe('json');
    expect(parseScenarioId('json-p10')).toEqual({ base: 'json', pipelining: 10 });
    expect(parseScenarioId('ws-broadcast')).toEqual({ base: 'ws-broadcast', pipelining: 1 });
    expect(parseScenarioId('nope')).toBeUndefined();
  });
});

describe('the CLI on bad arguments', () => {
  it('prints the usage and exits 2', () => {
    const cli = fileURLToPath(new URL('../src/cli/bench.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', cli, '--rounds', 'many'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--rounds must be');
    expect(result.stderr).toContain('Usage: npm run bench');
  });
});

describe('--workers', () => {
  it('defaults to 1 and takes a whole number', async () => {
    const { parseCli } = await import('../src/cli/args.js');
    expect(parseCli([]).settings.workers).toBe(1);
    expect(parseCli(['--workers', '2']).settings.workers).toBe(2);
    expect(() => parseCli(['--workers', '0'])).toThrow('--workers must be a whole number > 0, got "0"');
    expect(() => parseCli(['--workers', 'x'])).toThrow('--workers must be a whole');
  });
});
