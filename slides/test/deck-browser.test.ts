import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import jsqr from 'jsqr';
import { launchChromium, requireChromium } from '@repo/e2e';
import { buildDeck, type BuildResult } from '../src/build-deck.js';
import { deckPaths } from '../src/paths.js';
import { resultsDirFor } from './deck-source.js';
import { removeDir, tempDir, writeTree } from './fixtures.js';

// jsqr is CommonJS with `exports.default`: Node hands over the exports object, a bundler the function.
const jsQR: typeof jsqr.default =
  typeof (jsqr as unknown) === 'function' ? (jsqr as unknown as typeof jsqr.default) : jsqr.default;

type Browser = Awaited<ReturnType<typeof launchChromium>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;

const run = await requireChromium();

/** Marp's bespoke template: one `<svg data-marpit-svg>` per slide, the slide a `<section>` inside. */
const SLIDES = 'svg[data-marpit-svg] > foreignObject > section';

/** Distinct colours in a PNG (decoded by the browser itself): 1 means a blank area. */
async function colours(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(
    async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 4)
        seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return seen.size;
    },
    `data:image/png;base64,${png.toString('base64')}`,
  );
}

/** The RGBA pixels of a small PNG (decoded by the browser), for a decoder running in Node. */
async function pixels(
  page: Page,
  png: Buffer,
): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  const { data, width, height } = await page.evaluate(
    async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      return { data: Array.from(rgba), width: canvas.width, height: canvas.height };
    },
    `data:image/png;base64,${png.toString('base64')}`,
  );
  return { data: Uint8ClampedArray.from(data), width, height };
}

/** The back-row rule (REFERENCE §9): at the 1280×720 canvas, no text under 20 px, no code under 18 px. */
const MIN_TEXT_PX = 20;
const MIN_CODE_PX = 18;

interface SmallText {
  slide: number;
  /** The slide's heading, to find it in deck.md. */
  heading: string;
  text: string;
  px: number;
  code: boolean;
}

/**
 * Every visible text node in the slides whose element's computed font size breaks the rule, with its
 * slide number (1-based), its first characters and its size. Code is text inside `pre` or `code`.
 * Runs in the page (passed to `evaluateAll`), so it takes its limits as an argument.
 */
function smallText(sections: Element[], [minText, minCode]: [number, number]): SmallText[] {
  const found: SmallText[] = [];
  sections.forEach((section, i) => {
    const heading = section.querySelector('h1, h2')?.textContent?.trim() ?? '';
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const element = node.parentElement;
      if (!text || !element) continue;
      const style = getComputedStyle(element);
      if (style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (!Array.from(range.getClientRects()).some((r) => r.width > 0 && r.height > 0)) continue;
      const px = parseFloat(style.fontSize);
      const code = element.closest('pre, code') !== null;
      if (px < (code ? minCode : minText))
        found.push({ slide: i + 1, heading, text: text.slice(0, 40), px, code });
    }
  });
  return found;
}

