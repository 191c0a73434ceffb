import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { readWorkers, restartDelay } from '../src/cluster.js';

describe('WORKERS', () => {
  it('defaults to 1 (one process, no cluster) and reads integers and auto', () => {
    expect(readWorkers(undefined)).toBe(1);
    expect(readWorkers('')).toBe(1);
    expect(readWorkers('3')).toBe(3);
    expect(readWorkers(' 2 ')).toBe(2);
    expect(readWorkers('auto')).toBe(availableParallelism());
  });
  it('refuses anything else, naming WORKERS and the value', () => {
    for (const bad of ['0', '-1', '1.5', 'two', '257', 'AUTO'])
      expect(() => readWorkers(bad)).toThrow(
        `WORKERS must be an integer from 1 to 256 or "auto", got "${bad}"`,
      );
  });
});

describe('restart back-off', () => {
  it('doubles from 100 ms per crash in a row, capped at 5 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(restartDelay)).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });
});
