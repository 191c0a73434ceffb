/**
 * Differential test: every raw request of the edge corpus goes to all five HTTP apps, and each answer
 * (status, content type, length, connection, envelope code and message, body) must equal the committed
 * golden answer in src/edge-golden.json, unless the difference is listed with a reason in
 * src/exceptions.ts. The golden set, not node-http-app, is the reference: every app shares the edge
 * guard, so a guard regression makes all five agree on a wrong answer, and only a fixed record sees it.
 *
 * After an intended change, regenerate it from node-http-app and review the diff before committing:
 *   UPDATE_EDGE_GOLDEN=1 npx vitest run shared/conformance/test/differential.test.ts
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPS, builtFile } from '@repo/fixtures';
import { listen, type AppServer, type CreateServer } from '@repo/core';
import { EDGE_CORPUS } from '../src/edge-corpus.js';
import { EDGE_EXCEPTIONS } from '../src/exceptions.js';
import { ask, type Answer } from '../src/raw-answer.js';

const HOST = '127.0.0.1';
const GOLDEN = fileURLToPath(new URL('../src/edge-golden.json', import.meta.url));
const REGENERATE = 'UPDATE_EDGE_GOLDEN=1 npx vitest run shared/conformance/test/differential.test.ts';
const BASELINE = 'node-http-app';
const apps = APPS.filter((a) => a.http).map((a) => a.name);
const running = new Map<string, { app: AppServer; port: number }>();
const logged: string[] = [];
const IN_FLIGHT = 8;

/** An answer as the golden file records it: a page body over 200 characters as its SHA-256 and length. */
type Golden = Omit<Answer, 'body'> & { body?: string; bodySha256?: string };
function golden(answer: Answer): Golden {
  const { body, ...rest } = answer;
  if (body === undefined || body.length <= 200) return answer;
  return { ...rest, bodySha256: createHash('sha256').update(body).digest('hex') };
}

interface GoldenFile {
  about: string;
  answers: Record<string, Golden>;
}

/** JSON as prettier formats it (number arrays on one line), so a regenerated file passes `npm run lint`. */
function writeGolden(answers: Answer[]): void {
  const file: GoldenFile = {
    about: `Answers of ${BASELINE} to the edge corpus, reviewed by hand. Regenerate: ${REGENERATE}`,
    answers: Object.fromEntries(EDGE_CORPUS.map((req, i) => [req.name, golden(answers[i]!)])),
  };
  const text = JSON.stringify(file, null, 2).replace(
    /\[\n\s+(\d+(?:,\n\s+\d+)*)\n\s*\]/g,
    (_, list: string) => `[${list.split(/,\n\s+/).join(', ')}]`,
  );
  writeFileSync(GOLDEN, `${text}\n`);
}

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

describe('the HTTP edges are right, and the same in every app', () => {
  it(`${EDGE_CORPUS.length} raw requests get the golden answer from all ${apps.length} apps`, async () => {
    expect(EDGE_CORPUS.length).toBeGreaterThanOrEqual(100);
    const names = EDGE_CORPUS.map((r) => r.name);
    expect(
      names.filter((n, i) => names.indexOf(n) !== i),
      'corpus names are unique',
    ).toEqual([]);
    const answers = new Map<string, Answer[]>();
    // A bounded number of requests in flight per app; each waits for its whole answer (or the close),
    // so a busy machine makes the test slower, not wrong.
    await Promise.all(
      apps.map(async (name) => {
        const { port } = running.get(name)!;
        answers.set(name, await mapLimit(EDGE_CORPUS, IN_FLIGHT, (req) => ask(HOST, port, req)));
      }),
    );
    if (process.env.UPDATE_EDGE_GOLDEN === '1') writeGolden(answers.get(BASELINE)!);

    const expected = (JSON.parse(readFileSync(GOLDEN, 'utf8')) as GoldenFile).answers;
    const regenerate = `If the change is intended, regenerate and review the diff: ${REGENERATE}`;
    expect(Object.keys(expected).sort(), `golden entries = corpus requests. ${regenerate}`).toEqual(
      [...names].sort(),
    );
    const differences: string[] = [];
    const unused = new Set(EDGE_EXCEPTIONS);
    EDGE_CORPUS.forEach((req, i) => {
      const want = JSON.stringify(expected[req.name]);
      for (const name of apps) {
        const actual = JSON.stringify(golden(answers.get(name)![i]!));
        if (actual === want) continue;
        const known = EDGE_EXCEPTIONS.find((e) => e.app === name && e.request === req.name);
        if (known) unused.delete(known);
        else differences.push(`${req.name} — ${name}: ${actual}\n    golden: ${want}`);
      }
    });
    expect(differences, `${differences.join('\n')}\n${regenerate}`).toEqual([]);
    expect([...unused], 'exceptions that no longer differ').toEqual([]);
    expect(logged, 'no request at the edges is logged as an unexpected error').toEqual([]);
  }, 120_000);
});
