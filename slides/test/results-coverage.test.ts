import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenariosIn } from '../src/results.js';
import { deckScenarios, paths } from './deck-source.js';

const latestFile = join(paths.root, 'bench/results/latest.json');
const committed = existsSync(latestFile);
if (!committed) {
  console.warn(
    `Skipping the results-coverage check: ${latestFile} does not exist yet (run \`npm run bench\`).`,
  );
}

describe('results coverage', () => {
  it.skipIf(!committed)(
    'deck.md has a results marker for every scenario in bench/results/latest.json',
    async () => {
      const inRun = scenariosIn(JSON.parse(readFileSync(latestFile, 'utf8')));
      const onDeck = new Set(await deckScenarios());
      const missing = inRun.filter((s) => !onDeck.has(s));
      expect(missing, 'scenarios in latest.json without a <!-- results: … --> slide in deck.md').toEqual([]);
    },
  );
});
