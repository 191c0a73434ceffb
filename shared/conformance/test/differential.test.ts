/**
 * Differential test: every raw request of the edge corpus goes to all five HTTP apps, and each answer
 * (status, content type, length, connection, envelope code and message, body) must equal
 * node-http-app's, unless the difference is listed with a reason in src/exceptions.ts.
 */
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPS, builtFile } from '@repo/fixtures';
import { listen, type AppServer, type CreateServer } from '@repo/core';
import { EDGE_CORPUS } from '../src/edge-corpus.js';
import { EDGE_EXCEPTIONS } from '../src/exceptions.js';
import { ask, type Answer } from '../src/raw-answer.js';

const HOST = '127.0.0.1';
const apps = APPS.filter((a) => a.http).map((a) => a.name);
const running = new Map<string, { app: AppServer; port: number }>();
const logged: string[] = [];
const IN_FLIGHT = 8;

/** `Promise.all(items.map(fn))` with at most `limit` calls pending, results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

beforeAll(async () => {
  for (const name of apps) {
    // The built app (npm test builds first): this package cannot depend on the apps it tests.
    const url = pathToFileURL(builtFile(name, 'app.js')).href;
    const { createServer } = (await import(url)) as { createServer: CreateServer };
    const app = await createServer({ logError: (err) => logged.push(`${name}: ${String(err)}`) });
    running.set(name, { app, port: await listen(app.server, 0, HOST) });
  }
}, 30_000);

afterAll(async () => {
  await Promise.all([...running.values()].map(({ app }) => app.close()));
});

describe('the HTTP edges are identical in every app', () => {
  it(`${EDGE_CORPUS.length} raw requests get the same answer from all ${apps.length} apps`, async () => {
    expect(EDGE_CORPUS.length).toBeGreaterThanOrEqual(100);
    const answers = new Map<string, Answer[]>();
    // A bounded number of requests in flight per app: ~780 at once made a busy machine's answers
    // miss the 400 ms silence window, and the test reported differences that did not exist.
    await Promise.all(
      apps.map(async (name) => {
        const { port } = running.get(name)!;
        answers.set(name, await mapLimit(EDGE_CORPUS, IN_FLIGHT, (req) => ask(HOST, port, req)));
      }),
    );
    const baseline = answers.get('node-http-app')!;
    const differences: string[] = [];
    const unused = new Set(EDGE_EXCEPTIONS);
    EDGE_CORPUS.forEach((req, i) => {
      const expected = JSON.stringify(baseline[i]);
      for (const name of apps) {
        const actual = JSON.stringify(answers.get(name)![i]);
        if (actual === expected) continue;
        const known = EDGE_EXCEPTIONS.find((e) => e.app === name && e.request === req.name);
        if (known) unused.delete(known);
        else differences.push(`${req.name} — ${name}: ${actual}\n    node-http-app: ${expected}`);
      }
    });
    expect(differences, differences.join('\n')).toEqual([]);
    expect([...unused], 'exceptions that no longer differ').toEqual([]);
    expect(logged, 'no request at the edges is logged as an unexpected error').toEqual([]);
  }, 60_000);
});
