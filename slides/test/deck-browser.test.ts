import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, requireChromium } from '@repo/e2e';
import { buildDeck, type BuildResult } from '../src/build-deck.js';
import { deckPaths } from '../src/paths.js';
import { resultsDirFor } from './deck-source.js';
import { removeDir, tempDir } from './fixtures.js';

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

describe.skipIf(!run)('browser: the built deck in Chromium', () => {
  let tmp: string;
  let result: BuildResult;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    tmp = await tempDir();
    const { dir } = await resultsDirFor(join(tmp, 'generated'));
    result = await buildDeck(deckPaths({ generatedDir: dir, outDir: join(tmp, 'dist') }));
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

  it('shows a results slide with its table and chart', async () => {
    const index = await page
      .locator(SLIDES)
      .evaluateAll((sections) =>
        sections.findIndex((s) => s.querySelector('.results[data-scenario="plaintext"]')),
      );
    expect(index).toBeGreaterThan(0);
    const slide = await show(index);
    const table = slide.locator('.results table').first();
    const box = await table.boundingBox();
    expect(box!.width).toBeGreaterThan(0);
    expect(box!.height).toBeGreaterThan(0);
    expect(await table.locator('tr').count()).toBeGreaterThan(1);
    const chart = slide.locator('.results img').first();
    expect(await chart.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await colours(page, await slide.screenshot())).toBeGreaterThan(2);
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

  it('fetched nothing from the network', () => {
    expect(requests.filter((url) => !/^(?:file|data|blob|about):/.test(url))).toEqual([]);
  });
});
