/**
 * Cuts a named region out of a source file, using the editor convention `// #region name` …
 * `// #endregion`, so the apps carry no slide-specific syntax beyond what VS Code already folds.
 */

/** A `// #region name` line (also `/* #region name *\/` and `{{!-- #region name --}}` for templates). */
const REGION_START = /^\s*(?:\/\/|\/\*|\{\{!--|<!--|#)\s*#region\s+(\S+)/;
const REGION_END = /^\s*(?:\/\/|\/\*|\{\{!--|<!--|#)\s*#endregion\b/;

/** Thrown when a region is missing or malformed; the caller adds the marker to the message. */
export class RegionError extends Error {
  override name = 'RegionError';
}

/** The region names a source declares, in order (nested ones included). */
export function regionNames(source: string): string[] {
  return source
    .split(/\r?\n/)
    .map((line) => REGION_START.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

/**
 * The lines of region `name`, verbatim except that nested `#region`/`#endregion` lines are dropped,
 * blank lines at either end trimmed, and the common indentation removed.
 *
 * @example
 * extractRegion('a\n// #region hi\n  x()\n// #endregion\n', 'hi'); // 'x()'
 */
export function extractRegion(source: string, name: string): string {
  const lines = source.split(/\r?\n/);
  const starts = lines.flatMap((line, i) => (REGION_START.exec(line)?.[1] === name ? [i] : []));
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
  for (let i = starts[0]! + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (REGION_START.test(line)) {
      depth++;
      continue;
    }
    if (REGION_END.test(line)) {
      depth--;
      if (depth === 0) return finish(body, name);
      continue;
    }
    body.push(line);
  }
  throw new RegionError(`region "${name}" has no matching #endregion`);
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
