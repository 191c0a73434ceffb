/**
 * The chat page "on stage": the speaker projects it at 1280×720 and the audience joins from phones
 * (390×844). Layout, type size, contrast, requests, the state-following input hint, Leave, and the
 * JSON-RPC errors the page can meet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { HTTP_APPS, openStage, recordingProxy, requireChromium, type Stage } from '../src/index.js';
import { contrasts, hint, HINTS, join, layout, members, messages, say, status, watch } from './chat-page.js';

const run = await requireChromium();

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844, minFontPx: 16 },
  { name: 'projector', width: 1280, height: 720, minFontPx: 20 },
] as const;

/** Overflow, type size, hint and everything on screen, checked on whatever state the page is in. */
async function expectFits(page: Page, minFontPx: number, when: string): Promise<void> {
  const l = await layout(page);
  expect(l.scrollWidth, `${when}: horizontal overflow`).toBeLessThanOrEqual(l.innerWidth);
  expect(l.scrollHeight, `${when}: the page scrolls vertically`).toBeLessThanOrEqual(l.innerHeight);
  expect(l.outside, `${when}: elements outside the viewport`).toEqual([]);
  for (const [sel, px] of Object.entries(l.fontSizes)) {
    if (sel !== '#members li') expect(px, `${when}: font-size of ${sel}`).toBeGreaterThanOrEqual(minFontPx);
  }
  expect(l.fontSizes['#messages'], `${when}: message list font-size`).toBeGreaterThanOrEqual(minFontPx);
  expect(l.hintFits, `${when}: hint "${l.hint}" is cut`).toBe(true);
  if (l.innerWidth < 600) {
    // A phone: the messages get the width (16 px margins), the members go under them.
    expect(l.messages.width, `${when}: message list width`).toBeGreaterThanOrEqual(l.innerWidth - 32 - 1);
    if (l.members)
      expect(l.members.top, `${when}: members under the messages`).toBeGreaterThanOrEqual(l.messages.bottom);
  } else if (l.members) {
    expect(l.members.top, `${when}: members beside the messages`).toBeLessThan(l.messages.bottom);
  }
}

