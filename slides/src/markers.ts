/**
 * The deck's two (three) markers. Each is an HTML comment alone on its line, so `deck.md` still
 * previews as plain Markdown; they are expanded before Marp runs, so Marp never mistakes them for
 * speaker notes.
 *
 *   <!-- code: apps/hono-app/src/app.ts#hello -->   a region of a file, as a fenced block
 *   <!-- code: shared/fixtures/templates/layouts/base.hbs -->   a whole (short) file
 *   <!-- results: plaintext -->                      the bench's takeaway title + chart for a scenario
 *   <!-- results: plaintext (table) -->              … its full table (the appendix)
 *   <!-- results: runtimes (chart) -->               … the chart and the partial's lines, under the slide's own heading
 *   <!-- results: ws-capacity (optional) -->         … or drop the whole slide if it has none
 *   <!-- results: ws-capacity (table, optional) -->  … both
 *   <!-- loc -->                                     lines of code per app, counted now
 *   <!-- chat-url -->                                the live chat's URL on this machine
 *   <!-- talk-title -->                              title, speaker, event, date (talk.config.json)
 *   <!-- take-home -->                               the repository's URL and QR code (package.json)
 */

export type Marker =
  | { kind: 'code'; file: string; region: string | null }
  | { kind: 'results'; scenario: string; optional: boolean; table: boolean; chart: boolean }
  | { kind: 'loc' }
  | { kind: 'chat-url' }
  | { kind: 'talk-title' }
  | { kind: 'take-home' };

/** The markers that take no argument. */
const BARE = ['loc', 'chat-url', 'talk-title', 'take-home'] as const;
type BareKind = (typeof BARE)[number];

/** A marker with where it was found, for error messages. */
export interface FoundMarker {
  marker: Marker;
  /** The marker as written (trimmed), quoted in every error about it. */
  text: string;
  /** 1-based line in the deck source. */
  line: number;
}

/** Thrown for a comment that starts like a marker but does not parse (so a typo never becomes a note). */
export class MarkerSyntaxError extends Error {
  override name = 'MarkerSyntaxError';
}

const LOOKS_LIKE_MARKER = new RegExp(
  String.raw`^<!--\s*(?:(code|results)\s*:|(${BARE.join('|')})(?!\w|-(?!->)))`,
);

/**
 * Parses one line: a marker, or null for anything else (notes, directives, Markdown).
 *
 * @example
 * parseMarker('<!-- code: apps/koa-app/src/app.ts#hello -->');
 * // { kind: 'code', file: 'apps/koa-app/src/app.ts', region: 'hello' }
 */
export function parseMarker(line: string): Marker | null {
  const text = line.trim();
  const start = LOOKS_LIKE_MARKER.exec(text);
  if (!start) return null;
  const kind = start[1] ?? start[2];
  let m: RegExpExecArray | null;
  if (kind === 'code' && (m = /^<!--\s*code\s*:\s*([^\s#]+)(?:#([\w-]+))?\s*-->$/.exec(text))) {
    const file = m[1]!;
    if (file.startsWith('/') || file.split('/').includes('..')) {
      throw new MarkerSyntaxError(`${text}: the path must be relative to the repository root, without ".."`);
    }
    return { kind: 'code', file, region: m[2] ?? null };
  }
  if (
    kind === 'results' &&
    (m =
      /^<!--\s*results\s*:\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*(?:\(\s*((?:optional|table|chart)(?:\s*,\s*(?:optional|table|chart))?)\s*\))?\s*-->$/.exec(
        text,
      ))
  ) {
    const flags = (m[2] ?? '').split(',').map((f) => f.trim());
    if (new Set(flags).size < flags.length) throw new MarkerSyntaxError(`${text}: a flag is repeated`);
    if (flags.includes('table') && flags.includes('chart'))
      throw new MarkerSyntaxError(`${text}: (table) and (chart) do not go together`);
    return {
      kind: 'results',
      scenario: m[1]!,
      optional: flags.includes('optional'),
      table: flags.includes('table'),
      chart: flags.includes('chart'),
    };
  }
  if (
    (BARE as readonly string[]).includes(kind!) &&
    new RegExp(String.raw`^<!--\s*${kind}\s*-->$`).test(text)
  )
    return { kind: kind as BareKind };
  const usage =
    kind === 'code'
      ? '<!-- code: path/from/repo/root.ts#region -->'
      : kind === 'results'
        ? '<!-- results: scenario --> with (optional), (table) or (chart), or one of those with optional'
        : `<!-- ${kind} -->`;
  throw new MarkerSyntaxError(`${text}: malformed marker, expected ${usage}`);
}

/** An opening or closing code fence (``` or ~~~, up to three spaces in). */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Walks the lines of a Markdown document and calls `visit` for each line outside fenced code
 * blocks (so a deck may show marker syntax inside a code block without it being expanded).
 */
export function forEachLineOutsideFences(
  lines: readonly string[],
  visit: (line: string, index: number) => void,
): void {
  let fence: string | null = null;
  lines.forEach((line, i) => {
    const f = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (f && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = null;
      return;
    }
    if (f) {
      fence = f;
      return;
    }
    visit(line, i);
  });
}

/**
 * Every marker in a deck, in order. Throws {@link MarkerSyntaxError} (with the line number) on the
 * first malformed one.
 */
export function findMarkers(markdown: string): FoundMarker[] {
  const found: FoundMarker[] = [];
  forEachLineOutsideFences(markdown.split(/\r?\n/), (line, i) => {
    try {
      const marker = parseMarker(line);
      if (marker) found.push({ marker, text: line.trim(), line: i + 1 });
    } catch (err) {
      if (err instanceof MarkerSyntaxError) throw new MarkerSyntaxError(`line ${i + 1}: ${err.message}`);
      throw err;
    }
  });
  return found;
}
