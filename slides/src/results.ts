/**
 * The bench's output as the deck consumes it: `<generated>/<scenario>.md` (a Markdown table, no
 * heading: the slide has its own) and `<generated>/<scenario>.svg` (the chart). Numbers reach the
 * deck only through these files, never typed by hand.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Scenario names are file names: lower-case words joined by `-` (so no path can sneak in). */
export const SCENARIO_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A line Marp would read as a horizontal rule, i.e. a slide break in the middle of the table. */
const SLIDE_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** The bench wrote no partial for this scenario (an optional results marker then drops its slide). */
export class MissingResultsError extends Error {
  override name = 'MissingResultsError';
}

export interface ResultsPartial {
  /** The table (and any caption lines) exactly as the bench wrote it. */
  markdown: string;
  /** The chart as a `data:` URI, so `index.html` needs no files beside it; null when the bench wrote none. */
  chart: string | null;
  /** The files read, for watch mode. */
  files: string[];
}

/**
 * One generated file of a scenario, trimmed; MissingResultsError (naming `what`) when it does not
 * exist, and an error when it holds a line Marp would read as a slide break.
 */
async function readGenerated(generatedDir: string, scenario: string, suffix: string, what: string) {
  if (!SCENARIO_NAME.test(scenario)) throw new Error(`"${scenario}" is not a scenario name (a-z, 0-9, -)`);
  const file = join(generatedDir, `${scenario}${suffix}`);
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new MissingResultsError(
      `no ${what} for scenario "${scenario}": ${file} does not exist (run \`npm run bench\`)`,
    );
  }
  if (text === '') throw new Error(`${what} for scenario "${scenario}" is empty: ${file}`);
  const bad = text.split(/\r?\n/).find((l) => SLIDE_BREAK.test(l));
  if (bad !== undefined) {
    throw new Error(
      `${what} for scenario "${scenario}" contains "${bad.trim()}", which Marp reads as a slide break: ${file}`,
    );
  }
  return { text, file };
}

/**
 * Reads one scenario's partial and chart. Rejects with a message naming the scenario when the
 * partial is missing or would break the slide apart; a missing chart is allowed (the table is the
 * result, the chart only draws it).
 */
export async function readResults(generatedDir: string, scenario: string): Promise<ResultsPartial> {
  const { text: markdown, file: mdFile } = await readGenerated(generatedDir, scenario, '.md', 'results');
  const svgFile = join(generatedDir, `${scenario}.svg`);
  let chart: string | null = null;
  const files = [mdFile];
  try {
    const svg = await readFile(svgFile);
    chart = `data:image/svg+xml;base64,${svg.toString('base64')}`;
    files.push(svgFile);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return { markdown, chart, files };
}

/** A scenario's takeaway as the bench wrote it: the slide's title, then the lines under its chart. */
export interface Takeaway {
  title: string;
  /** Markdown, one paragraph per line of the file after the title. */
  body: string;
  chart: string | null;
  files: string[];
}

/**
 * Reads `<generated>/<scenario>.takeaway.md` (first line: the title, generated from the data) and
 * the chart. Rejects like readResults when the file is missing; a missing chart leaves the slide
 * with its title and lines.
 */
export async function readTakeaway(generatedDir: string, scenario: string): Promise<Takeaway> {
  const { text, file } = await readGenerated(generatedDir, scenario, '.takeaway.md', 'takeaway');
  const [title = '', ...rest] = text.split(/\r?\n/);
  const { chart, files } = await readResults(generatedDir, scenario);
  return { title: title.trim(), body: rest.join('\n').trim(), chart, files: [...files, file] };
}

/**
 * The scenario names in the bench's `latest.json`, whichever of the obvious shapes it has:
 * `{ scenarios: ["plaintext", …] }`, `{ scenarios: [{ name | scenario | id }] }`,
 * `{ scenarios: { plaintext: … } }`, or rows carrying a `scenario` field (top level or under
 * `results`/`runs`, as the bench writes it; `settings.scenarios` when there are no rows). Throws
 * when none of them matches, rather than guessing an empty list.
 */
export function scenariosIn(latest: unknown): string[] {
  const names = new Set<string>();
  const nameOf = (v: unknown): unknown =>
    typeof v === 'string'
      ? v
      : typeof v === 'object' && v !== null
        ? ((v as Record<string, unknown>).name ??
          (v as Record<string, unknown>).scenario ??
          (v as Record<string, unknown>).id)
        : undefined;
  const addRows = (rows: unknown) => {
    if (!Array.isArray(rows)) return;
    for (const row of rows) {
      const s = (row as Record<string, unknown> | null)?.scenario;
      if (typeof s === 'string') names.add(s);
    }
  };
  const obj = latest as Record<string, unknown> | null;
  if (Array.isArray(latest)) addRows(latest);
  else if (obj && typeof obj === 'object') {
    const scenarios = obj.scenarios;
    if (Array.isArray(scenarios)) {
      for (const s of scenarios) {
        const n = nameOf(s);
        if (typeof n === 'string') names.add(n);
      }
    } else if (scenarios && typeof scenarios === 'object') {
      for (const key of Object.keys(scenarios)) names.add(key);
    }
    addRows(obj.results);
    addRows(obj.runs);
    // A run that has no result rows yet still says what it set out to measure.
    const settings = obj.settings as Record<string, unknown> | undefined;
    if (names.size === 0 && Array.isArray(settings?.scenarios)) {
      for (const s of settings.scenarios) if (typeof s === 'string') names.add(s);
    }
  }
  if (names.size === 0) throw new Error('no scenario names found in latest.json (unknown shape)');
  return [...names].sort();
}
