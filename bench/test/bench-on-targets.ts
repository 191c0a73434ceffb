/**
 * The bench run through its API (`runBench`) on targets a test chooses — built apps beside fixtures
 * that misbehave — with every output under the test's own directory.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCli } from '../src/cli/args.js';
import { createProgress } from '../src/cli/progress.js';
import { parseScenarioId } from '../src/model/scenario-list.js';
import { runBench } from '../src/run/run-bench.js';
import { ROOT_DIR } from '../src/targets/targets.js';
import type { Run } from '../src/model/schema.js';
import type { NodeBinary, Target } from '../src/model/target.js';

/** A fixture server under test/fixtures. */
export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** A built app of the repo, e.g. `apps/node-http-app/dist/server.js`. */
export const builtApp = (name: string) => join(ROOT_DIR, 'apps', name, 'dist', 'server.js');

/** A target named `app` running `entry` on `node` in the given scenarios. */
export function testTarget(app: string, entry: string, node: NodeBinary, scenarios = ['plaintext']): Target {
  return {
    app,
    kind: 'app',
    framework: app,
    version: 'test',
    entry,
    node,
    scenarios: scenarios.map((s) => parseScenarioId(s)!),
    reference: null,
  };
}

/**
 * Runs the bench as `argv` says (a quick run) on the targets `targets` builds for the first Node;
 * resolves with the run and every line it logged.
 */
export async function benchOnTargets(
  argv: string[],
  dir: string,
  targets: (node: NodeBinary) => Target[],
): Promise<{ run: Run; lines: string[] }> {
  const lines: string[] = [];
  const { settings } = parseCli(argv);
  const { run } = await runBench({
    settings,
    quick: true,
    dirs: { results: join(dir, 'results'), generated: join(dir, 'generated'), readme: null },
    signal: new AbortController().signal,
    log: (l) => lines.push(l),
    progress: (s) => createProgress(s, false, (l) => lines.push(l)),
    targets: (nodes) => targets(nodes[0]!),
  });
  return { run, lines };
}
