/** The real deck as the tests see it: its text, its markers, and fixture partials standing in for a bench run. */
import { readFile } from 'node:fs/promises';
import { findMarkers } from '../src/markers.js';
import { deckPaths } from '../src/paths.js';
import { hasPartials, writeFixtureResults } from './fixtures.js';

export const paths = deckPaths();

export const readDeck = (): Promise<string> => readFile(paths.deckFile, 'utf8');

/** Scenarios deck.md has a results marker for; `optional` ones only when asked. */
export async function deckScenarios({ optional = true } = {}): Promise<string[]> {
  const names = findMarkers(await readDeck()).flatMap(({ marker }) =>
    marker.kind === 'results' && (optional || !marker.optional) ? [marker.scenario] : [],
  );
  return [...new Set(names)];
}

/**
 * The bench's real partials when a run has written any into slides/generated; otherwise fixture
 * partials for every required scenario, written into `tmp` (never into slides/generated).
 */
export async function resultsDirFor(tmp: string): Promise<{ dir: string; real: boolean }> {
  if (await hasPartials(paths.generatedDir)) return { dir: paths.generatedDir, real: true };
  console.warn(`No results partials in ${paths.generatedDir}: building against fixture partials in ${tmp}.`);
  await writeFixtureResults(tmp, await deckScenarios({ optional: false }));
  return { dir: tmp, real: false };
}
