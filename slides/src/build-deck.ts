/**
 * One build of the deck: expand the markers in `deck.md`, write the result to `<out>/deck.md`, and
 * let Marp turn that into `<out>/index.html` (and `<out>/deck.pdf` on request).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { codeChanges, staleResults } from 'bench/provenance';
import { expandDeck, type Expanded } from './expand.js';
import { renderHtml, renderPdf } from './marp.js';
import type { DeckPaths } from './paths.js';

export interface BuildResult extends Expanded {
  /** The expanded Markdown Marp read. */
  deckMd: string;
  html: string;
  pdf: string | null;
}

/**
 * Expands the markers and writes `<out>/deck.md`; Marp is not run (watch mode re-runs only this).
 * Rejects with a `DeckError` listing every marker that cannot be honoured.
 */
export async function expandToFile(
  paths: DeckPaths,
  stale?: ReadonlyMap<string, string>,
): Promise<Expanded & { deckMd: string }> {
  const expanded = await expandDeck(await readFile(paths.deckFile, 'utf8'), {
    root: paths.root,
    generatedDir: paths.generatedDir,
    source: relative(paths.root, paths.deckFile),
    talkFile: paths.talkFile,
    packageFile: paths.packageFile,
    // The commit each partial measured (the bench's commits.json) against HEAD: git runs here, at
    // build time, because the apps may change after the bench wrote its partials.
    stale: stale ?? (await staleResults(paths.generatedDir, (from, to) => codeChanges(from, to, paths.root))),
  });
  await mkdir(paths.outDir, { recursive: true });
  const deckMd = join(paths.outDir, 'deck.md');
  await writeFile(deckMd, expanded.markdown);
  return { ...expanded, deckMd };
}

/**
 * The one-shot build behind `npm run slides:build` (and `slides:pdf` with `pdf: true`).
 *
 * @example
 * const { html, slideCount } = await buildDeck(deckPaths({ outDir: '/tmp/deck' }));
 */
export async function buildDeck(
  paths: DeckPaths,
  { pdf = false, stale }: { pdf?: boolean; stale?: ReadonlyMap<string, string> } = {},
): Promise<BuildResult> {
  const expanded = await expandToFile(paths, stale);
  const html = join(paths.outDir, 'index.html');
  await renderHtml(paths.configFile, expanded.deckMd, html);
  let pdfFile: string | null = null;
  if (pdf) {
    pdfFile = join(paths.outDir, 'deck.pdf');
    await renderPdf(paths.configFile, expanded.deckMd, pdfFile);
  }
  return { ...expanded, html, pdf: pdfFile };
}
