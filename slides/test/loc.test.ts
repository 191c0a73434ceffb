import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { countApps, countLoc, locTable } from '../src/loc.js';
import { deckPaths } from '../src/paths.js';
import { removeDir, tempDir, writeTree } from './fixtures.js';

describe('countLoc', () => {
  it('skips blank lines, line comments, block comments and JSDoc', () => {
    const src = [
      '/**',
      ' * Docs.',
      ' */',
      '',
      '// a comment',
      'const a = 1;',
      '/* one */ /* two */',
      '  ',
    ].join('\n');
    expect(countLoc(src)).toBe(1);
  });

  it('counts a line with code and a trailing comment, and code after a closing comment', () => {
    expect(countLoc('const a = 1; // why\n/* x */ const b = 2;\nconst c = /* inline */ 3;')).toBe(3);
  });

  it('is not fooled by comment-like text in strings, templates and regexes', () => {
    const src = [
      "const url = 'http://example.com';",
      'const s = "/* not a comment";',
      'const t = `line one',
      '// still inside the template',
      '${x /* a real comment, inside code */}`;',
      'const r = /\\/\\/|\\/\\*/g;',
      'const d = a / b / c; // division',
      'return /[/*]/.test(x);',
    ].join('\n');
    expect(countLoc(src)).toBe(8);
  });

  it('handles nested template literals', () => {
    expect(countLoc('const a = `${`inner ${b}`}`;\n// comment\nconst c = 1;')).toBe(2);
  });

  it('keeps counting lines after a string continued with a backslash, and a regex inside `${}`', () => {
    expect(countLoc('const s = "a\\\n  b";\nconst t = `${/}/.test(x)}`;\n// comment')).toBe(3);
  });
});

describe('countApps / locTable', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
    await writeTree(dir, {
      'b-app/src/app.ts': 'a();\nb();\n',
      'b-app/src/server.ts': 'c();\n',
      'b-app/src/helper.ts': '// only\nd();\n',
      'b-app/src/app.test.ts': 'e();\n',
      'a-app/src/app.ts': 'a();\n',
      'a-app/src/server.ts': '\n',
      'not-an-app/README.md': 'x',
    });
  });
  afterAll(() => removeDir(dir));

  it('counts per part, sorted by app name, tests and folders without src skipped', async () => {
    expect(await countApps(dir)).toEqual([
      { app: 'a-app', appTs: 1, serverTs: 0, other: 0, total: 1 },
      { app: 'b-app', appTs: 2, serverTs: 1, other: 1, total: 4 },
    ]);
  });

  it('adds an "other files" column only when some app has other files', async () => {
    expect(locTable(await countApps(dir))).toBe(
      [
        '| app | `app.ts` | `server.ts` | other files | total |',
        '| --- | ---: | ---: | ---: | ---: |',
        '| `a-app` | 1 | 0 | 0 | 1 |',
        '| `b-app` | 2 | 1 | 1 | 4 |',
      ].join('\n'),
    );
  });

  it('finds every real app with both parts', async () => {
    const rows = await countApps(join(deckPaths().root, 'apps'));
    expect(rows.map((r) => r.app)).toEqual([
      'express-app',
      'fastify-app',
      'hono-app',
      'koa-app',
      'node-http-app',
      'tcp-app',
    ]);
    for (const r of rows) {
      expect(r.appTs).toBeGreaterThan(0);
      expect(r.serverTs).toBeGreaterThan(0);
    }
  });
});
