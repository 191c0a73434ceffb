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

  it('types no numbers into results slides: a results slide holds its heading, the marker and notes only', () => {
    const slides = splitDeck(expanded.markdown).slides.map((s) => s.lines.join('\n'));
    for (const slide of slides.filter((s) => s.includes('class="results"'))) {
      const outside = slide
        .replace(/<div class="results"[\s\S]*?\n<\/div>/, '')
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/^#+ .*$/m, '');
      expect(outside.trim(), slide.slice(0, 80)).toBe('');
    }
  });
});
