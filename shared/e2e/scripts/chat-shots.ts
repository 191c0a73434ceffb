/**
 * Screenshots of /chat as the audience and the projector see it, for judging the page by eye:
 * 390×844 (phone) and 1280×720 (projector), light and dark, two people in a room.
 *
 *   npx turbo run build --output-logs=errors-only && npx tsx shared/e2e/scripts/chat-shots.ts [outDir]
 */
import { mkdir } from 'node:fs/promises';
import { join as joinPath } from 'node:path';
import type { Page } from 'playwright-core';
import { openStage } from '../src/index.js';

const outDir = process.argv[2] ?? '/tmp/chat-shots';
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'projector', width: 1280, height: 720 },
] as const;

async function join(page: Page, url: string, nick: string, room: string): Promise<void> {
  await page.goto(`${url}chat`);
  await page.fill('#nick', nick);
  await page.fill('#room', room);
  await page.click('#join');
  await page.waitForSelector('#text:enabled');
}

async function say(page: Page, text: string): Promise<void> {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
  await page.waitForFunction(
    (t) => Array.from(document.querySelectorAll('#messages li')).some((li) => li.textContent?.endsWith(t)),
    text,
  );
}

await mkdir(outDir, { recursive: true });
const stage = await openStage(['node-http-app']);
try {
  const url = stage.url('node-http-app');
  for (const scheme of ['light', 'dark'] as const) {
    for (const vp of VIEWPORTS) {
      const opts = { viewport: { width: vp.width, height: vp.height }, colorScheme: scheme };
      const [a, b] = [await stage.browser.newContext(opts), await stage.browser.newContext(opts)];
      try {
        const fresh = await a.newPage();
        await fresh.goto(`${url}chat`);
        await fresh
          .waitForFunction(
            () =>
              /pick|nick/i.test(
                document.getElementById('text')?.getAttribute('placeholder') ??
                  document.body.textContent ??
                  '',
              ),
            undefined,
            { timeout: 5000 },
          )
          .catch(() => {});
        await fresh.screenshot({ path: joinPath(outDir, `${vp.name}-${scheme}-join.png`) });
        await fresh.close();

        const room = `shots-${scheme}-${vp.name}`;
        const ann = await a.newPage();
        const bob = await b.newPage();
        await join(ann, url, 'ann', room);
        await join(bob, url, 'bob', room);
        await say(ann, 'Welcome! Join from your phone: the URL is on the slide.');
        await say(bob, 'Hi from the back row!');
        await say(ann, 'Markup stays text: <b>not bold</b> <img src=x onerror=alert(1)>');
        await say(
          bob,
          'A long line to see the wrapping on a narrow screen: the same five apps, one contract, ' +
            'one bench and one deck, and every number on the slides came from a run anyone can repeat ' +
            'https://example.invalid/a/very/long/url/without/any/spaces/at/all/to/break/on',
        );
        await ann.screenshot({ path: joinPath(outDir, `${vp.name}-${scheme}-chat.png`) });
        await bob.screenshot({ path: joinPath(outDir, `${vp.name}-${scheme}-chat-bob.png`), fullPage: true });
      } finally {
        await a.close();
        await b.close();
      }
    }
  }
  // A refusal as the audience sees it: the nick is taken.
  {
    const ctx = await stage.browser.newContext({ viewport: { width: 390, height: 844 } });
    const [first, second] = [await ctx.newPage(), await ctx.newPage()];
    await join(first, url, 'ann', 'shots-error');
    await second.goto(`${url}chat`);
    await second.waitForFunction(
      () => (document.getElementById('text') as HTMLInputElement).placeholder === 'Pick a nick to join',
    );
    await second.fill('#nick', 'Ann');
    await second.fill('#room', 'shots-error');
    await second.click('#join');
    await second.waitForSelector('#status.error');
    await second.screenshot({ path: joinPath(outDir, 'phone-light-error.png') });
    await ctx.close();
  }
  for (const vp of VIEWPORTS) {
    const f = await stage.browser.newPage({ viewport: { width: vp.width, height: vp.height } });
    await f.goto(`${url}fortunes`);
    await f.screenshot({ path: joinPath(outDir, `${vp.name}-light-fortunes.png`) });
    if (vp.name === 'phone') {
      // The favicon at tab size and enlarged, on light and dark tab strips.
      const href = await f.getAttribute('link[rel~="icon"]', 'href');
      await f.setContent(
        ['#fff', '#202124']
          .map(
            (bg) =>
              `<div style="background:${bg};padding:8px">` +
              [16, 32, 128]
                .map((px) => `<img src="${href}" width="${px}" height="${px}" style="margin:8px">`)
                .join('') +
              '</div>',
          )
          .join(''),
      );
      await f.screenshot({
        path: joinPath(outDir, 'favicon.png'),
        clip: { x: 0, y: 0, width: 260, height: 340 },
      });
    }
    await f.close();
  }
} finally {
  await stage.close();
}
console.log(`screenshots in ${outDir}`);
