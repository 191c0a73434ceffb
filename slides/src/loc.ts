/**
 * Lines of code per app and per part, counted at build time so the slide cannot go stale:
 * non-blank lines that hold something other than a comment.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ts from 'typescript';

const { SyntaxKind: K } = ts;

/** Words after which `/` starts a regex (`return /x/`); after any other word it divides (`size / 2`). */
const BEFORE_REGEX = new Set(
  'return typeof case do else in of void yield await throw delete instanceof'.split(' '),
);

/** Whether a `/` after the token `previous` (undefined: none yet) starts a regex rather than dividing. */
function startsRegex(previous: ts.SyntaxKind | undefined): boolean {
  if (previous === undefined) return true;
  // Text only for keywords and punctuation; names, literals and template parts have none.
  const text = ts.tokenToString(previous);
  if (text === undefined) return previous === K.TemplateHead || previous === K.TemplateMiddle; // just after `${`
  // After punctuation a regex, except after the end of an operand: `f() / 2`, `xs[0] / n`, `i++ / 2`.
  return /^\w/.test(text) ? BEFORE_REGEX.has(text) : ![')', ']', '++', '--'].includes(text);
}

/**
 * Counts the lines of TypeScript/JavaScript `source` that contain code. A line with code and a
 * trailing comment counts; a line inside a block comment or JSDoc does not; a line inside a
 * multi-line string or template literal counts (it is part of the program).
 *
 * TypeScript's own scanner cuts the tokens, comments kept (skipTrivia off). A scanner alone cannot
 * know two things its parser would tell it: whether a `/` starts a regex, and that a `}` closes a
 * template's `${…}`; both are decided here from the previous token and the brace depth.
 *
 * @example
 * countLoc('// hi\nconst a = 1; // one\n\n/* x *\/\n'); // 1
 */
export function countLoc(source: string): number {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, source);
  const code = new Set<number>();
  let line = 0;
  let braces = 0;
  // The brace depth at each open `${`, innermost last: a `}` back at that depth resumes the template.
  const templates: number[] = [];
  let previous: ts.SyntaxKind | undefined;
  for (let kind = scanner.scan(); kind !== K.EndOfFileToken; kind = scanner.scan()) {
    if ((kind === K.SlashToken || kind === K.SlashEqualsToken) && startsRegex(previous)) {
      kind = scanner.reScanSlashToken();
    } else if (kind === K.TemplateHead) {
      templates.push(braces);
    } else if (kind === K.OpenBraceToken) {
      braces++;
    } else if (kind === K.CloseBraceToken && templates.at(-1) === braces) {
      kind = scanner.reScanTemplateToken(false); // `}…${` or `}…\``
      if (kind === K.TemplateTail) templates.pop();
    } else if (kind === K.CloseBraceToken) {
      braces--;
    }
    // Tokens can span lines (block comments, templates): every line of a non-comment token that
    // shows something counts.
    const lines = scanner.getTokenText().split('\n');
    if (kind !== K.SingleLineCommentTrivia && kind !== K.MultiLineCommentTrivia) {
      lines.forEach((text, i) => text.trim() !== '' && code.add(line + i));
    }
    line += lines.length - 1;
    if (kind < K.FirstTriviaToken || kind > K.LastTriviaToken) previous = kind;
  }
  return code.size;
}

/** One app's counts: the two parts every app has, anything else, and the sum. */
export interface AppLoc {
  app: string;
  appTs: number;
  serverTs: number;
  other: number;
  total: number;
}

/** Parts counted in their own column; every app has exactly these two files (README, "The apps"). */
const PARTS = { 'app.ts': 'appTs', 'server.ts': 'serverTs' } as const;

/**
 * Counts `<appsDir>/<app>/src/**` for every app folder that has a `src`, tests excluded, sorted by
 * name so no app is put first.
 */
export async function countApps(appsDir: string): Promise<AppLoc[]> {
  const apps = (await readdir(appsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const rows: AppLoc[] = [];
  for (const app of apps.sort()) {
    const src = join(appsDir, app, 'src');
    let files: string[];
    try {
      files = (await readdir(src, { recursive: true })).map(String);
    } catch {
      continue; // not an app (no src): nothing to count
    }
    const row: AppLoc = { app, appTs: 0, serverTs: 0, other: 0, total: 0 };
    for (const file of files.sort()) {
      if (!/\.(?:ts|tsx|js|mjs|cjs)$/.test(file) || /\.(?:test|spec)\.[^.]+$/.test(file)) continue;
      const n = countLoc(await readFile(join(src, file), 'utf8'));
      const part = PARTS[file as keyof typeof PARTS];
      if (part) row[part] += n;
      else row.other += n;
      row.total += n;
    }
    rows.push(row);
  }
  return rows;
}

/**
 * The Markdown table for the lines-of-code slide; the "other files" column appears only when some
 * app has files besides app.ts and server.ts.
 */
export function locTable(rows: readonly AppLoc[]): string {
  const withOther = rows.some((r) => r.other > 0);
  const head = ['app', '`app.ts`', '`server.ts`', ...(withOther ? ['other files'] : []), 'total'];
  const out = [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
  ];
  for (const r of rows) {
    const cells = [`\`${r.app}\``, r.appTs, r.serverTs, ...(withOther ? [r.other] : []), r.total];
    out.push(`| ${cells.join(' | ')} |`);
  }
  return out.join('\n');
}
