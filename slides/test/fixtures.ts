/**
 * Test helpers: temp folders, and stand-in bench partials for when no real run exists (tests must
 * never write into slides/generated). The fixture tables say FIXTURE so nobody mistakes them for data.
 */
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh temp folder; pair with {@link removeDir} in afterAll/afterEach. */
export function tempDir(prefix = 'slides-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export function removeDir(dir: string | undefined): Promise<void> {
  return dir ? rm(dir, { recursive: true, force: true }) : Promise.resolve();
}

/** Writes `files` (path relative to `dir` → content) under `dir`, creating folders. */
export async function writeTree(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

/**
 * A stand-in partial shaped like the bench's (six apps, nine columns, a method line), so layout
 * checks such as "nothing overflows the slide" mean something before a real run exists.
 */
export const fixtureTable = (scenario: string): string =>
  [
    '| app | version | req/s median (min–max) | ratio | vs own reference | p50 ms | p99 ms | RSS MB | per CPU-s |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...['express-app', 'fastify-app', 'hono-app', 'koa-app', 'node-http-app (baseline)', 'tcp-app'].map(
      (app) => `| ${app} | 0.0.0 | 11,111 (11,111–11,111) | 1.00 | 1.00 | 1.11 | 11.1 | 11 | 11,111 |`,
    ),
    '',
    `_FIXTURE for ${scenario}, not a measurement: a long method line as the bench writes one, naming the CPU, ` +
      'the cores, the OS, the Node versions, the pinning, the connections, warm-up and rounds, and the date._',
  ].join('\n');

export const fixtureSvg = (scenario: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="784" height="229" viewBox="0 0 784 229">` +
  `<rect width="784" height="229" fill="#fff"/><rect x="190" y="40" width="500" height="150" fill="#6b8fb3"/>` +
  `<text x="20" y="24" font-size="16">FIXTURE ${scenario}</text></svg>`;

/** Writes `<scenario>.md` and `.svg` fixtures for each scenario into `dir`. */
export async function writeFixtureResults(dir: string, scenarios: readonly string[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const s of scenarios) {
    await writeFile(join(dir, `${s}.md`), fixtureTable(s));
    await writeFile(join(dir, `${s}.svg`), fixtureSvg(s));
    await writeFile(
      join(dir, `${s}.takeaway.md`),
      `${s}: fixture takeaway\n\nfixture line under the chart\n`,
    );
  }
}

/** True when `dir` holds at least one results partial (a real bench run wrote it). */
export async function hasPartials(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).some((f) => f.endsWith('.md'));
  } catch {
    return false;
  }
}
