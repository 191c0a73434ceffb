/**
 * Marp CLI, called in-process (`marpCli` from `@marp-team/marp-cli`) with the deck's config file.
 * Every call passes `--config-file`, so `html: true` and the offline emoji settings always apply.
 */
import { marpCli } from '@marp-team/marp-cli';

/** Debian's Chromium unless `CHROME_PATH` says otherwise; only PDF needs a browser. */
export const DEFAULT_CHROME_PATH = '/usr/bin/chromium';

/** Runs Marp with `args` after the config file; rejects when it fails (the API throws or exits non-zero). */
export async function runMarp(configFile: string, args: readonly string[]): Promise<void> {
  const code = await marpCli(['--config-file', configFile, ...args]);
  if (code !== 0) throw new Error(`marp ${args.join(' ')} exited with code ${code}`);
}

/** `deck.md` → self-contained `index.html` (the charts are inlined as data: URIs, the script is inline). */
export function renderHtml(configFile: string, deck: string, html: string): Promise<void> {
  return runMarp(configFile, [deck, '-o', html]);
}

/**
 * `deck.md` → PDF through a local Chromium, with the speaker notes as PDF annotations. No
 * `--allow-local-files`: the deck references no local files (charts are data: URIs).
 */
export function renderPdf(
  configFile: string,
  deck: string,
  pdf: string,
  chromePath = process.env.CHROME_PATH || DEFAULT_CHROME_PATH,
): Promise<void> {
  return runMarp(configFile, [
    '--pdf',
    '--pdf-notes',
    '--browser',
    'chrome',
    '--browser-path',
    chromePath,
    deck,
    '-o',
    pdf,
  ]);
}

/**
 * Serves every Markdown file in `dir` as slides, re-rendering and reloading the browser when a
 * file changes. Resolves only when the server stops. The port comes from `PORT` (Marp's own rule).
 */
export function serve(configFile: string, dir: string): Promise<void> {
  return runMarp(configFile, ['--server', dir]);
}
