/** Chromium plus every HTTP app started from its build: the stage each browser test plays on. */
import type { Browser } from 'playwright-core';
import { spawnEntry, stopEntry, type Spawned } from '@repo/conformance';
import { APPS, builtFile } from '@repo/fixtures';
import { launchChromium } from './chromium.js';

/** The apps with HTTP routes (tcp-app has no pages). */
export const HTTP_APPS = APPS.filter((a) => a.http).map((a) => a.name);

export interface Stage {
  browser: Browser;
  /** `http://127.0.0.1:<port>/` of each running app. */
  url(app: string): string;
  close(): Promise<void>;
}

/** Launches Chromium and spawns each app's built entry with plain `node` on an ephemeral port. */
export async function openStage(apps: readonly string[] = HTTP_APPS): Promise<Stage> {
  const browser = await launchChromium();
  const servers = new Map<string, Spawned>();
  const close = async () => {
    await browser.close();
    for (const s of servers.values()) await stopEntry(s.child);
  };
  try {
    for (const name of apps) {
      servers.set(name, await spawnEntry(builtFile(name)));
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { browser, url: (app) => servers.get(app)!.url, close };
}
