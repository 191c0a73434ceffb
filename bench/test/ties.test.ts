import { describe, expect, it } from 'vitest';
import { rankLabel, rankRanges, rankRangesWithin, tied } from '../src/stats/ties.js';

const row = (median: number, lo: number, hi: number) => ({ median, lo, hi });

describe('tie marking', () => {
  it('gives a clear rank only where an interval overlaps no other', () => {
    const ranks = rankRanges([
      row(1.04, 1.02, 1.07), // tcp-app: above everyone, but overlaps fastify
      row(1.0, 1.0, 1.0), // baseline
      row(1.03, 1.01, 1.05), // fastify: overlaps tcp-app and nothing lower… except nobody
      row(0.64, 0.61, 0.66), // koa
      row(0.6, 0.57, 0.62), // express: overlaps koa
    ]);
    expect(ranks.map(rankLabel)).toEqual(['1–2', '3', '1–2', '4–5', '4–5']);
  });

  it('never calls a tie a win: touching intervals tie, and overlap need not be transitive', () => {
    const ranks = rankRanges([row(1.0, 0.95, 1.0), row(1.05, 1.0, 1.1), row(0.92, 0.9, 0.96)]);
    // A touches B (a tie), A overlaps C (a tie), but B is wholly above C.
    expect(ranks.map(rankLabel)).toEqual(['1–3', '1–2', '2–3']);
    expect(tied(row(1.0, 0.95, 1.0), row(1.05, 1.0, 1.1))).toBe(true);
    expect(tied(row(1.05, 1.0, 1.1), row(0.92, 0.9, 0.96))).toBe(false);
  });

  it('leaves rows without an interval unranked, and out of the others’ ranks', () => {
    const ranks = rankRanges([row(1, 1, 1), { median: 0.5, lo: null, hi: null }, null, row(0.5, 0.4, 0.6)]);
    expect(ranks.map(rankLabel)).toEqual(['1', '–', '–', '2']);
  });

  it('ranks each group among itself only: rows of another table neither push a row down nor tie with it', () => {
    const rows = [row(1, 1, 1), row(0.6, 0.55, 0.62), row(1.1, 1.05, 1.15), row(0.61, 0.6, 0.63), null];
    const groups = ['apps', 'apps', 'references', 'references', 'apps'];
    expect(rankRangesWithin(rows, groups).map(rankLabel)).toEqual(['1', '2', '1', '2', '–']);
    // Ranked together, the reference above the baseline pushes it to 2 and the two 0.6s tie.
    expect(rankRanges(rows).map(rankLabel)).toEqual(['2', '3–4', '1', '3–4', '–']);
  });
});
