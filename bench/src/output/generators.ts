/**
 * Writing a generators probe: its own timestamped JSON, latest-generators.{json,md}, and the deck's
 * optional `generators.md` partial (the "Why wrk" slide is left out until one exists). Nothing else:
 * no scenario partial, no README block.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generatorsRunSchema, type GeneratorsRun } from '../model/generators.js';
import { generatorsPartial } from '../report/generators.js';
import { stampName, type OutputDirs } from './outputs.js';
import { writeRunIndex } from './run-index.js';

/** Validates and writes the probe; returns the paths written. */
export async function writeGeneratorsOutputs(input: GeneratorsRun, dirs: OutputDirs): Promise<string[]> {
  const run = generatorsRunSchema.parse(input);
  const json = `${JSON.stringify(run, null, 2)}\n`;
  const partial = generatorsPartial(run);
  await mkdir(dirs.results, { recursive: true });
  await mkdir(dirs.generated, { recursive: true });
  const files: [string, string][] = [
    [join(dirs.results, `${stampName(run.env.date)}-generators.json`), json],
    [join(dirs.results, 'latest-generators.json'), json],
    [join(dirs.results, 'latest-generators.md'), `# Load generators: who is the bottleneck?\n\n${partial}`],
    [join(dirs.generated, 'generators.md'), partial],
  ];
  for (const [file, text] of files) await writeFile(file, text);
  return [...files.map(([file]) => file), await writeRunIndex(dirs.results)];
}
