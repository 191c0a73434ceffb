import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_APPS, openStage, requireChromium, type Stage } from '../src/index.js';

const run = await requireChromium();

describe.skipIf(!run)('browser: /fortunes in Chromium', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 30_000);
  afterAll(() => stage?.close());

  it.each(HTTP_APPS)('%s: 13 rows visible, the script row shown as text, no dialog', async (name) => {
    const page = await stage.browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await page.goto(`${stage.url(name)}fortunes`);
      expect(await page.title()).toBe('Fortunes');
      const rows = page.locator('table tr:has(td)');
      expect(await rows.count()).toBe(13);
      for (let i = 0; i < 13; i++) expect(await rows.nth(i).isVisible()).toBe(true);
      const cells = await page.locator('table td:nth-child(2)').allTextContents();
      expect(cells).toContain(
        '<script>alert("This should not be displayed in a browser alert box.");</script>',
      );
      expect(cells).toContain('フレームワークのベンチマーク');
      expect(await page.locator('main script').count()).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('on a 390×844 phone: no horizontal overflow, table text at least 16 px', async () => {
    const page = await stage.browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await page.goto(`${stage.url('node-http-app')}fortunes`);
      const { scrollWidth, viewport, smallest } = await page.evaluate(() => ({
        scrollWidth: document.scrollingElement!.scrollWidth,
        viewport: window.innerWidth,
        smallest: Math.min(
          ...Array.from(document.querySelectorAll('td, th'), (c) => parseFloat(getComputedStyle(c).fontSize)),
        ),
      }));
      expect(scrollWidth).toBeLessThanOrEqual(viewport);
      expect(smallest).toBeGreaterThanOrEqual(16);
      // A cell may wrap a message, never an id: each id is one line box.
      const idLines = await page.locator('table td:first-child').evaluateAll((cells) =>
        cells.map((c) => {
          const range = document.createRange();
          range.selectNodeContents(c);
          return range.getClientRects().length;
        }),
      );
      expect(idLines).toEqual(Array(13).fill(1));
    } finally {
      await page.close();
    }
  });
});
