/**
 * Where the deck's inputs and outputs live. Every path can be overridden (flag or environment
 * variable) so tests build from fixture partials into a temp folder and never touch slides/.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** `slides/`: this file sits one level down, in `src/` (tsx, vitest) or `lib/` (node, compiled; `dist/` holds only the deck). */
export const SLIDES_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface DeckPaths {
  /** Repository root: code marker paths are relative to it. */
  root: string;
  /** The hand-written deck. */
  deckFile: string;
  /** The bench's `<scenario>.md` and `.svg`. */
  generatedDir: string;
  /** Where `deck.md` (expanded), `index.html` and `deck.pdf` are written. */
  outDir: string;
  /** Marp CLI settings. */
  configFile: string;
  /** Title, speaker, event and date of the talk: the one file the speaker edits. */
  talkFile: string;
  /** The root `package.json`, whose `repository` field the title and last slides show. */
  packageFile: string;
}

/**
 * The default paths, with `SLIDES_GENERATED_DIR` and `SLIDES_OUT_DIR` (environment) and then
 * `overrides` applied on top.
 *
 * @example
 * deckPaths({ generatedDir: '/tmp/fixtures', outDir: '/tmp/out' });
 */
export function deckPaths(
  overrides: Partial<DeckPaths> = {},
  env: NodeJS.ProcessEnv = process.env,
): DeckPaths {
  // Relative overrides (command-line flags) are taken from the current directory.
  const defined = Object.fromEntries(
    Object.entries(overrides).flatMap(([key, value]) => (value === undefined ? [] : [[key, resolve(value)]])),
  ) as Partial<DeckPaths>;
  return {
    root: resolve(SLIDES_DIR, '..'),
    deckFile: resolve(SLIDES_DIR, 'deck.md'),
    generatedDir: resolve(env.SLIDES_GENERATED_DIR || resolve(SLIDES_DIR, 'generated')),
    outDir: resolve(env.SLIDES_OUT_DIR || resolve(SLIDES_DIR, 'dist')),
    configFile: resolve(SLIDES_DIR, 'marp.config.yml'),
    talkFile: resolve(SLIDES_DIR, 'talk.config.json'),
    packageFile: resolve(SLIDES_DIR, '..', 'package.json'),
    ...defined,
  };
}
