/**
 * The project's browser setup: Debian's Chromium (`apt-get install -y chromium`) driven by
 * playwright-core — never a downloaded browser build. Reused by every browser test in the repo.
 *
 * @example
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 */
import { access, constants } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

/**
 * Why Chromium cannot be used, or null when it can. In CI (`CI=true`) a missing browser is an
 * error the caller must fail on; locally the tests skip with this message.
 */
export async function chromiumMissing(): Promise<string | null> {
  try {
    await access(CHROMIUM_PATH, constants.X_OK);
    return null;
  } catch {
    return `Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (or set CHROME_PATH)`;
  }
}

/** Throws in CI when Chromium is missing; returns true when browser tests should run. */
export async function requireChromium(): Promise<boolean> {
  const missing = await chromiumMissing();
  if (missing === null) return true;
  if (process.env.CI) throw new Error(`CI=true: ${missing}`);
  console.warn(`Skipping browser tests. ${missing}`);
  return false;
}

/** Headless Chromium with the flags this sandboxed, offline machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
