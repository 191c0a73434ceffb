/**
 * TechEmpower's `queries` parameter for `/queries` and `/updates`: missing, empty, not an integer or
 * below 1 → 1; above 500 → 500 (the verifier sends `2`, `0`, `foo`, `501` and an empty value).
 *
 * Only a whole string of ASCII digits is an integer here, so `20abc`, `1.5`, `1e3`, `+5`, `-1`, ` 7`
 * and `0x10` all give 1 (`parseInt` would read `20abc` as 20 and `1e3` as 1: a lenient parse that
 * differs between frameworks is what this function exists to avoid). Leading zeros are fine (`007`
 * → 7), and a number of any length above 500 clamps to 500 (a 40-digit value too, never Infinity or
 * NaN). The value arrives percent-decoded by the URL parser (`%32` is already `2`); when the
 * parameter is given twice, apps pass the first value, as `URLSearchParams.get` does.
 */
export const MIN_QUERIES = 1;
export const MAX_QUERIES = 500;

export function parseQueries(raw: string | null | undefined): number {
  if (!raw || !/^[0-9]+$/.test(raw)) return MIN_QUERIES;
  // Comparing digit strings' lengths first keeps huge values exact: Number() of 40 digits rounds.
  const digits = raw.replace(/^0+/, '');
  if (digits.length > String(MAX_QUERIES).length) return MAX_QUERIES;
  return Math.min(MAX_QUERIES, Math.max(MIN_QUERIES, Number(digits)));
}
