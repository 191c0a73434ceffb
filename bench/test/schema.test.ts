import { describe, expect, it } from 'vitest';
import { runSchema } from '../src/model/schema.js';
import { makeResult, makeRun } from './helpers.js';

describe('results schema', () => {
  it('accepts a run in the documented shape, version 2', () => {
    const run = makeRun([makeResult('node-http-app', 1), makeResult('express-app', null)]);
    expect(runSchema.parse(run)).toEqual(run);
    expect(runSchema.safeParse({ ...run, schemaVersion: 1 }).success).toBe(false);
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
    const run = makeRun([makeResult('node-http-app', 1, { rps: { median: Number.NaN, min: 1, max: 1 } })]);
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
