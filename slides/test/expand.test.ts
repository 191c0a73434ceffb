import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DeckError, expandDeck, fenced } from '../src/expand.js';
import { splitDeck } from '../src/slides.js';
import { fixtureSvg, fixtureTable, removeDir, tempDir, writeFixtureResults, writeTree } from './fixtures.js';

let root: string;
let generatedDir: string;

const APP_TS = [
  '/** Not on the slide. */',
  'export function createApp() {',
  '  // #region hello',
  "  app.get('/', (c) => c.text('Hello, World!'));",
  '  // #region json',
  "  app.get('/json', (c) => c.json({ message: 'Hello, World!' }));",
  '  // #endregion',
  '  // #endregion',
  '}',
  '',
].join('\n');

beforeAll(async () => {
  root = await tempDir();
  generatedDir = join(root, 'generated');
  await writeTree(root, {
    'apps/demo-app/src/app.ts': APP_TS,
    'apps/demo-app/src/server.ts': '// #region server\nawait run();\n// #endregion\n',
    'apps/demo-app/test/app.test.ts': 'it("is not counted", () => {});\n',
    'templates/page.hbs': '<h1>{{title}}</h1>\n',
    'lib/long.ts':
      '// #region loop\nfor (;;) {\n  // #elide parse the head\n  a();\n  b();\n  // #endelide\n  answer();\n}\n// #endregion\n',
    'package.json': JSON.stringify({ name: 'demo-repo' }),
    'repo/package.json': JSON.stringify({ name: 'demo-repo', repository: 'github:acme/demo' }),
    'slides/talk.config.json': JSON.stringify({ title: 'Demo talk', speaker: 'Ann', event: '', date: '' }),
  });
  await writeFixtureResults(generatedDir, ['plaintext']);
  await writeTree(generatedDir, { 'json.md': fixtureTable('json') }); // a table without a chart
});
afterAll(() => removeDir(root));

const expand = (markdown: string) => expandDeck(markdown, { root, generatedDir, source: 'deck.md' });

describe('code markers', () => {
  it('are replaced by the region verbatim in a ts fence, nested region lines dropped', async () => {
    const { markdown, deps } = await expand('## Hello\n\n<!-- code: apps/demo-app/src/app.ts#hello -->\n');
    expect(markdown).toBe(
      [
        '## Hello',
        '',
        '```ts',
        "app.get('/', (c) => c.text('Hello, World!'));",
        "app.get('/json', (c) => c.json({ message: 'Hello, World!' }));",
        '```',
        '',
      ].join('\n'),
    );
    expect(deps).toEqual([join(root, 'apps/demo-app/src/app.ts')]);
  });

  it('quote a whole file when no region is named, fenced by its extension', async () => {
    const { markdown } = await expand('<!-- code: templates/page.hbs -->');
    expect(markdown).toBe('```handlebars\n<h1>{{title}}</h1>\n```');
  });

  it('fail naming the marker and its line when the file is missing', async () => {
    const err = await expand('# A\n\n<!-- code: apps/demo-app/src/nope.ts#hello -->').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DeckError);
    expect((err as DeckError).problems).toEqual([
      'deck.md:3 <!-- code: apps/demo-app/src/nope.ts#hello -->: file apps/demo-app/src/nope.ts does not exist',
    ]);
  });

  it('fail naming the marker when the region is missing, listing every failing marker at once', async () => {
    const deck =
      '<!-- code: apps/demo-app/src/app.ts#ws -->\n\n---\n\n<!-- code: apps/demo-app/src/server.ts#nope -->';
    const err = (await expand(deck).catch((e: unknown) => e)) as DeckError;
    expect(err.problems).toHaveLength(2);
    expect(err.problems[0]).toMatch(
      /^deck\.md:1 <!-- code: apps\/demo-app\/src\/app\.ts#ws -->: region "ws" not found/,
    );
    expect(err.problems[1]).toMatch(/^deck\.md:5 <!-- code: apps\/demo-app\/src\/server\.ts#nope -->/);
    expect(err.message).toContain('The deck cannot be built');
  });

  it('abridge a region at its #elide … #endelide cuts, one "…" line each', async () => {
    const { markdown } = await expand('<!-- code: lib/long.ts#loop -->');
    expect(markdown).toBe('```ts\nfor (;;) {\n  // … parse the head\n  answer();\n}\n```');
  });

  it('are left alone inside fenced code (a slide may show the syntax)', async () => {
    const deck = '```md\n<!-- code: apps/demo-app/src/nope.ts#x -->\n```';
    expect((await expand(deck)).markdown).toBe(deck);
  });
});

