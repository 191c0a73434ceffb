import { describe, expect, it } from 'vitest';
import { runSchema } from '../src/schema.js';
import { makeResult, makeRun } from './helpers.js';

describe('results schema', () => {
  it('accepts a run in the documented shape', () => {
    const run = makeRun([makeResult('node-http-app', 60_000), makeResult('express-app', null)]);
    expect(runSchema.parse(run)).toEqual(run);
  });

  it('rejects a result without app or with an unknown status', () => {
    const run = makeRun([makeResult('node-http-app', 1)]);
    expect(runSchema.safeParse({ ...run, results: [{ ...run.results[0], app: undefined }] }).success).toBe(
      false,
    );
    expect(runSchema.safeParse({ ...run, results: [{ ...run.results[0], status: 'meh' }] }).success).toBe(
      false,
    );
  });

  it('rejects NaN where a number belongs (JSON would turn it into null silently)', () => {
    const run = makeRun([makeResult('node-http-app', Number.NaN)]);
    expect(runSchema.safeParse(run).success).toBe(false);
  });

  it('requires env.pinned and partial', () => {
    const run = makeRun([]);
    const { pinned: _pinned, ...env } = run.env;
    expect(runSchema.safeParse({ ...run, env }).success).toBe(false);
    const { partial: _partial, ...rest } = run;
    expect(runSchema.safeParse(rest).success).toBe(false);
  });
});
