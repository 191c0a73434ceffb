import { fileURLToPath } from 'node:url';

/** The built entry (`dist/server.js`) of an app in this repo. */
export const entry = (app: string): string =>
  fileURLToPath(new URL(`../../../apps/${app}/dist/server.js`, import.meta.url));
