import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MissingResultsError, readResults, scenariosIn } from '../src/results.js';
import { removeDir, tempDir, writeFixtureResults } from './fixtures.js';

describe('readResults', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
    await writeFixtureResults(dir, ['plaintext']);
  });
  afterAll(() => removeDir(dir));

  it('reads the table and the chart', async () => {
    const r = await readResults(dir, 'plaintext');
    expect(r.markdown).toContain('FIXTURE for plaintext');
    expect(r.chart).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it('rejects a missing partial with a MissingResultsError naming the scenario', async () => {
    const err = await readResults(dir, 'fortunes').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingResultsError);
    expect((err as Error).message).toContain('no results for scenario "fortunes"');
  });

  it('refuses names that are not scenario names', async () => {
    await expect(readResults(dir, '../x')).rejects.toThrow('is not a scenario name');
  });
});

describe('scenariosIn', () => {
  it("reads the bench's run file (results rows and settings)", () => {
    const run = {
      settings: { scenarios: ['plaintext', 'ws-echo'] },
      results: [
        { app: 'node-http-app', scenario: 'plaintext' },
        { app: 'koa-app', scenario: 'json' },
      ],
    };
    expect(scenariosIn(run)).toEqual(['json', 'plaintext']);
  });

  it('reads the other obvious shapes', () => {
    expect(scenariosIn({ scenarios: ['b', 'a'] })).toEqual(['a', 'b']);
    expect(scenariosIn({ scenarios: [{ name: 'a' }, { scenario: 'b' }] })).toEqual(['a', 'b']);
    expect(scenariosIn({ scenarios: { a: {}, b: {} } })).toEqual(['a', 'b']);
    expect(scenariosIn([{ scenario: 'a' }])).toEqual(['a']);
  });

  it('throws rather than guess on an unknown shape', () => {
    expect(() => scenariosIn({ rows: [] })).toThrow('unknown shape');
  });
});

describe('scenariosIn, a run without result rows', () => {
  it('falls back to the scenarios the run set out to measure', () => {
    expect(scenariosIn({ settings: { scenarios: ['ws-echo'] }, results: [] })).toEqual(['ws-echo']);
  });
});