describe.skipIf(!run)('browser: /chat on stage', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 30_000);
  afterAll(() => stage?.close());

  describe.each(VIEWPORTS)('$name $width×$height', ({ name: vpName, width, height, minFontPx }) => {
    it.each(HTTP_APPS)(
      '%s: fits, readable, no failed or off-origin request (favicon included); two people chat, one leaves',
      async (app) => {
        // Through a recording proxy: it also sees the requests Chromium makes on its own (/favicon.ico).
        const proxy = await recordingProxy(stage.url(app));
        const contexts: BrowserContext[] = [];
        try {
          const open = async () => {
            const ctx = await stage.browser.newContext({ viewport: { width, height } });
            contexts.push(ctx);
            const page = await ctx.newPage();
            return { page, problems: watch(page, proxy.url) };
          };
          const [a, b] = [await open(), await open()];
          const room = `stage-${vpName}`;

          await a.page.goto(`${proxy.url}chat`);
          await expect.poll(() => hint(a.page)).toBe(HINTS.pickNick);
          await expectFits(a.page, minFontPx, 'join form');

          await join(a.page, proxy.url, 'alice', room);
          expect(await hint(a.page)).toBe(HINTS.typeMessage);
          await join(b.page, proxy.url, 'bob', room);
          await expect.poll(() => members(a.page)).toEqual(['alice', 'bob']);
          expect(await members(b.page)).toEqual(['alice', 'bob']);

          await say(a.page, 'hello from alice');
          await expect.poll(async () => (await messages(b.page)).at(-1)).toMatch(/alice: hello from alice$/);
          const long = `${'https://example.invalid/'.repeat(12)} and ${'x'.repeat(300)}`;
          await say(b.page, long);
          await expect.poll(async () => (await messages(a.page)).at(-1)?.endsWith(`bob: ${long}`)).toBe(true);
          for (const p of [a.page, b.page]) await expectFits(p, minFontPx, 'in a room, after a long message');

          // Leave: alice is back at the join form, bob sees her go.
          await a.page.click('#leave');
          await expect.poll(() => a.page.locator('#join-form').isVisible()).toBe(true);
          expect(await a.page.locator('#leave').isVisible()).toBe(false);
          expect(await a.page.locator('#text').isDisabled()).toBe(true);
          expect(await hint(a.page)).toBe(HINTS.pickNick);
          expect(await a.page.inputValue('#nick')).toBe('alice'); // one click to rejoin
          await expect.poll(() => members(b.page)).toEqual(['bob']);
          expect((await messages(b.page)).at(-1)).toBe('alice left');
          await expectFits(a.page, minFontPx, 'after Leave');

          // And can come back.
          await a.page.click('#join');
          await expect.poll(() => members(b.page)).toEqual(['bob', 'alice']);
          await expect.poll(() => hint(a.page)).toBe(HINTS.typeMessage);

          // Nothing went wrong anywhere, as the pages or the app saw it (the app also sees the
          // browser's own /favicon.ico probe, which a page without an icon link gets a 404 for).
          expect([...a.problems, ...b.problems]).toEqual([]);
          const paths = proxy.log.map((r) => `${r.status} ${r.method} ${r.path}`);
          expect(paths.filter((p) => !/^(200|101) /.test(p))).toEqual([]);
          expect(paths).toContain('101 GET /ws');
          // The icon is inline and decodes.
          const icon = await a.page.evaluate(async () => {
            const link = document.querySelector<HTMLLinkElement>('link[rel~="icon"]');
            if (!link) return null;
            const img = new Image();
            img.src = link.href;
            await img.decode();
            return link.href.slice(0, link.href.indexOf(','));
          });
          expect(icon).toBe('data:image/svg+xml');
        } finally {
          for (const ctx of contexts) await ctx.close();
          await proxy.close();
        }
      },
      20_000,
    );
  });

  it('text has at least 4.5:1 contrast in light and dark, nick colours included', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const ctx = await stage.browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme });
      try {
        const [me, other] = [await ctx.newPage(), await ctx.newPage()];
        const url = stage.url('node-http-app');
        await me.goto(`${url}chat`);
        await expect.poll(() => hint(me)).toBe(HINTS.pickNick);
        const before = await contrasts(me);
        await join(me, url, 'erin', `contrast-${colorScheme}`);
        await join(other, url, 'frank', `contrast-${colorScheme}`);
        await say(me, 'mine');
        await say(other, 'theirs');
        await expect.poll(async () => (await messages(me)).length).toBe(3); // frank joined, mine, theirs
        await me.evaluate(() => {
          const s = document.getElementById('status')!;
          s.textContent = 'Not sent: an error';
          s.className = 'error';
        });
        const after = await contrasts(me);
        const low = [...before, ...after].filter((f) => f.ratio < 4.5);
        expect(low, `${colorScheme}: below 4.5:1`).toEqual([]);
        expect(after.map((f) => f.what)).toEqual(
          expect.arrayContaining(['nick', 'system line', '#leave', '#send']),
        );
      } finally {
        await ctx.close();
      }
    }
  }, 30_000);

  it('the input hint follows the state: connecting, pick a nick, type a message, reconnecting', async () => {
    const url = stage.url('node-http-app');
    const ctx = await stage.browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await ctx.newPage();
      await page.clock.install(); // the reconnect backoff runs only when the test says so
      // Each connection as the page sees it and as the app sees it.
      const sockets: { page: WebSocketRoute; app: WebSocketRoute }[] = [];
      let letThrough!: () => void;
      const gate = new Promise<void>((resolve) => (letThrough = resolve));
      await page.routeWebSocket(/\/ws$/, async (ws) => {
        await gate;
        sockets.push({ page: ws, app: ws.connectToServer() });
      });
      await page.goto(`${url}chat`);
      expect(await hint(page)).toBe(HINTS.connecting);
      expect(await status(page)).toBe('Connecting…');
      expect(await page.locator('#text').isDisabled()).toBe(true);

      letThrough();
      await expect.poll(() => hint(page)).toBe(HINTS.pickNick);
      expect(await status(page)).toBe('Connected: pick a nick and a room.');

      await join(page, url, 'gina', 'hints');
      expect(await hint(page)).toBe(HINTS.typeMessage);
      const focused = () => page.evaluate(() => document.activeElement?.id ?? null);
      expect(await focused()).toBe('text'); // she asked to join: ready to type
      expect(await page.locator('#where').textContent()).toBe('#hints as gina');
      // Someone else in the room, not routed: sees when the app lets gina go and when she is back.
      const observer = await (await stage.browser.newContext()).newPage();
      await join(observer, url, 'obs', 'hints');
      const seen = async () => (await messages(observer)).filter((m) => m.startsWith('gina '));

      // The server goes away (1001, as on SIGTERM): reconnecting, then back in the room by itself.
      // The page sees 1001; the app side is a real browser WebSocket, which may only close with 1000.
      await sockets[0]!.page.close({ code: 1001, reason: 'restart' });
      await sockets[0]!.app.close({ code: 1000 });
      await expect.poll(seen).toEqual(['gina left']);
      await expect.poll(() => hint(page)).toBe(HINTS.reconnecting);
      expect(await page.locator('#text').isDisabled()).toBe(true);
      expect(await status(page)).toMatch(
        /^Disconnected \(the server is restarting\), retrying in \d+\.\d s…$/,
      );
      expect(await page.locator('#status').getAttribute('class')).toBe('error');
      expect(await page.locator('#leave').isVisible()).toBe(true);
      await page.clock.runFor(16_000); // past the longest first backoff
      await expect.poll(() => hint(page)).toBe(HINTS.typeMessage);
      expect(sockets).toHaveLength(2);
      expect(await members(page)).toEqual(['obs', 'gina']);
      expect(await status(page)).toBe('');
      expect(await focused()).not.toBe('text'); // an automatic rejoin does not pop up a phone's keyboard
      await expect.poll(seen).toEqual(['gina left', 'gina joined']);

      // The network drops but the app still holds the old socket (and the nick) until its heartbeat
      // notices: the rejoin is refused as "nick taken" and retried, not given up.
      await sockets[1]!.page.close({ code: 1006 });
      await expect.poll(() => hint(page)).toBe(HINTS.reconnecting);
      expect(await status(page)).toMatch(/^Disconnected \(connection lost\)/);
      await page.clock.runFor(16_000);
      await expect
        .poll(() => status(page))
        .toMatch(/^Rejoining: Nick taken: "gina" is already in room "hints"/);
      expect(await hint(page)).toBe(HINTS.joining);
      expect(await page.locator('#join-form').isVisible()).toBe(false);
      expect(await seen()).toEqual(['gina left', 'gina joined']); // to the others she never left
      await sockets[1]!.app.close({ code: 1000 }); // the app finally drops the dead socket
      await expect.poll(seen).toEqual(['gina left', 'gina joined', 'gina left']);
      await page.clock.runFor(3_000);
      await expect.poll(() => hint(page)).toBe(HINTS.typeMessage);
      expect(await members(page)).toEqual(['obs', 'gina']);
      expect(await status(page)).toBe('');
      await observer.context().close();
    } finally {
      await ctx.close();
    }
  }, 30_000);

  it('a refused join or send shows the server message in the status line, as text', async () => {
    const url = stage.url('node-http-app');
    const ctx = await stage.browser.newContext({ viewport: { width: 390, height: 844 } });
    const dialogs: string[] = [];
    ctx.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      const page = await ctx.newPage();
      // The app's limits (shared/chat/src/constants.ts) are too big to reach from a test, so the route
      // answers the next matching call with the error instead of the server.
      let refuse: { method: string; code: number; message: string } | null = null;
      await page.routeWebSocket(/\/ws$/, (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((text) => {
          const frame = JSON.parse(String(text)) as { id: number; method: string };
          if (refuse && frame.method === refuse.method) {
            const { code, message } = refuse;
            refuse = null;
            ws.send(JSON.stringify({ jsonrpc: '2.0', id: frame.id, error: { code, message } }));
          } else server.send(text);
        });
      });
      await page.goto(`${url}chat`);
      await expect.poll(() => hint(page)).toBe(HINTS.pickNick);
      const expectStatus = async (text: string) => {
        await expect.poll(() => status(page)).toBe(text);
        expect(await page.locator('#status').getAttribute('class')).toBe('error');
      };

      const joinRefusals = [
        { code: -32004, message: 'Room full: "errors" already has 100 members' },
        {
          code: -32005,
          message: 'Server busy: too many notifications per second across all rooms, retry later',
        },
        { code: -32000, message: 'Rate limited: at most 20 messages per second, retry later' },
        { code: -32602, message: 'Invalid params: room <img src=x onerror=alert(1)>' },
      ];
      for (const error of joinRefusals) {
        refuse = { method: 'chat.join', ...error };
        await page.fill('#nick', 'hal');
        await page.fill('#room', 'errors');
        await page.click('#join');
        await expectStatus(`Could not join: ${error.message}`);
        expect(await page.locator('#join-form').isVisible()).toBe(true);
        expect(await hint(page)).toBe(HINTS.pickNick);
      }

      await join(page, url, 'hal', 'errors');
      const sendRefusals = [
        {
          code: -32003,
          message:
            'Room busy: "errors" takes at most 30 messages per second from all its members, retry later',
        },
        {
          code: -32005,
          message: 'Server busy: too many notifications per second across all rooms, retry later',
        },
        { code: -32000, message: 'Rate limited: at most 20 messages per second, retry later' },
        { code: -32602, message: 'Invalid params: text <b>must</b> be 1–2000 characters' },
      ];
      for (const error of sendRefusals) {
        refuse = { method: 'chat.send', ...error };
        await say(page, 'try again later');
        await expectStatus(`Not sent: ${error.message}`);
        expect(await page.inputValue('#text')).toBe('try again later'); // kept for a retry
        expect(await hint(page)).toBe(HINTS.typeMessage);
      }
      await page.press('#text', 'Enter'); // the retry goes through and clears the error
      await expect.poll(() => status(page)).toBe('');
      expect((await messages(page)).at(-1)).toMatch(/hal: try again later$/);

      // The server no longer knows us (-32001): back to the join form.
      refuse = { method: 'chat.send', code: -32001, message: 'Not joined: call chat.join first' };
      await say(page, 'anyone?');
      await expectStatus('Not sent: Not joined: call chat.join first');
      expect(await page.locator('#join-form').isVisible()).toBe(true);

      expect(await page.locator('#status *').count()).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 30_000);

  it('real refusals from the app: a taken nick and an invalid one', async () => {
    const url = stage.url('fastify-app');
    const ctx = await stage.browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const [first, second] = [await ctx.newPage(), await ctx.newPage()];
      await join(first, url, 'ivy', 'refusals');
      await second.goto(`${url}chat`);
      await expect.poll(() => hint(second)).toBe(HINTS.pickNick);
      for (const [nick, shown] of [
        ['IVY', /^Could not join: Nick taken: "IVY" is already in room "refusals"$/],
        [' ivy2', /^Could not join: Invalid params: nick /],
      ] as const) {
        await second.fill('#nick', nick);
        await second.fill('#room', 'refusals');
        await second.click('#join');
        await expect.poll(() => status(second)).toMatch(shown);
        expect(await second.locator('#join-form').isVisible()).toBe(true);
      }
      expect(await members(first)).toEqual(['ivy']);
    } finally {
      await ctx.close();
    }
  }, 30_000);
});
