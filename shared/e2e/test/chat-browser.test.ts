import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_APPS, openStage, requireChromium, type Stage } from '../src/index.js';
import { join, messages, say } from './chat-page.js';

const run = await requireChromium();
const XSS = '<img src=x onerror=alert(1)>';

describe.skipIf(!run)('browser: /chat in Chromium', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 30_000);
  afterAll(() => stage?.close());

  it.each(HTTP_APPS)('%s: two pages in one room see each other; markup stays text', async (name) => {
    const url = stage.url(name);
    const context = await stage.browser.newContext();
    const dialogs: string[] = [];
    context.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      const [alice, bob] = [await context.newPage(), await context.newPage()];
      await join(alice, url, 'alice', 'e2e');
      await join(bob, url, 'bob', 'e2e');
      await expect.poll(() => alice.locator('#members li').allTextContents()).toEqual(['alice', 'bob']);

      await say(alice, 'hello from alice');
      await expect
        .poll(async () => (await messages(bob)).some((m) => m.endsWith('alice: hello from alice')))
        .toBe(true);
      await say(bob, XSS);
      await expect
        .poll(async () => (await messages(alice)).some((m) => m.endsWith(`bob: ${XSS}`)))
        .toBe(true);

      expect(await alice.locator('#messages img').count()).toBe(0);
      expect(await bob.locator('#messages img').count()).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