describe('fenced', () => {
  it('uses a fence longer than any backtick run in the code', () => {
    expect(fenced('const s = `x`;', 'ts')).toBe('```ts\nconst s = `x`;\n```');
    expect(fenced('a ``` b', 'md')).toBe('````md\na ``` b\n````');
  });
});

describe('results markers', () => {
  it('make a takeaway slide: the generated title as its heading, the chart (a data: URI), the lines', async () => {
    const { markdown, scenarios, deps } = await expand('<!-- results: plaintext -->');
    expect(markdown).toMatch(
      /^## plaintext: fixture takeaway\n\n<div class="results takeaway" data-scenario="plaintext">/,
    );
    expect(markdown).toContain('fixture line under the chart');
    expect(markdown).not.toContain(fixtureTable('plaintext'));
    const src = /<img src="data:image\/svg\+xml;base64,([^"]+)" alt="Chart: plaintext results">/.exec(
      markdown,
    )?.[1];
    expect(Buffer.from(src!, 'base64').toString()).toBe(fixtureSvg('plaintext'));
    expect(scenarios).toEqual(['plaintext']);
    expect(deps).toEqual([
      join(generatedDir, 'plaintext.md'),
      join(generatedDir, 'plaintext.svg'),
      join(generatedDir, 'plaintext.takeaway.md'),
    ]);
  });

  it('inline the full table, without the chart, for the appendix', async () => {
    const { markdown } = await expand('## Appendix\n\n<!-- results: plaintext (table) -->');
    expect(markdown).toContain('<div class="results" data-scenario="plaintext">');
    expect(markdown).toContain(fixtureTable('plaintext'));
    expect(markdown).not.toContain('<img');
    expect((await expand('<!-- results: json (table) -->')).markdown).toContain(fixtureTable('json'));
  });

  it("put the partial and its chart under the slide's own heading with (chart)", async () => {
    const { markdown, scenarios } = await expand('## Runtimes\n\n<!-- results: plaintext (chart) -->');
    expect(markdown).toMatch(/^## Runtimes\n\n<div class="results" data-scenario="plaintext">/);
    expect(markdown).toContain(fixtureTable('plaintext'));
    expect(markdown).toContain('<img src="data:image/svg+xml;base64,');
    expect(markdown).not.toContain('fixture takeaway');
    expect(scenarios).toEqual(['plaintext']);
  });

  it('say on the takeaway and the table slide when the code they measured changed since', async () => {
    const note = '⚠ measured on abc1234; apps/express-app changed since';
    const stale = new Map([['plaintext', note]]);
    const opts = { root, generatedDir, source: 'deck.md', stale };
    const takeaway = await expandDeck(
      '<!-- results: plaintext -->\n\n---\n\n<!-- results: json (table) -->',
      opts,
    );
    expect(takeaway.markdown).toMatch(
      /results"><\/p>\n\n<p class="stale"><strong>⚠ measured on abc1234; apps\/express-app changed since<\/strong><\/p>\n\nfixture line/,
    );
    // json has no note: nothing stale is claimed for it.
    expect(takeaway.markdown.split('<p class="stale">')).toHaveLength(2);
    expect(takeaway.stale).toEqual([`plaintext: ${note}`]);
    const table = await expandDeck('<!-- results: plaintext (table) -->', opts);
    expect(table.markdown).toContain(
      `<div class="results" data-scenario="plaintext">\n\n<p class="stale"><strong>${note}</strong></p>`,
    );
    expect((await expand('<!-- results: plaintext -->')).stale).toEqual([]);
  });

  it('fail naming the scenario when its partial or takeaway is missing', async () => {
    const err = (await expand('<!-- results: ws-echo (table) -->').catch((e: unknown) => e)) as DeckError;
    expect(err.problems[0]).toMatch(
      /^deck\.md:1 <!-- results: ws-echo \(table\) -->: no results for scenario "ws-echo"/,
    );
    const noTakeaway = (await expand('<!-- results: json -->').catch((e: unknown) => e)) as DeckError;
    expect(noTakeaway.problems[0]).toMatch(/no takeaway for scenario "json"/);
  });

  it('drop the whole slide when marked optional and missing', async () => {
    const deck =
      '---\nmarp: true\n---\n\n# One\n\n---\n\n# Two\n\n<!-- results: ws-capacity (optional) -->\n\n<!-- note -->\n\n---\n\n# Three\n';
    const { markdown, slideCount, dropped } = await expand(deck);
    expect(slideCount).toBe(2);
    expect(dropped).toEqual(['ws-capacity']);
    expect(markdown).not.toContain('Two');
    expect(splitDeck(markdown).slides.map((s) => s.lines.join('\n').trim())).toEqual(['# One', '# Three']);
  });

  it('keep an optional slide whose partial exists', async () => {
    const { slideCount, markdown } = await expand('# A\n\n<!-- results: plaintext (optional) -->');
    expect(slideCount).toBe(1);
    expect(markdown).toContain('data-scenario="plaintext"');
  });

  it('refuse a partial that would split the slide', async () => {
    await writeTree(generatedDir, { 'broken.md': '| a |\n| - |\n| 1 |\n\n---\n' });
    const err = (await expand('<!-- results: broken (table) -->').catch((e: unknown) => e)) as DeckError;
    expect(err.problems[0]).toContain('which Marp reads as a slide break');
    await writeTree(generatedDir, { 'broken.takeaway.md': 'broken: title\n\n***\n' });
    const takeaway = (await expand('<!-- results: broken -->').catch((e: unknown) => e)) as DeckError;
    expect(takeaway.problems[0]).toContain('a slide break');
  });
});

