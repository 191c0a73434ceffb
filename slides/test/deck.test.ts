import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expandDeck, type Expanded } from '../src/expand.js';
import { findMarkers, parseMarker } from '../src/markers.js';
import { splitDeck } from '../src/slides.js';
import { deckScenarios, paths, readDeck, resultsDirFor } from './deck-source.js';
import { removeDir, tempDir } from './fixtures.js';

/** The scenarios the talk promises a results slide for (README, bench `BASE_SCENARIOS`). */
const TALK_SCENARIOS = ['plaintext', 'json', 'param', 'fortunes', 'ws-echo', 'ws-broadcast'];

describe('slides/deck.md', () => {
  let tmp: string;
  let expanded: Expanded;
  beforeAll(async () => {
    tmp = await tempDir();
    const { dir } = await resultsDirFor(join(tmp, 'generated'));
    // Fails (naming every marker) while a region the deck quotes is missing from the apps.
    expanded = await expandDeck(await readDeck(), {
      root: paths.root,
      generatedDir: dir,
      source: 'slides/deck.md',
    });
  });
  afterAll(() => removeDir(tmp));

  it('expands every marker against the repo: at least 20 slides', () => {
    expect(expanded.slideCount).toBeGreaterThanOrEqual(20);
  });

  it('has a results slide for every scenario of the talk, the overhead slide and the LOC table', async () => {
    expect(await deckScenarios()).toEqual(expect.arrayContaining([...TALK_SCENARIOS, 'ws-capacity']));
    const markers = findMarkers(await readDeck()).map((m) => m.marker);
    expect(markers.some((m) => m.kind === 'loc')).toBe(true);
    // Overhead numbers are the plaintext table's "vs own reference" column; the slide quotes a reference server.
    expect(markers.some((m) => m.kind === 'code' && m.file.startsWith('bench/reference/'))).toBe(true);
  });

  it('gives every slide speaker notes (an HTML comment that is neither a marker nor a directive)', async () => {
    const isNote = (comment: string) =>
      !parseMarker(comment) && !/^<!--\s*_?\w+\s*:\s*\S*\s*-->$/.test(comment);
    const missing = splitDeck(await readDeck())
      .slides.map((slide, i) => ({
        i: i + 1,
        comments: slide.lines.join('\n').match(/<!--[\s\S]*?-->/g) ?? [],
      }))
      .filter(({ comments }) => !comments.some(isNote))
      .map(({ i }) => i);
    expect(missing, 'slides without notes').toEqual([]);
  });

  it('loads nothing from the network: no remote images, stylesheets or imports', async () => {
    const theme = await readFile(join(paths.root, 'slides/theme.css'), 'utf8');
    for (const text of [expanded.markdown, theme]) {
      expect(text).not.toMatch(/<(?:img|script|link|iframe)[^>]+(?:src|href)="(?:https?:)?\/\//i);
      expect(text).not.toMatch(/!\[[^\]]*\]\((?:https?:)?\/\//);
      expect(text).not.toMatch(/@import\s+(?:url\()?['"]?(?:https?:)?\/\//);
    }
  });

  it('types no numbers into results slides: besides the marker only a heading, notes, code from the repo and labels', () => {
    const slides = splitDeck(expanded.markdown).slides.map((s) => s.lines.join('\n'));
    for (const slide of slides.filter((s) => s.includes('class="results"'))) {
      const outside = slide
        .replace(/<div class="results"[\s\S]*?\n<\/div>/, '')
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/^#+ .*$/m, '')
        // Code pulled from the repo by code markers (the runtimes slide shows the three entries).
        .replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '')
        .replace(/<\/?div[^>]*>/g, '');
      // Labels may stand beside the code; a number may not (numbers come from the bench only).
      expect(outside, slide.slice(0, 80)).not.toMatch(/\d/);
      if (!slide.includes('```')) expect(outside.trim(), slide.slice(0, 80)).toBe('');
    }
  });

  it('keeps every code block to 18 lines (abridge with #elide in the source, or split the slide)', () => {
    const blocks = [...expanded.markdown.matchAll(/^(`{3,})[^\n]*\n([\s\S]*?)\n\1$/gm)].map((m) => m[2]!);
    expect(blocks.length).toBeGreaterThan(20);
    const long = blocks.filter((b) => b.split('\n').length > 18).map((b) => b.split('\n')[0]);
    expect(long, 'code blocks over 18 lines (first line shown)').toEqual([]);
  });

  it("follows the talk's order: TCP, node:http, the frameworks, strings, JSON-RPC, one port, templates, results", async () => {
    const deck = await readDeck();
    const order = [
      '<!-- code: apps/tcp-app/src/barest.ts#barest -->',
      '<!-- code: apps/tcp-app/src/app.ts#connection -->',
      '<!-- code: apps/node-http-app/src/app.ts#hello -->',
      '<!-- code: apps/express-app/src/app.ts#hello -->',
      '<!-- code: apps/hono-app/src/app.ts#errors -->',
      '<!-- code: tools/src/strings-server.ts#strings -->',
      'JSON-RPC 2.0',
      '<!-- code: shared/chat/src/upgrade.ts#upgrade -->',
      '<!-- code: shared/core/src/guard.ts#upgrade -->',
      '<!-- code: shared/fixtures/templates/layouts/base.hbs -->',
      '## How we measure',
      '<!-- results: plaintext -->',
      '## What to pick when',
      '## Try it yourself',
    ];
    const at = order.map((text) => deck.indexOf(text));
    expect(Object.fromEntries(order.map((t, i) => [t, at[i]! >= 0])), 'all present').toEqual(
      Object.fromEntries(order.map((t) => [t, true])),
    );
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // The first code on a slide is the barest server.
    expect(findMarkers(deck).find((m) => m.marker.kind === 'code')?.text).toBe(order[0]);
  });

  it("names the repository (or how to start) on the first and the talk's last slide, the title on the first", async () => {
    const slides = splitDeck(await readDeck()).slides.map((s) => s.lines.join('\n'));
    expect(slides[0]).toContain('<!-- talk-title -->');
    expect(slides[0]).toContain('<!-- take-home -->');
    // The talk ends on the take-home; the appendix (the full tables, for questions) follows it.
    const appendix = slides.findIndex((s) => /^# Appendix$/m.test(s));
    expect(appendix).toBeGreaterThan(0);
    expect(slides[appendix - 1]).toContain('<!-- take-home -->');
    expect(slides.slice(appendix + 1).every((s) => /^## Appendix: /m.test(s))).toBe(true);
  });
});
