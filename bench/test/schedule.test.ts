import { describe, expect, it } from 'vitest';
import { roundFits, roundOrder, shuffle } from '../src/run/schedule.js';

/** A deterministic random source. */
function seeded(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('shuffle', () => {
  it('returns a permutation and leaves the input alone (Fisher–Yates)', () => {
    const apps = ['a', 'b', 'c', 'd', 'e'];
    expect([...shuffle(apps)].sort()).toEqual(apps);
    expect(apps).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(shuffle([1, 2, 3], () => 0)).toEqual([2, 3, 1]);
    expect(shuffle([1, 2, 3], () => 0.999)).toEqual([1, 2, 3]);
  });
});

describe('the interleaving schedule', () => {
  const targets = ['base', 'koa', 'express', 'hono', 'fastify'];

  it('visits every target once per round, in a fresh random order, for the minimum rounds', () => {
    const random = seeded(7);
    const orders = [1, 2, 3, 4, 5, 6].map((r) => roundOrder(r, targets, 'base', new Set(), 6, random));
    for (const order of orders) expect([...order].sort()).toEqual([...targets].sort());
    // Not one fixed order: A B C, C B A … differ between rounds.
    expect(new Set(orders.map((o) => o.join())).size).toBeGreaterThan(1);
  });

  it('after the minimum, visits only the targets still too wide, and the baseline with them', () => {
    const order = roundOrder(7, targets, 'base', new Set(['koa', 'express']), 6, seeded(1));
    expect([...order].sort()).toEqual(['base', 'express', 'koa']);
  });

  it('keeps the baseline in every round even when it is itself among the wide ones', () => {
    const order = roundOrder(8, targets, 'base', new Set(['base', 'hono']), 6, seeded(2));
    expect([...order].sort()).toEqual(['base', 'hono']);
  });

  it('ends the block when nothing is left to refine', () => {
    expect(roundOrder(7, targets, 'base', new Set(), 6)).toEqual([]);
  });

  it('takes extra rounds only while they fit before the deadline and under the maximum', () => {
    expect(roundFits(6, 6, 30, 999, 10, 100)).toBe(true); // the minimum is always taken
    expect(roundFits(7, 6, 30, 80, 10, 100)).toBe(true);
    expect(roundFits(7, 6, 30, 95, 10, 100)).toBe(false);
    expect(roundFits(31, 6, 30, 0, 10, 100)).toBe(false);
  });
});
