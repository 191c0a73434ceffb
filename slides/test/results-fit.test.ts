/**
 * The results slides as the bench writes them, whatever run is committed: partials rendered by the
 * bench's own code from fake runs built to be the worst a real run can be (eleven plaintext targets,
 * not server-bound and noisy cells, a failed app, every interval wide, a four-version Node matrix,
 * a noisy machine with a run warning, every result measured on code that changed since; a noisy
 * latency run with a generator-limited band and a failed scenario),
 * built into the deck and measured in Chromium: nothing overflows 1280×720 and no text on a results
 * slide is under the deck's 20 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, requireChromium } from '@repo/e2e';
import { writeOutputs } from 'bench/outputs';
import { fakeRun } from 'bench/fake-runs';
import { writeLatencyOutputs } from 'bench/latency-outputs';
import { fakeLatencyRun } from 'bench/fake-latency';
import { buildDeck } from '../src/build-deck.js';
import { deckPaths } from '../src/paths.js';
import { removeDir, tempDir } from './fixtures.js';

const run = await requireChromium();
const SLIDES = 'svg[data-marpit-svg] > foreignObject > section';

describe.skipIf(!run)('results slides written by the bench fit the deck', () => {
  let tmp: string;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Awaited<ReturnType<typeof browser.newPage>>;

  beforeAll(async () => {
    tmp = await tempDir();
    const dirs = { results: join(tmp, 'results'), generated: join(tmp, 'generated'), readme: null };
    // Every scenario, the four a default run leaves out included: their slides must fit too.
    const worst = fakeRun({
      argv: [
        '--scenarios',
        'plaintext,json,param,fortunes,db,queries,updates,db-fortunes,ws-echo,ws-broadcast,ws-capacity',
      ],
      noise: 0.3,
      notServerBound: ['tcp-app', 'node-http-app', 'fastify-app', 'hono-app', 'reference/node-http'],
      failed: ['koa-app'],
    });
    // A busy machine's run warning on every method line, and (noise 0.3) "noisy run" titles.
    worst.warnings = [
      'the machine was busy before the run: other work used 37 % of the CPUs over 2.0 s (more than 10 %), so numbers are less reliable',
    ];
    await writeOutputs(worst, dirs);
    // The latency slides at their worst: noisy, a generator-limited band, a scenario whose baseline failed.
    const latency = fakeLatencyRun({ noisy: true, generatorLimited: [0.9], failedScenarios: ['queries'] });
    latency.warnings = worst.warnings;
    await writeLatencyOutputs(latency, dirs, { codeChanges: () => [] });
    const matrix = fakeRun({
      argv: ['--matrix'],
      nodes: ['v20.20.2', 'v22.22.0', 'v24.21.0', 'v26.10.0'],
      slowOn20: ['express-app', 'koa-app', 'hono-app', 'fastify-app'],
    });
    await writeOutputs(matrix, dirs);
    // Every results slide also says its code changed since, as a deck built after an app commit would.
    const stale = new Map(
      [
        ...worst.blocks.map((b) => b.scenario),
        'node-matrix',
        ...latency.scenarios.map((s) => `latency-${s.scenario}`),
      ].map((s) => [
        s,
        '⚠ measured on abc1234; apps/express-app, apps/fastify-app, shared/core and 2 more changed since',
      ]),
    );
    const result = await buildDeck(deckPaths({ generatedDir: dirs.generated, outDir: join(tmp, 'dist') }), {
      stale,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(pathToFileURL(result.html).href);
    await page.addStyleTag({ content: 'svg.bespoke-marp-slide { content-visibility: visible !important; }' });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await removeDir(tmp);
  });

  it('has every results slide, the Node matrix included', async () => {
    const scenarios = await page
      .locator('.results')
      .evaluateAll((divs) => divs.map((d) => (d as HTMLElement).dataset.scenario));
    expect(scenarios).toEqual(
      expect.arrayContaining([
        'plaintext',
        'param',
        'fortunes',
        'ws-broadcast',
        'ws-capacity',
        'node-matrix',
        'latency-plaintext',
        'latency-fortunes',
        'latency-queries',
      ]),
    );
  });

  it('overflows no results slide', async () => {
    const overflowing = await page.locator(SLIDES).evaluateAll((sections) =>
      sections
        .filter((s) => s.querySelector('.results'))
        .map((s) => ({
          heading: s.querySelector('h2')?.textContent ?? '',
          extra: s.scrollHeight - s.clientHeight,
          wide: s.scrollWidth - s.clientWidth,
        }))
        .filter((s) => s.extra > 1 || s.wide > 1),
    );
    expect(overflowing).toEqual([]);
  });

  it('keeps every text of a results slide at 20 px or more', async () => {
    const small = await page.locator('.results').evaluateAll((divs) =>
      divs.flatMap((div) => {
        const found: string[] = [];
        const walker = document.createTreeWalker(div, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const px = parseFloat(getComputedStyle(node.parentElement!).fontSize);
          if (node.textContent?.trim() && px < 20)
            found.push(`${node.textContent.trim().slice(0, 30)} (${px} px)`);
        }
        return found;
      }),
    );
    expect(small).toEqual([]);
  });
});
