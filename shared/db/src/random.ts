/** Rows in `world`: ids and random numbers are both 1–10000 (TechEmpower's rule). */
export const WORLD_ROWS = 10_000;

/**
 * A uniform integer in 1–10000, for a row id or a new random number. `Math.random` is enough: the
 * test wants spread-out rows, not secrets, and a crypto source would cost a syscall-backed buffer per
 * call on the hot path for no benefit.
 */
export function randomWorldId(): number {
  return 1 + Math.floor(Math.random() * WORLD_ROWS);
}
