/**
 * The one rule for what the projector shows: whether a run that may feed the deck (full, matrix,
 * runtimes) replaces the one that feeds it now. A quiet run always does; a noisy one replaces a
 * noisy one of other code, or of the same code when it is no noisier (fewer tables with † on most
 * rows, then a lower canary CV: of two noisy runs of one commit the deck shows the better, not the
 * newer), and never a quiet one — unless the measured code changed between the two, since a
 * quiet run of code that is gone describes nothing on the screen any more.
 */
import { noiseText } from '../stats/noise.js';
import { measuredCommit, shortCommit } from '../report/method.js';
import type { Run } from '../model/schema.js';

export interface Promotion {
  promote: boolean;
  /** Why, in a sentence for the console. */
  why: string;
}

type Judged = Pick<Run, 'noise' | 'env'>;

/**
 * `changed`: the measured code's files that differ between the current headline's commit and the
 * candidate's ([] when none, null when git could not tell: then the code is not known to have changed).
 */
export function promotion(
  candidate: Judged,
  headline: Judged | null,
  changed: readonly string[] | null,
): Promotion {
  if (headline === null) return { promote: true, why: 'no earlier run of its kind feeds the deck' };
  if (candidate.noise.level === 'quiet')
    return { promote: true, why: 'a quiet run replaces any earlier one' };
  if (headline.noise.level !== 'quiet') {
    if (changed !== null && changed.length === 0 && noisier(candidate.noise, headline.noise))
      return {
        promote: false,
        why: `not promoted: this run was noisy (${noiseText(candidate.noise)}), and so was the deck's run of the same measured code, but less (${noiseText(headline.noise)}); the deck and README keep it`,
      };
    return {
      promote: true,
      why: `the deck's run was not quiet either (${headline.noise.level}): this one replaces it`,
    };
  }
  const was = `the deck's run (${headline.env.date.slice(0, 16).replace('T', ' ')} UTC, ${shortCommit(headline.env) ?? 'no commit'}) was quiet`;
  if (changed && changed.length > 0)
    return {
      promote: true,
      why: `${was}, but the measured code changed since (${changed.length} file${changed.length === 1 ? '' : 's'}, e.g. ${changed[0]}): a noisy run of the current code replaces it`,
    };
  const same =
    changed === null
      ? `git could not compare ${measuredCommit(headline.env) ?? 'its commit'} with ${measuredCommit(candidate.env) ?? 'this one'}`
      : 'on the same measured code';
  return {
    promote: false,
    why: `not promoted: this run was noisy (${noiseText(candidate.noise)}) and ${was}, ${same}; the deck and README keep it — run again on a quiet machine`,
  };
}

/** Whether `a` is noisier than `b`: more tables with † on most rows, or as many and a higher canary CV. */
export function noisier(a: Run['noise'], b: Run['noise']): boolean {
  const wa = a.wide?.length ?? 0;
  const wb = b.wide?.length ?? 0;
  if (wa !== wb) return wa > wb;
  return (a.canaryCv ?? Infinity) > (b.canaryCv ?? Infinity);
}
