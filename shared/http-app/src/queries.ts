import { parseQueries } from '@repo/db';

/**
 * The `queries` parameter of `/queries` and `/updates` from a request target (`/queries?queries=20`)
 * or a full URL, the same in every app: the FIRST value when it is given twice (express, koa and
 * fastify would give an array), percent-decoded, then TechEmpower's clamp (`parseQueries`).
 *
 * @example queriesOf(req.url) // 20 for `/queries?queries=20&queries=3`
 */
export function queriesOf(target: string): number {
  const q = target.indexOf('?');
  if (q === -1) return parseQueries(null);
  const hash = target.indexOf('#', q);
  return parseQueries(
    new URLSearchParams(target.slice(q + 1, hash === -1 ? undefined : hash)).get('queries'),
  );
}
