import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../src/args.js';
import { parseScenarioId, scenarioId } from '../src/scenario-list.js';

describe('parseCli', () => {
  it('defaults to a full run: all apps, all scenarios, 3 × 5 s after 2 s warm-up, pinned, references', () => {
    const { settings, quick, help } = parseCli([]);
    expect(quick).toBe(false);
    expect(help).toBe(false);
    expect(settings.apps).toHaveLength(6);
    expect(settings.scenarios).toEqual([
      'plaintext',
      'json',
      'param',
      'fortunes',
      'ws-echo',
      'ws-broadcast',
      'ws-capacity',
    ]);
    expect(settings).toMatchObject({
      rounds: 3,
      durationS: 5,
      warmupS: 2,
      connections: 100,
      pipelining: 1,
      pin: true,
      references: true,
    });
  });

  it('--quick: one short round, no capacity ramp, no reference servers; explicit values still win', () => {
    const { settings } = parseCli(['--quick', '--duration', '2']);
    expect(settings.rounds).toBe(1);
    expect(settings.durationS).toBe(2);
    expect(settings.scenarios).not.toContain('ws-capacity');
    expect(settings.references).toBe(false);
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
      rounds: 2,
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
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', cli, '--rounds', 'many'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--rounds must be');
    expect(result.stderr).toContain('Usage: npm run bench');
  });
});
