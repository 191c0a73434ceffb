/**
 * Ties are stated, not ranked: a target's rank is the range of places it could take given every
 * interval. It is certainly behind each target whose interval lies wholly above its own, and
 * certainly ahead of each whose interval lies wholly below; the others overlap it, so it is tied with
 * them. Overlap need not be transitive (A ≈ B, B ≈ C, A > C), which a range expresses and a
 * grouping would not.
 */

/** What ranking needs of a row: its comparison interval (null: not rankable). */
export interface Rankable {
  median: number;
  lo: number | null;
  hi: number | null;
}

/** Best and worst place (1 = first); equal when the interval overlaps no other. */
export interface RankRange {
  best: number;
  worst: number;
}

/**
 * Rank ranges for `rows`, bigger is better; null for rows without an interval. Touching intervals
 * (one's low end equal to the other's high end) overlap: a tie, never a win.
 *
 * @example rankRanges([{ median: 1, lo: 1, hi: 1 }, { median: 0.97, lo: 0.93, hi: 1.02 }, { median: 0.6, lo: 0.55, hi: 0.66 }])
 * // [{ best: 1, worst: 2 }, { best: 1, worst: 2 }, { best: 3, worst: 3 }]
 */
export function rankRanges(rows: readonly (Rankable | null)[]): (RankRange | null)[] {
  const ranked = rows.filter(
    (r): r is Rankable & { lo: number; hi: number } => r !== null && r.lo !== null && r.hi !== null,
  );
  return rows.map((row) => {
    if (!row || row.lo === null || row.hi === null) return null;
    const above = ranked.filter((o) => o.lo > row.hi!).length;
    const below = ranked.filter((o) => o.hi < row.lo!).length;
    return { best: above + 1, worst: ranked.length - below };
  });
}

/**
 * Rank ranges within groups: each row is ranked only against the rows of its own group (`groups[i]`
 * names row i's), the rows one table shows, so a six-row table never says "8–10" because of rows
 * shown elsewhere.
 *
 * @example rankRangesWithin([{ median: 1, lo: 1, hi: 1 }, { median: 1.1, lo: 1.05, hi: 1.15 }], ['apps', 'references'])
 * // [{ best: 1, worst: 1 }, { best: 1, worst: 1 }]
 */
export function rankRangesWithin(
  rows: readonly (Rankable | null)[],
  groups: readonly string[],
): (RankRange | null)[] {
  const out = new Array<RankRange | null>(rows.length).fill(null);
  for (const group of new Set(groups)) {
    const members = rows.flatMap((_, i) => (groups[i] === group ? [i] : []));
    rankRanges(members.map((i) => rows[i] ?? null)).forEach((rank, k) => (out[members[k]!] = rank));
  }
  return out;
}

/** `3` for a clear place, `2–4` for a tie. */
export function rankLabel(rank: RankRange | null): string {
  if (!rank) return '–';
  return rank.best === rank.worst ? String(rank.best) : `${rank.best}–${rank.worst}`;
}

/** Whether two rows' intervals overlap (so neither beats the other). */
export function tied(a: Rankable, b: Rankable): boolean {
  if (a.lo === null || a.hi === null || b.lo === null || b.hi === null) return true;
  return a.lo <= b.hi && b.lo <= a.hi;
}
