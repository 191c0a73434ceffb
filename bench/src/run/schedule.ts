/**
 * The interleaving schedule. Within a scenario every target is sampled once per round, in a fresh
 * random order, so drift of the host between rounds hits all targets alike and cancels in the
 * per-round ratios. After the minimum rounds, a round visits only the targets whose interval is
 * still too wide, plus the baseline (a ratio needs its baseline sample from the same round).
 */

/** Fisher–Yates; `random` is injectable for tests. */
export function shuffle<T>(items: readonly T[], random = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The targets to sample in round `round` (1-based), in the order to sample them. The first
 * `minRounds` rounds visit every target; later ones the baseline plus `wide` (those whose interval
 * has not reached the target width). Empty when nothing is left to refine.
 *
 * @example roundOrder(7, ['base', 'a', 'b'], 'base', new Set(['b']), 6) // ['b', 'base'] or ['base', 'b']
 */
export function roundOrder<T>(
  round: number,
  live: readonly T[],
  baseline: T | undefined,
  wide: ReadonlySet<T>,
  minRounds: number,
  random = Math.random,
): T[] {
  if (round <= minRounds) return shuffle(live, random);
  const todo = live.filter((t) => wide.has(t) && t !== baseline);
  if (todo.length === 0) return [];
  return shuffle(baseline !== undefined && live.includes(baseline) ? [baseline, ...todo] : todo, random);
}

/**
 * Whether another round fits: rounds beyond the minimum are taken only while the round ends before
 * the block's deadline and the maximum is not reached.
 */
export function roundFits(
  round: number,
  minRounds: number,
  maxRounds: number,
  nowS: number,
  roundS: number,
  deadlineS: number,
): boolean {
  if (round <= minRounds) return true;
  return round <= maxRounds && nowS + roundS <= deadlineS;
}