describe('loc marker', () => {
  it('becomes the lines-of-code table of <root>/apps/*/src, tests excluded', async () => {
    const { markdown } = await expand('<!-- loc -->');
    expect(markdown).toBe(
      [
        '| app | `app.ts` | `server.ts` | total |',
        '| --- | ---: | ---: | ---: |',
        '| `demo-app` | 4 | 1 | 5 |',
      ].join('\n'),
    );
  });
});

describe('malformed markers', () => {
  it('fail before anything is read', async () => {
    const err = (await expand('# A\n<!-- results: Nope -->').catch((e: unknown) => e)) as DeckError;
    expect(err).toBeInstanceOf(DeckError);
    expect(err.problems[0]).toMatch(/^deck\.md: line 2: <!-- results: Nope -->: malformed marker/);
  });
});

describe('talk-title and take-home markers', () => {
  const deck = "---\nmarp: true\ntitle: 'Old title'\n---\n\n<!-- talk-title -->\n\n<!-- take-home -->\n";

  it('show the title and byline from talk.config.json, and set the HTML title from it', async () => {
    const { markdown, deps } = await expand(deck);
    expect(markdown).toContain('title: "Demo talk"\n');
    expect(markdown).not.toContain('Old title');
    // Only the speaker is set: no empty "·" separators for the event and date.
    expect(markdown).toContain('# Demo talk\n\n<p class="byline">Ann</p>');
    expect(deps).toContain(join(root, 'slides/talk.config.json'));
  });

  it('without a repository in package.json: no QR code, no URL, the package name and npm ci, and a warning', async () => {
    const { markdown, warnings, deps } = await expand(deck);
    expect(markdown).not.toContain('<svg');
    expect(markdown).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(markdown).toContain('<code>demo-repo</code>');
    expect(markdown).toContain('<code>npm ci &amp;&amp; npm run dev</code>');
    expect(warnings).toEqual([expect.stringContaining('package.json has no "repository" field')]);
    expect(deps).toContain(join(root, 'package.json'));
  });

  it('with one: its web address under an inline SVG QR code, and no warning', async () => {
    const { markdown, warnings } = await expandDeck(deck, {
      root,
      generatedDir,
      packageFile: join(root, 'repo/package.json'),
    });
    expect(warnings).toEqual([]);
    expect(markdown).toMatch(
      /<a class="qr" href="https:\/\/github\.com\/acme\/demo"><svg [^\n]*<\/svg><\/a>/,
    );
    expect(markdown).toContain(
      '<p class="repo"><a href="https://github.com/acme/demo">github.com/acme/demo</a></p>',
    );
    expect(markdown).toContain('aria-label="QR code: https://github.com/acme/demo"');
  });

  it('fail the build on a broken talk config', async () => {
    await writeTree(root, { 'bad/talk.json': JSON.stringify({ title: 'x', speker: 'typo' }) });
    const err = (await expandDeck('<!-- talk-title -->', {
      root,
      generatedDir,
      talkFile: join(root, 'bad/talk.json'),
    }).catch((e: unknown) => e)) as DeckError;
    expect(err.problems[0]).toMatch(/^deck\.md:1 <!-- talk-title -->: .*unknown field\(s\) speker/);
  });
});
