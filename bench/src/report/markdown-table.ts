/**
 * Markdown tables padded the way prettier pads them, so a generated README block passes
 * `prettier --check` as written (and reads well as plain text).
 */

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
 * A table with left (`l`) or right (`r`) aligned columns; cells are escaped here.
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
  const widths = head.map((_, i) => Math.max(3, ...cells.map((row) => displayWidth(row[i]!))));
  const pad = (text: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - displayWidth(text));
    return align[i] === 'r' ? fill + text : text + fill;
  };
  const line = (row: readonly string[]) => `| ${row.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n');
}
