/**
 * Vitest global set-up: the browser tests drive every app's build, and the e2e package does not list
 * the apps as dependencies (so adding one is not an edit here), which means turbo does not order their
 * builds before these tests. Fail at once, naming what to run, instead of with a spawn error per app.
 */
import { existsSync } from 'node:fs';
import { APPS, builtFile } from '@repo/fixtures';

export default function checkAppsBuilt(): void {
  const missing = APPS.filter((app) => !existsSync(builtFile(app.name))).map((app) => app.name);
  if (missing.length > 0) {
    throw new Error(
      `not built: ${missing.join(', ')}. Run \`npm run build\` (turbo builds every app) first.`,
    );
  }
}
