/**
 * `--runtime` values (`node@24`, `bun`, `deno@2.9.6` …) resolved to binaries with the version each
 * binary reports, and how to run an entry file on each.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fetchPackageBinary, type FetchOptions } from './fetch.js';
import { bunPackage, currentHost, denoPackage, nodePackage, type Host } from './platform.js';

export type RuntimeName = 'node' | 'bun' | 'deno';
export const RUNTIME_NAMES: readonly RuntimeName[] = ['node', 'bun', 'deno'];

/**
 * The Bun and Deno versions fetched when none is asked for: pinned, so every run (CI, the bench, a
 * laptop) measures the same build; raise them on purpose.
 */
export const PINNED_VERSIONS = { bun: '1.4.5', deno: '2.9.6' } as const;

/** A runtime binary and what it reports about itself. */
export interface RuntimeBinary {
  runtime: RuntimeName;
  path: string;
  /** As the binary prints it, normalised: `v24.21.0` (Node), `1.4.5` (Bun), `2.9.6` (Deno). */
  version: string;
  /** `Node v24.21.0`, `Bun 1.4.5`, `Deno 2.9.6`: for tables, charts and logs. */
  label: string;
}

/** Splits `bun@1.4.5` into its runtime and version (undefined: the default one). */
export function parseRuntimeSpec(spec: string): { runtime: RuntimeName; version: string | undefined } {
  const at = spec.indexOf('@');
  const name = (at === -1 ? spec : spec.slice(0, at)).toLowerCase();
  const version = at === -1 ? undefined : spec.slice(at + 1);
  if (!RUNTIME_NAMES.includes(name as RuntimeName))
    throw new Error(
      `unknown runtime "${spec}": use node[@<major>|@current], bun[@<version>] or deno[@<version>]`,
    );
  if (version === '') throw new Error(`"${spec}": a version after @, or no @`);
  return { runtime: name as RuntimeName, version };
}

const LABELS: Record<RuntimeName, string> = { node: 'Node', bun: 'Bun', deno: 'Deno' };

/** Asks the binary for its version (`deno --version` prints three lines; the first has it). */
export function runtimeVersion(runtime: RuntimeName, path: string): string {
  const out = execFileSync(path, ['--version'], {
    encoding: 'utf8',
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' },
  });
  const match = /\d+\.\d+\.\d+/.exec(out);
  if (!match) throw new Error(`${path} --version printed no version: ${out.trim()}`);
  return runtime === 'node' ? `v${match[0]}` : match[0];
}

export interface ResolveOptions {
  cacheDir?: FetchOptions['cacheDir'];
  log?: FetchOptions['log'];
  host?: Host;
}

/**
 * Resolves a spec to a binary, fetching it into the cache when needed: `node` or `node@current` is
 * the running Node, `node@<major>` the newest of that major (the running Node when it matches),
 * `bun`/`deno` the pinned versions. Throws `UnsupportedPlatformError` or `RuntimeFetchError`.
 *
 * @example resolveRuntime('bun').label // 'Bun 1.4.5'
 */
export function resolveRuntime(spec: string, options: ResolveOptions = {}): RuntimeBinary {
  const { runtime, version } = parseRuntimeSpec(spec);
  const host = options.host ?? currentHost();
  const fetchOpts = { cacheDir: options.cacheDir, log: options.log };
  let path: string;
  if (runtime === 'node') {
    if (version === undefined || version === 'current' || process.versions.node.split('.')[0] === version)
      path = process.execPath;
    else if (/^\d+$/.test(version))
      path = fetchPackageBinary({
        pkg: nodePackage(host),
        version,
        bin: host.platform === 'win32' ? 'node.exe' : 'bin/node',
        ...fetchOpts,
      });
    else path = resolve(version);
  } else if (runtime === 'bun') {
    path = fetchPackageBinary({
      pkg: bunPackage(host),
      version: version ?? PINNED_VERSIONS.bun,
      bin: 'bin/bun',
      ...fetchOpts,
    });
  } else {
    path = fetchPackageBinary({
      pkg: denoPackage(host),
      version: version ?? PINNED_VERSIONS.deno,
      bin: 'deno',
      ...fetchOpts,
    });
  }
  const reported = runtimeVersion(runtime, path);
  return { runtime, path, version: reported, label: `${LABELS[runtime]} ${reported}` };
}

/**
 * The command that runs a built ESM entry on a runtime. Deno needs permissions (network, reading the
 * templates, PORT/HOST from the environment) and finds packages in the repo's `node_modules` by itself
 * (a `package.json` above the entry turns on its "bring your own node_modules" mode).
 *
 * @example spawn(...runCommand(binary, 'apps/hono-app/dist/deno.js'))
 */
export function runCommand(
  binary: RuntimeBinary,
  entry: string,
): { command: string; args: string[]; env: Record<string, string> } {
  if (binary.runtime === 'deno')
    return {
      command: binary.path,
      args: ['run', '--allow-net', '--allow-read', '--allow-env', '--allow-sys', entry],
      env: { DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' },
    };
  return { command: binary.path, args: [entry], env: {} };
}