describe.skipIf(!run)('browser: the built deck in Chromium', () => {
  let tmp: string;
  let result: BuildResult;
  /** The same deck built with a repository in package.json and a filled-in talk config. */
  let withRepo: BuildResult;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const REPO_URL = 'https://github.com/example-speaker/framework-shoot-out';

  beforeAll(async () => {
    tmp = await tempDir();
    const { dir } = await resultsDirFor(join(tmp, 'generated'));
    result = await buildDeck(deckPaths({ generatedDir: dir, outDir: join(tmp, 'dist') }));
    await writeTree(tmp, {
      'package.json': JSON.stringify({
        name: 'framework-shoot-out',
        repository: { type: 'git', url: `git+${REPO_URL}.git` },
      }),
      'talk.config.json': JSON.stringify({
        title: 'Framework shoot-out',
        speaker: 'Ann Example',
        event: 'Node meetup',
        date: '',
      }),
    });
    withRepo = await buildDeck(
      deckPaths({
        generatedDir: dir,
        outDir: join(tmp, 'dist-repo'),
        packageFile: join(tmp, 'package.json'),
        talkFile: join(tmp, 'talk.config.json'),
      }),
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(result.html).href);
    // The on-screen controller floats over the slide; hide it so screenshots show only the slide.
    await page.addStyleTag({ content: '.bespoke-marp-osc { display: none !important; }' });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await removeDir(tmp);
  });

  /** Navigates to slide `index` (0-based) the way a presenter would, and returns its section. */
  const show = async (index: number) => {
    await page.evaluate((i) => (location.hash = `#${i + 1}`), index);
    await page.waitForFunction(
      (i) => document.querySelectorAll('svg[data-marpit-svg]')[i]?.classList.contains('bespoke-marp-active'),
      index,
    );
    return page.locator(SLIDES).nth(index);
  };

  it('renders one section per slide of the expanded deck, at least 20', async () => {
    const count = await page.locator(SLIDES).count();
    expect(count).toBe(result.slideCount);
    expect(count).toBeGreaterThanOrEqual(20);
  });

  it('carries speaker notes for every slide', async () => {
    const indexes = await page
      .locator('.bespoke-marp-note')
      .evaluateAll((notes) =>
        notes.filter((n) => n.textContent?.trim()).map((n) => Number((n as HTMLElement).dataset.index)),
      );
    expect(new Set(indexes).size).toBe(result.slideCount);
  });

  it('shows a non-blank first slide', async () => {
    const slide = await show(0);
    const heading = slide.locator('h1');
    expect(await heading.textContent()).toContain('Framework shoot-out');
    const box = await heading.boundingBox();
    expect(box!.width * box!.height).toBeGreaterThan(0);
    expect(await colours(page, await page.screenshot())).toBeGreaterThan(2);
  });

  it('shows a results slide with its takeaway title and chart, and its full table in the appendix', async () => {
    const index = await page
      .locator(SLIDES)
      .evaluateAll((sections) =>
        sections.findIndex((s) => s.querySelector('.results.takeaway[data-scenario="plaintext"]')),
      );
    expect(index).toBeGreaterThan(0);
    const slide = await show(index);
    // The title is the bench's takeaway: it names node:http and a ratio, never a placeholder.
    expect(await slide.locator('h2').textContent()).toMatch(/^plaintext.*: .*node:http.*\d\.\d\d×/);
    expect(await slide.locator('.results table').count()).toBe(0);
    const chart = slide.locator('.results img').first();
    expect(await chart.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await colours(page, await slide.screenshot())).toBeGreaterThan(2);
    const tableIndex = await page
      .locator(SLIDES)
      .evaluateAll((sections) =>
        sections.findIndex((s) => s.querySelector('.results:not(.takeaway)[data-scenario="plaintext"]')),
      );
    expect(tableIndex).toBeGreaterThan(index);
    const appendix = await show(tableIndex);
    const table = appendix.locator('.results table').first();
    const box = await table.boundingBox();
    expect(box!.width).toBeGreaterThan(0);
    expect(box!.height).toBeGreaterThan(0);
    expect(await table.locator('tr').count()).toBeGreaterThan(1);
  });

  it('has no broken images', async () => {
    const broken = await page.evaluate(async () => {
      const imgs = Array.from(document.images);
      await Promise.all(imgs.map((img) => img.decode().catch(() => undefined)));
      return imgs.filter((img) => img.naturalWidth === 0).map((img) => img.alt || img.src.slice(0, 60));
    });
    expect(broken).toEqual([]);
  });

  it('fits every slide in its 1280×720 frame (nothing overflows)', async () => {
    // Inactive slides skip rendering (content-visibility), so lay them all out before measuring.
    await page.addStyleTag({ content: 'svg.bespoke-marp-slide { content-visibility: visible !important; }' });
    const overflowing = await page.locator(SLIDES).evaluateAll((sections) =>
      sections
        .map((s, i) => ({
          slide: i + 1,
          extra: s.scrollHeight - s.clientHeight,
          wide: s.scrollWidth - s.clientWidth,
        }))
        .filter((s) => s.extra > 1 || s.wide > 1),
    );
    expect(overflowing).toEqual([]);
  });

  it('keeps text at 20 px and code at 18 px or more on every slide (readable from the back row)', async () => {
    await page.addStyleTag({ content: 'svg.bespoke-marp-slide { content-visibility: visible !important; }' });
    const small = await page
      .locator(SLIDES)
      .evaluateAll(smallText, [MIN_TEXT_PX, MIN_CODE_PX] as [number, number]);
    // One line per slide: how many text nodes are too small, and the smallest of them.
    const report = [...new Set(small.map((s) => s.slide))].map((slide) => {
      const here = small.filter((s) => s.slide === slide);
      const worst = here.reduce((a, b) => (b.px < a.px ? b : a));
      return `slide ${slide} (${worst.heading}): ${here.length} too small, smallest ${worst.code ? 'code' : 'text'} "${worst.text}" at ${worst.px} px`;
    });
    expect(report, `text under ${MIN_TEXT_PX} px or code under ${MIN_CODE_PX} px`).toEqual([]);
  });

  it('the size check sees a shrunk font (so it cannot pass by measuring nothing)', async () => {
    await page.addStyleTag({ content: 'svg.bespoke-marp-slide { content-visibility: visible !important; }' });
    const shrink = await page.addStyleTag({
      content: 'section pre { font-size: 17px !important; } section p { font-size: 19px !important; }',
    });
    try {
      const small = await page
        .locator(SLIDES)
        .evaluateAll(smallText, [MIN_TEXT_PX, MIN_CODE_PX] as [number, number]);
      expect(small.some((s) => s.code && s.px === 17)).toBe(true);
      expect(small.some((s) => !s.code && s.px === 19)).toBe(true);
    } finally {
      await shrink.evaluate((style) => (style as Element).remove());
    }
  });

  it(
    "shows the repository as a QR code that decodes to its URL, on the first and the talk's last slide",
    { timeout: 30_000 },
    async () => {
      expect(withRepo.warnings).toEqual([]);
      const repoPage = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      try {
        await repoPage.goto(pathToFileURL(withRepo.html).href);
        await repoPage.addStyleTag({ content: '.bespoke-marp-osc { display: none !important; }' });
        const sections = repoPage.locator(SLIDES);
        // The talk's last slide is the one before the appendix.
        const appendix = await sections.evaluateAll((all) =>
          all.findIndex((s) => s.querySelector('h1')?.textContent === 'Appendix'),
        );
        expect(appendix).toBeGreaterThan(1);
        for (const index of [0, appendix - 1]) {
          await repoPage.evaluate((i) => (location.hash = `#${i + 1}`), index);
          await repoPage.waitForFunction(
            (i) =>
              document.querySelectorAll('svg[data-marpit-svg]')[i]?.classList.contains('bespoke-marp-active'),
            index,
          );
          const slide = sections.nth(index);
          expect(await slide.locator('.take-home .repo').textContent()).toBe(
            REPO_URL.replace('https://', ''),
          );
          const { data, width, height } = await pixels(
            repoPage,
            await slide.locator('.take-home .qr').screenshot(),
          );
          expect(jsQR(data, width, height)?.data, `QR code on slide ${index + 1}`).toBe(REPO_URL);
        }
        // The talk config's speaker and event, and no empty separators for the date it leaves out.
        expect(await sections.first().locator('.byline').textContent()).toBe('Ann Example · Node meetup');
      } finally {
        await repoPage.close();
      }
    },
  );

  it('fetched nothing from the network', () => {
    expect(requests.filter((url) => !/^(?:file|data|blob|about):/.test(url))).toEqual([]);
  });
});
