/**
 * `npm run slides`: build once, serve `<out>/` with Marp's server (which reloads the browser when
 * `<out>/deck.md` changes), and re-expand the markers whenever `deck.md`, a quoted source file,
 * the apps' sources or the bench's partials change.
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { buildDeck, expandToFile } from './build-deck.js';
import { serve } from './marp.js';
import type { DeckPaths } from './paths.js';

/** Not Marp's default 8080: tcp-app listens there. */
export const DEFAULT_SLIDES_PORT = 8090;

const isDir = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );

/**
 * Runs until the process is stopped. Build errors are printed and the last good `deck.md` stays
 * served, so a half-typed marker does not kill the preview.
 */
export async function watchDeck(paths: DeckPaths): Promise<void> {
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const outDir = resolve(paths.outDir);

  const rewatch = async (deps: readonly string[]) => {
    // Directories, not files: editors replace files on save, which ends a watch on the old inode.
    const wanted = new Map<string, boolean>(); // dir → recursive
    wanted.set(dirname(paths.deckFile), false);
    wanted.set((await isDir(paths.generatedDir)) ? paths.generatedDir : dirname(paths.generatedDir), false);
    for (const dep of deps) {
      if (await isDir(dep)) wanted.set(dep, true);
      else if (!wanted.has(dirname(dep))) wanted.set(dirname(dep), false);
    }
    for (const [dir, w] of watchers) {
      if (!wanted.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const [dir, recursive] of wanted) {
      if (watchers.has(dir)) continue;
      const w = watch(dir, { recursive }, (_event, file) => {
        const changed = resolve(dir, file ?? '');
        // Our own output must not trigger a rebuild (that would loop).
        if (changed === outDir || changed.startsWith(outDir + sep)) return;
        clearTimeout(timer);
        timer = setTimeout(() => (running = running.then(rebuild)), 150);
      });
      w.on('error', () => watchers.delete(dir));
      watchers.set(dir, w);
    }
  };

  const rebuild = async () => {
    const started = performance.now();
    try {
      const result = await expandToFile(paths);
      for (const warning of result.warnings) console.warn(`slides: warning: ${warning}`);
      await rewatch(result.deps);
      console.log(
        `slides: re-expanded ${result.slideCount} slides in ${Math.round(performance.now() - started)} ms`,
      );
    } catch (err) {
      console.error((err as Error).message);
    }
  };

  try {
    const result = await buildDeck(paths);
    for (const warning of result.warnings) console.warn(`slides: warning: ${warning}`);
    await rewatch(result.deps);
  } catch (err) {
    console.error((err as Error).message);
    await rewatch([]);
  }
  process.env.PORT = process.env.SLIDES_PORT || String(DEFAULT_SLIDES_PORT);
  console.log(
    `slides: live preview on http://localhost:${process.env.PORT}/deck.md ` +
      `(serving ${relative(process.cwd(), outDir) || '.'}; edit ${relative(process.cwd(), paths.deckFile)})`,
  );
  await serve(paths.configFile, outDir);
}
