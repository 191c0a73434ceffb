/**
 * Markdown tables by the `markdown-table` package, padded the way prettier pads them, so a generated
 * README block passes `prettier --check` as written (and reads well as plain text). Two things the
 * package leaves to its caller: display width (wide characters and emoji take two columns, as
 * prettier counts them) and escaping (a `|` in a cell would split it).
 */
import { markdownTable as table } from 'markdown-table';

/** Display width as prettier counts it: wide East Asian characters and emoji take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x300 && cp <= 0x36f) continue; // combining marks
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x1f300 && cp <= 0x1faff);
    width += wide ? 2 : 1;
  }
  return width;
}

/** Makes text safe inside a table cell: pipes escaped, line breaks flattened. */
export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/**
 * A table with left (`l`) or right (`r`) aligned columns; cells are escaped here. Left columns get
 * no colon in the rule (`---`, as prettier writes an unaligned column), right ones `--:`; columns are
 * at least three wide, like prettier's.
 *
 * @example markdownTable(['app', 'req/s'], ['l', 'r'], [['a', '10']])
 * // '| app | req/s |\n| --- | ----: |\n| a   |    10 |'
 */
export function markdownTable(
  head: readonly string[],
  align: readonly ('l' | 'r')[],
  rows: readonly (readonly string[])[],
): string {
  const cells = [head, ...rows].map((row) => head.map((_, i) => escapeCell(row[i] ?? '')));
  // Prettier's rule is never under three dashes; the package's can be one, so a narrow column's
  // heading is padded (on its alignment's side) to three columns.
  cells[0] = cells[0]!.map((h, i) => {
    const fill = ' '.repeat(Math.max(0, 3 - displayWidth(h)));
    return align[i] === 'r' ? fill + h : h + fill;
  });
  return table(cells, {
    align: head.map((_, i) => (align[i] === 'r' ? 'r' : '')),
    stringLength: displayWidth,
  });
}
