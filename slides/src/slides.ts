/**
 * Splits a Marp deck into front matter and slides (at `---` lines outside code fences), so a
 * whole slide can be dropped (an optional result that does not exist) and slides can be counted.
 */
import { forEachLineOutsideFences } from './markers.js';

export interface Slide {
  lines: string[];
  /** 0-based index in the source of the slide's first line, for error messages. */
  start: number;
}

export interface Deck {
  /** The YAML front matter including its `---` fences, or empty when there is none. */
  frontMatter: string[];
  slides: Slide[];
}

const SEPARATOR = /^---\s*$/;

/**
 * Splits `markdown` into front matter and slides. Only a bare `---` line separates slides in this
 * deck (write it with blank lines around, as Marp's docs do).
 *
 * @example
 * splitDeck('---\nmarp: true\n---\n# A\n\n---\n\n# B').slides.length; // 2
 */
export function splitDeck(markdown: string): Deck {
  const lines = markdown.split(/\r?\n/);
  let bodyStart = 0;
  if (SEPARATOR.test(lines[0] ?? '')) {
    const end = lines.findIndex((l, i) => i > 0 && SEPARATOR.test(l));
    if (end === -1) throw new Error('front matter opened with "---" on line 1 is never closed');
    bodyStart = end + 1;
  }
  const breaks: number[] = [];
  const body = lines.slice(bodyStart);
  forEachLineOutsideFences(body, (line, i) => {
    if (SEPARATOR.test(line)) breaks.push(i);
  });
  const slides: Slide[] = [];
  let from = 0;
  for (const at of [...breaks, body.length]) {
    slides.push({ lines: body.slice(from, at), start: bodyStart + from });
    from = at + 1;
  }
  return { frontMatter: lines.slice(0, bodyStart), slides };
}

/** The inverse of {@link splitDeck}. */
export function joinDeck(deck: Deck): string {
  return [...deck.frontMatter, deck.slides.map((s) => s.lines.join('\n')).join('\n---\n')].join('\n');
}
