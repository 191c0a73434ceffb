/**
 * The slides CLI (`node lib/build.js`):
 *
 *   node lib/build.js            expand markers → dist/deck.md → dist/index.html
 *   node lib/build.js --pdf      … and dist/deck.pdf through Chromium (CHROME_PATH)
 *   node lib/build.js --watch    build, then live preview with reload
 *
 * `--deck`, `--generated` and `--out` (or SLIDES_GENERATED_DIR / SLIDES_OUT_DIR) move the inputs
 * and outputs, e.g. to build against fixture partials; `--talk` and `--package` name another
 * talk.config.json or package.json (e.g. to preview the take-home slides with a repository set).
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDeck } from './build-deck.js';
import { deckPaths } from './paths.js';
import { watchDeck } from './watch.js';

const { values } = parseArgs({
  options: {
    watch: { type: 'boolean', default: false },
    pdf: { type: 'boolean', default: false },
    deck: { type: 'string' },
    generated: { type: 'string' },
    out: { type: 'string' },
    talk: { type: 'string' },
    package: { type: 'string' },
  },
});

const paths = deckPaths({
  deckFile: values.deck,
  generatedDir: values.generated,
  outDir: values.out,
  talkFile: values.talk,
  packageFile: values.package,
});

if (values.watch) {
  await watchDeck(paths);
} else {
  const started = performance.now();
  try {
    const result = await buildDeck(paths, { pdf: values.pdf });
    for (const warning of result.warnings) console.warn(`slides: warning: ${warning}`);
    // Printed, never fatal: old numbers are still numbers, but the speaker must know they are old.
    for (const note of result.stale) console.warn(`slides: ${note}: rerun \`npm run bench\``);
    const outputs = [result.html, result.pdf]
      .filter((f) => f !== null)
      .map((f) => relative(process.cwd(), f));
    const skipped = result.dropped.length ? ` (left out, no results yet: ${result.dropped.join(', ')})` : '';
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`slides: ${result.slideCount} slides → ${outputs.join(', ')} in ${seconds} s${skipped}`);
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  }
}
