/**
 * Cuts a named region out of a source file, using the editor convention `// #region name` …
 * `// #endregion`, so the apps carry no slide-specific syntax beyond what VS Code already folds.
 * Inside a region, `// #elide` … `// #endelide` abridges the excerpt: the lines between become one
 * `// …` line on the slide, so a long function still fits and the cut stays visible.
 */

/** The comment openers a marker line may start with, and how each comment closes. */
const OPENER = String.raw`(\/\/|\/\*|\{\{!--|<!--|#)`;
const CLOSER: Record<string, string> = { '//': '', '#': '', '/*': ' */', '{{!--': ' --}}', '<!--': ' -->' };

/** A `// #region name` line (also `/* #region name *\/` and `{{!-- #region name --}}` for templates). */
const REGION_START = new RegExp(String.raw`^\s*${OPENER}\s*#region\s+(\S+)`);
const REGION_END = new RegExp(String.raw`^\s*${OPENER}\s*#endregion\b`);
/**
 * `// #elide` or `// #elide what is left out` opens a cut; `// #endelide` closes it. The text after
 * `#elide` (up to the comment's end) is kept on the slide: `// … the head rules`.
 */
const ELIDE_START = new RegExp(String.raw`^(\s*)${OPENER}\s*#elide\b(.*)$`);
const ELIDE_END = new RegExp(String.raw`^\s*${OPENER}\s*#endelide\b`);
/** What a comment's own end looks like, to keep it out of the elision's words. */
const COMMENT_END = /\s*(?:\*\/|--\}\}|-->)\s*$/;

/** Thrown when a region is missing or malformed; the caller adds the marker to the message. */
export class RegionError extends Error {
  override name = 'RegionError';
}

/** The region names a source declares, in order (nested ones included). */
export function regionNames(source: string): string[] {
  return source
    .split(/\r?\n/)
    .map((line) => REGION_START.exec(line)?.[2])
    .filter((name): name is string => name !== undefined);
}

/**
 * The lines of region `name`, verbatim except that nested `#region`/`#endregion` lines are dropped,
 * each `#elide` … `#endelide` cut becomes one `…` line, blank lines at either end are trimmed and the
 * common indentation removed.
 *
 * @example
 * extractRegion('a\n// #region hi\n  x()\n// #endregion\n', 'hi'); // 'x()'
 */
export function extractRegion(source: string, name: string): string {
  const lines = source.split(/\r?\n/);
  const starts = lines.flatMap((line, i) => (REGION_START.exec(line)?.[2] === name ? [i] : []));
  if (starts.length === 0) {
    const known = regionNames(source);
    throw new RegionError(
      `region "${name}" not found (${known.length ? `regions here: ${known.join(', ')}` : 'the file has no regions'})`,
    );
  }
  // Two regions of one name would make the slide depend on which one we pick: refuse.
  if (starts.length > 1) throw new RegionError(`region "${name}" is defined ${starts.length} times`);

  const body: string[] = [];
  let depth = 1;
  /** Line number (1-based) of the open `#elide`, while inside one. */
  let eliding: number | null = null;
  for (let i = starts[0]! + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (REGION_START.test(line)) {
      depth++;
      continue;
    }
    if (REGION_END.test(line)) {
      if (eliding !== null)
        throw new RegionError(`region "${name}": #elide on line ${eliding} has no #endelide`);
      depth--;
      if (depth === 0) return finish(body, name);
      continue;
    }
    const elide = ELIDE_START.exec(line);
    if (elide) {
      if (eliding !== null)
        throw new RegionError(`region "${name}": #elide on line ${i + 1} inside the one on line ${eliding}`);
      eliding = i + 1;
      body.push(elisionLine(elide[1]!, elide[2]!, elide[3]!));
      continue;
    }
    if (ELIDE_END.test(line)) {
      if (eliding === null)
        throw new RegionError(`region "${name}": #endelide on line ${i + 1} without #elide`);
      eliding = null;
      continue;
    }
    if (eliding === null) body.push(line);
  }
  throw new RegionError(`region "${name}" has no matching #endregion`);
}

/**
 * The one line a cut becomes: `…` in the marker's own comment style and indentation, followed by
 * the marker's words, if any (`  // #elide the head rules` → `  // … the head rules`).
 */
function elisionLine(indent: string, opener: string, rest: string): string {
  const words = rest.replace(COMMENT_END, '').trim();
  return `${indent}${opener} …${words ? ` ${words}` : ''}${CLOSER[opener] ?? ''}`;
}

function finish(lines: string[], name: string): string {
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  while (lines.length && lines.at(-1)!.trim() === '') lines.pop();
  if (lines.length === 0) throw new RegionError(`region "${name}" is empty`);
  return dedent(lines).join('\n');
}

/** Removes the longest leading whitespace all non-blank lines share (tabs and spaces alike, verbatim). */
export function dedent(lines: readonly string[]): string[] {
  let prefix: string | undefined;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = /^\s*/.exec(line)![0];
    if (prefix === undefined) prefix = indent;
    else {
      let n = 0;
      while (n < prefix.length && n < indent.length && prefix[n] === indent[n]) n++;
      prefix = prefix.slice(0, n);
    }
  }
  const cut = prefix?.length ?? 0;
  // Blank lines may be shorter than the prefix; they become empty rather than keep stray spaces.
  return lines.map((line) => (line.trim() === '' ? '' : line.slice(cut)));
}
