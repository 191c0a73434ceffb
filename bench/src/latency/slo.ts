/**
 * The latency target of a `--latency` run: `--slo 5`, `--slo 2.5` or `--slo 5ms`, always
 * milliseconds. Anything else is refused with a typed error the CLI turns into exit code 2; a unit
 * other than ms is refused rather than guessed, because `--slo 5s` meant as milliseconds would
 * quietly pass every step.
 */

/** A latency target that is not a positive number of milliseconds. */
export class SloError extends Error {
  override readonly name = 'SloError';
  readonly code = 'ERR_BENCH_SLO';
}

const SLO = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms)?$/i;

/**
 * The SLO in ms.
 *
 * @example parseSlo('5ms') // 5
 * @example parseSlo('0') // throws SloError
 */
export function parseSlo(text: string): number {
  const match = SLO.exec(text.trim());
  const ms = match ? Number(match[1]) : Number.NaN;
  if (!(ms > 0) || !Number.isFinite(ms)) {
    throw new SloError(
      `--slo wants a positive latency target in milliseconds (5, 2.5 or 5ms), not ${JSON.stringify(text)}`,
    );
  }
  return ms;
}
