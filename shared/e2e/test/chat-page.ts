/** Driving and inspecting the /chat page (shared/fixtures/templates/chat.hbs) from browser tests. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export const HINTS = {
  connecting: 'Connecting…',
  pickNick: 'Pick a nick to join',
  joining: 'Joining…',
  typeMessage: 'Type a message…',
  reconnecting: 'Reconnecting…',
} as const;

/** Opens the page (unless it is already there), joins, and waits until the input is usable. */
export async function join(page: Page, url: string, nick: string, room: string): Promise<void> {
  if (!page.url().endsWith('/chat')) await page.goto(`${url}chat`);
  await page.fill('#nick', nick);
  await page.fill('#room', room);
  await page.click('#join');
  await expect.poll(() => page.locator('#text').isEnabled(), { timeout: 5000 }).toBe(true);
}

export async function say(page: Page, text: string): Promise<void> {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
}

export const messages = (page: Page) => page.locator('#messages li').allTextContents();
export const members = (page: Page) => page.locator('#members li').allTextContents();
export const hint = (page: Page) => page.locator('#text').getAttribute('placeholder');
export const status = (page: Page) => page.locator('#status').textContent();

/**
 * Everything that went wrong in a page, as readable lines: failed requests, responses ≥ 400,
 * requests or WebSockets to another origin, uncaught exceptions.
 */
export function watch(page: Page, origin: string): string[] {
  const problems: string[] = [];
  const foreign = (url: string) => !url.startsWith('data:') && new URL(url).host !== new URL(origin).host;
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  page.on('request', (r) => {
    if (foreign(r.url())) problems.push(`off-origin request: ${r.url()}`);
  });
  page.on('websocket', (ws) => {
    if (foreign(ws.url().replace(/^ws/, 'http'))) problems.push(`off-origin WebSocket: ${ws.url()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return problems;
}

export interface Layout {
  scrollWidth: number;
  scrollHeight: number;
  innerWidth: number;
  innerHeight: number;
  /** Computed font sizes (px) of the visible elements among those asked for. */
  fontSizes: Record<string, number>;
  /** Visible elements whose box sticks out of the viewport, left or right or below. */
  outside: string[];
  /** Whether the input's hint fits in its box (a cut hint is what phones showed before). */
  hintFits: boolean;
  hint: string;
  /** Boxes of the message list and, when shown, the members section. */
  messages: { left: number; right: number; bottom: number; width: number };
  members: { top: number } | null;
}

export const READ_ELEMENTS = [
  '#messages',
  '#messages li',
  '#nick',
  '#room',
  '#join',
  '#leave',
  '#status',
  '#text',
  '#send',
  '#members li',
];

export function layout(page: Page): Promise<Layout> {
  return page.evaluate((selectors) => {
    const fontSizes: Record<string, number> = {};
    const outside: string[] = [];
    for (const sel of selectors) {
      for (const el of Array.from(document.querySelectorAll<HTMLElement>(sel))) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue; // hidden
        const size = parseFloat(getComputedStyle(el).fontSize);
        fontSizes[sel] = Math.min(fontSizes[sel] ?? Infinity, size);
        if (box.left < 0 || box.right > innerWidth + 0.5 || box.bottom > innerHeight + 0.5) outside.push(sel);
      }
    }
    const text = document.getElementById('text') as HTMLInputElement;
    const style = getComputedStyle(text);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = text.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const box = (id: string) => {
      const el = document.getElementById(id)!;
      if (el.offsetParent === null) return null;
      const { left, right, top, bottom, width } = el.getBoundingClientRect();
      return { left, right, top, bottom, width };
    };
    return {
      messages: box('messages')!,
      members: box('people'),
      scrollWidth: document.scrollingElement!.scrollWidth,
      scrollHeight: document.scrollingElement!.scrollHeight,
      innerWidth,
      innerHeight,
      fontSizes,
      outside: [...new Set(outside)],
      hintFits: ctx.measureText(text.placeholder).width <= room,
      hint: text.placeholder,
    };
  }, READ_ELEMENTS);
}

export interface ContrastFinding {
  what: string;
  ratio: number;
}

/**
 * WCAG contrast of the page's text against what is behind it, colours resolved through a canvas
 * (so oklch() and friends come out as the sRGB the screen shows). Also sweeps the nick colour over
 * every 10° of hue, on a plain and on an own-message row. Returns the lowest findings first.
 */
export function contrasts(page: Page): Promise<ContrastFinding[]> {
  return page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const rgba = (color: string): [number, number, number, number] => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!, a! / 255];
    };
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    const background = (el: Element | null): number[] => {
      for (; el; el = el.parentElement) {
        const c = rgba(getComputedStyle(el).backgroundColor);
        if (c[3] > 0.5) return c;
      }
      return rgba(getComputedStyle(document.documentElement).backgroundColor || 'white');
    };
    const ratio = (fg: number[], bg: number[]) => {
      const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
      return Math.round(((a! + 0.05) / (b! + 0.05)) * 100) / 100;
    };
    const found: { what: string; ratio: number }[] = [];
    const check = (what: string, el: Element, pseudo?: string) => {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return;
      if ((el as HTMLInputElement).disabled && pseudo === undefined) return; // disabled controls are exempt
      found.push({ what, ratio: ratio(rgba(getComputedStyle(el, pseudo).color), background(el)) });
    };
    const each = (sel: string, what = sel) => document.querySelectorAll(sel).forEach((el) => check(what, el));
    each('nav a');
    each('h1');
    each('#where');
    each('#leave');
    each('#join');
    each('#send');
    each('#status');
    each('#people h2');
    each('#members li');
    each('#messages li');
    each('#messages li.system', 'system line');
    each('#messages time');
    each('#messages strong', 'nick');
    each('#join-form label span', 'label');
    const text = document.getElementById('text')!;
    check('hint (placeholder)', text, '::placeholder');
    // Every hue a nick can get, on a plain row and on an own-message row.
    const list = document.getElementById('messages')!;
    for (const cls of ['', 'mine']) {
      const li = document.createElement('li');
      li.className = cls;
      const who = document.createElement('strong');
      li.appendChild(who);
      list.appendChild(li);
      for (let h = 0; h < 360; h += 10) {
        who.style.setProperty('--hue', String(h));
        check(`nick hue ${h}${cls ? ' (own row)' : ''}`, who);
      }
      li.remove();
    }
    return found.sort((a, b) => a.ratio - b.ratio);
  });
}
