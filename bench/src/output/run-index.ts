/**
 * Writes `runs.md` beside the results: every timestamped results file in the folder, read with the
 * schema of its kind, and which of them each slide kind shows now (its `latest*.json`). Rewritten
 * after every run and by `npm run bench:render`, so it never lags the files.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generatorsRunSchema } from '../model/generators.js';
import { latencyRunSchema } from '../model/latency.js';
import { runSchema } from '../model/schema.js';
import { bareEntry, latencyEntry, runEntry, runIndexMarkdown, type IndexEntry } from '../report/run-index.js';

/** The index's file name in the results folder. */
export const RUN_INDEX = 'runs.md';

/** A timestamped results file: `2026-12-07T04-21-06-786Z[-kind].json`. */
const STAMPED = /^(\d{4}-\d\d-\d\dT[\d-]+Z)(?:-([a-z-]+))?\.json$/;

/** What each kind's `latest*.json` holds now, as `kind date` keys. */
const SHOWN = ['latest', 'latest-matrix', 'latest-runtimes', 'latest-latency'];

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

/** `kind date` of a parsed run, to match a timestamped file with the latest file that copies it. */
function key(data: unknown): string | null {
  const d = data as { kind?: unknown; env?: { date?: unknown } } | null;
  return typeof d?.kind === 'string' && typeof d.env?.date === 'string' ? `${d.kind} ${d.env.date}` : null;
}

/** Every results file of `dir` as an index entry, oldest first. */
export async function indexEntries(dir: string): Promise<IndexEntry[]> {
  const names = (await readdir(dir)).filter((n) => STAMPED.test(n)).sort();
  const shown = new Set<string>();
  for (const latest of SHOWN) {
    const data = await readJson(join(dir, `${latest}.json`)).catch(() => null);
    const k = key(data);
    if (k) shown.add(k);
  }
  const entries: IndexEntry[] = [];
  for (const name of names) {
    const data = await readJson(join(dir, name));
    const isShown = shown.has(key(data) ?? '');
    const full = runSchema.safeParse(data);
    if (full.success) {
      entries.push(runEntry(name, full.data, isShown));
      continue;
    }
    const latency = latencyRunSchema.safeParse(data);
    if (latency.success) {
      entries.push(latencyEntry(name, latency.data, isShown));
      continue;
    }
    const probe = generatorsRunSchema.safeParse(data);
    if (probe.success) {
      entries.push(
        bareEntry(name, 'generators', probe.data.env.date, probe.data.env.gitCommit?.slice(0, 7) ?? null),
      );
      continue;
    }
    // Results from before schema 2 carry no noise record; the index still lists them.
    const [, stamp, kind] = STAMPED.exec(name)!;
    const date = stamp!.replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z');
    entries.push(bareEntry(name, `${kind ?? 'full'} (older schema)`, date, null));
  }
  return entries;
}

/** Rewrites `runs.md` in `dir`; returns its path. */
export async function writeRunIndex(dir: string): Promise<string> {
  const file = join(dir, RUN_INDEX);
  await writeFile(file, runIndexMarkdown(await indexEntries(dir)));
  return file;
}
