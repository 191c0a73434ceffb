import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { spawnEntry, stopEntry, type Spawned } from '@repo/conformance';
import { APPS } from '@repo/fixtures';
import { launchChromium, requireChromium } from '../src/index.js';

const run = await requireChromium();
const httpApps = APPS.filter((a) => a.http).map((a) => a.name);
const entry = (name: string) =>
  fileURLToPath(new URL(`../../../apps/${name}/dist/server.js`, import.meta.url));

describe.skipIf(!run)('browser: /fortunes in Chromium', () => {
  let browser: Browser;
  const servers = new Map<string, Spawned>();

  beforeAll(async () => {
    browser = await launchChromium();
    for (const name of httpApps) servers.set(name, await spawnEntry(entry(name)));
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    for (const s of servers.values()) await stopEntry(s.child);
  });

  it.each(httpApps)('%s: 13 rows visible, the script row shown as text, no dialog', async (name) => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await page.goto(`${servers.get(name)!.url}fortunes`);
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
