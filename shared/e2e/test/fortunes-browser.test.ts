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
});
