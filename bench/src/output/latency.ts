/**
 * Writing a latency run: its own timestamped JSON (never overwritten) and latest-latency.json. The
 * report, the deck's latency partials and the README's latency block come from report/latency.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { latencyRunSchema, type LatencyRun } from '../model/latency.js';
import { stampName, type OutputDirs } from './outputs.js';

export interface LatencyOutputs {
  written: string[];
  skipped: string[];
  /** The Markdown report the CLI prints. */
  report: string;
}

/** Validates and writes the run; returns the paths written. */
export async function writeLatencyOutputs(input: LatencyRun, dirs: OutputDirs): Promise<LatencyOutputs> {
  const run = latencyRunSchema.parse(input);
  const json = `${JSON.stringify(run, null, 2)}\n`;
  await mkdir(dirs.results, { recursive: true });
  const suffix = run.quick ? 'latency-quick' : 'latency';
  const files: [string, string][] = [
    [join(dirs.results, `${stampName(run.env.date)}-${suffix}.json`), json],
    [join(dirs.results, `latest-${suffix}.json`), json],
  ];
  for (const [file, text] of files) await writeFile(file, text);
  return { written: files.map(([f]) => f), skipped: [], report: files[1]![0] };
}
