/**
 * The apps a demo command starts (`npm run dev:cluster`, `npm run dev:db`): every HTTP app in
 * @repo/fixtures' APPS, or only those named on the command line; an unknown name ends the process
 * with exit 2 and the list to pick from.
 */
import { APPS } from '@repo/fixtures';

export function demoApps(named: readonly string[]): typeof APPS {
  const apps = APPS.filter((app) => app.http && (named.length === 0 || named.includes(app.name)));
  const unknown = named.filter((name) => !apps.some((app) => app.name === name));
  if (unknown.length > 0 || apps.length === 0) {
    console.error(
      `unknown app ${unknown.join(', ')}; pick from ${APPS.filter((a) => a.http)
        .map((a) => a.name)
        .join(', ')}`,
    );
    process.exit(2);
  }
  return apps;
}
