import { readFortunes, REQUEST_TIME_FORTUNE, type Fortune } from '@repo/fixtures';
import type { TemplateContext } from './templates.js';

// #region context
/** The page context: plain, serialisable data; `parent` picks the layout. */
export interface FortunesContext extends TemplateContext {
  parent: string;
  fortunes: Fortune[];
}

// Read once at start-up (top-level await), so requests never touch the disk.
const STORED: readonly Fortune[] = Object.freeze(await readFortunes());

// #elide its JSDoc: the TechEmpower fortunes work, done per request
/**
 * The TechEmpower fortunes work, done per request: a fresh list (as if just fetched; `GET
 * /db/fortunes` passes the rows it read from the database), the request-time row added, sorted by
 * message in code (plain code-unit order).
 */
// #endelide
export function fortunesContext(rows: readonly Fortune[] = STORED): FortunesContext {
  const fortunes = rows.map((row) => ({ id: row.id, message: row.message }));
  fortunes.push({ ...REQUEST_TIME_FORTUNE });
  fortunes.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  return { title: 'Fortunes', parent: 'layouts/base', fortunes };
}
// #endregion

/** The chat page's context: the page is static, the browser does the rest over `/ws`. */
export function chatContext(): TemplateContext {
  return { title: 'Chat', parent: 'layouts/base' };
}
