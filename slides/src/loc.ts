/**
 * Lines of code per app and per part, counted at build time so the slide cannot go stale:
 * non-blank lines that hold something other than a comment.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Counts the lines of TypeScript/JavaScript `source` that contain code. A line with code and a
 * trailing comment counts; a line inside a block comment or JSDoc does not; a line inside a
 * multi-line string or template literal counts (it is part of the program).
 *
 * @example
 * countLoc('// hi\nconst a = 1; // one\n\n/* x *\/\n'); // 1
 */
export function countLoc(source: string): number {
  const code = new Set<number>();
  let line = 0;
  let state: 'code' | 'line-comment' | 'block-comment' | 'string' | 'template' | 'regex' = 'code';
  let quote = '';
  // Braces opened inside `${…}` of each enclosing template literal, so `}` knows where it returns to.
  const templateDepths: number[] = [];
  let braces = 0;
  // The last significant code character decides whether `/` starts a regex or divides.
  let last = '';
  let inClass = false;

  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '\n') {
      line++;
      if (state === 'line-comment') state = 'code';
      continue;
    }
    const mark = () => {
      if (c.trim() !== '') code.add(line);
    };
    switch (state) {
      case 'line-comment':
        break;
      case 'block-comment':
        if (c === '*' && next === '/') {
          state = 'code';
          i++;
        }
        break;
      case 'string':
        mark();
        if (c === '\\') i++;
        else if (c === quote) state = 'code';
        break;
      case 'regex':
        mark();
        if (c === '\\') i++;
        else if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) {
          state = 'code';
          last = 'a';
        }
        break;
      case 'template':
        mark();
        if (c === '\\') i++;
        else if (c === '`') {
          state = 'code';
          last = 'a';
        } else if (c === '$' && next === '{') {
          templateDepths.push(braces);
          braces++;
          i++;
          state = 'code';
          last = '{';
        }
        break;
      case 'code':
        if (c === '/' && next === '/') {
          state = 'line-comment';
          break;
        }
        if (c === '/' && next === '*') {
          state = 'block-comment';
          i++;
          break;
        }
        mark();
        if (c.trim() === '') break;
        if (c === "'" || c === '"') {
          state = 'string';
          quote = c;
        } else if (c === '`') {
          state = 'template';
        } else if (
          c === '/' &&
          (last === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(last) || endsWithKeyword(source, i))
        ) {
          state = 'regex';
          inClass = false;
        } else if (c === '{') {
          braces++;
        } else if (c === '}') {
          braces--;
          if (templateDepths.length && templateDepths.at(-1) === braces) {
            templateDepths.pop();
            state = 'template';
            break;
          }
        }
        last = c;
        break;
    }
  }
  return code.size;
}

/** `return /x/` and friends: a keyword before `/` means a regex, an identifier means division. */
function endsWithKeyword(source: string, slash: number): boolean {
  const before = /([A-Za-z_$][\w$]*)\s*$/.exec(source.slice(Math.max(0, slash - 20), slash))?.[1];
  return (
    before !== undefined &&
    ['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'void', 'yield', 'await'].includes(before)
  );
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
