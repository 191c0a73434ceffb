/**
 * What the title and the last slide say about the talk and where to get the code: the title, speaker,
 * event and date from `slides/talk.config.json` (the one file the speaker edits), and the repository
 * from the root `package.json`'s standard `repository` field — never typed into the deck, never
 * invented. The QR code is drawn at build time by the `qrcode` package, offline, as inline SVG.
 */
import { readFile } from 'node:fs/promises';
import QRCode from 'qrcode';

/** `slides/talk.config.json`: empty strings are left off the slides (only the title is required). */
export interface TalkConfig {
  title: string;
  speaker: string;
  event: string;
  date: string;
}

const FIELDS = ['title', 'speaker', 'event', 'date'] as const;

/**
 * Reads and checks the talk config: an object with exactly the four string fields (a typo in a key is
 * an error rather than a silently missing speaker), and a non-empty title.
 */
export async function readTalkConfig(file: string): Promise<TalkConfig> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${file} does not exist`);
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${file}: expected an object with ${FIELDS.join(', ')}`);
  const record = parsed as Record<string, unknown>;
  const unknown = Object.keys(record).filter((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknown.length)
    throw new Error(`${file}: unknown field(s) ${unknown.join(', ')} (known: ${FIELDS.join(', ')})`);
  const config = {} as TalkConfig;
  for (const field of FIELDS) {
    const value = record[field] ?? '';
    if (typeof value !== 'string') throw new Error(`${file}: "${field}" must be a string`);
    config[field] = value.trim();
  }
  if (!config.title) throw new Error(`${file}: "title" must not be empty`);
  return config;
}

/** Hosts npm's `repository` shorthands stand for (`"owner/repo"` alone means GitHub). */
const SHORTHAND_HOSTS: Record<string, string> = {
  github: 'github.com',
  gitlab: 'gitlab.com',
  bitbucket: 'bitbucket.org',
};

/**
 * The web address of a `package.json` `repository` field, in any of the forms npm documents: a
 * shorthand (`owner/repo`, `github:owner/repo`, `gitlab:…`, `bitbucket:…`) or `{ "type": "git", "url":
 * "git+https://host/owner/repo.git" }` (also `git+ssh://git@host/…`, `git@host:owner/repo.git`,
 * `git://…`). Null when the field is unset; throws when it is set but names no web address.
 *
 * @example
 * repositoryUrl({ type: 'git', url: 'git+https://github.com/acme/shoot-out.git' });
 * // 'https://github.com/acme/shoot-out'
 */
export function repositoryUrl(field: unknown): string | null {
  if (field === undefined || field === null || field === '') return null;
  const raw = typeof field === 'string' ? field : (field as { url?: unknown }).url;
  if (typeof raw !== 'string' || raw.trim() === '')
    throw new Error('"repository" must be a string or an object with a "url" string');
  const value = raw.trim();
  const shorthand = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(value);
  if (shorthand)
    return `https://${SHORTHAND_HOSTS[shorthand[1] ?? 'github']}/${shorthand[2]!.replace(/\.git$/, '')}`;
  // scp-like `git@host:owner/repo.git`
  const scp = /^[\w.-]+@([\w.-]+):([^\s]+)$/.exec(value);
  let url: URL;
  try {
    url = new URL(scp ? `https://${scp[1]}/${scp[2]}` : value.replace(/^git\+/, ''));
  } catch {
    throw new Error(`"repository" is not a URL or an npm shorthand: ${value}`);
  }
  if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol) || !url.hostname || url.pathname.length < 2)
    throw new Error(`"repository" does not name a web address: ${value}`);
  const path = url.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  const scheme = url.protocol === 'http:' ? 'http' : 'https';
  return `${scheme}://${url.host}${path}`;
}

/** The root `package.json`'s name and repository web address (null while `repository` is unset). */
export async function readRepository(packageFile: string): Promise<{ name: string; url: string | null }> {
  const pkg = JSON.parse(await readFile(packageFile, 'utf8')) as { name?: unknown; repository?: unknown };
  let url: string | null;
  try {
    url = repositoryUrl(pkg.repository);
  } catch (err) {
    throw new Error(`${packageFile}: ${(err as Error).message}`);
  }
  return { name: typeof pkg.name === 'string' ? pkg.name : '', url };
}

/**
 * A QR code for `text` as one line of SVG (no width/height: the slide's CSS sizes it), black on white
 * with the standard four-module quiet zone, error correction M (readable from a projector screen).
 */
export async function qrSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return svg.trim().replace(/^<svg /, `<svg role="img" aria-label="QR code: ${escapeHtml(text)}" `);
}

/** `https://github.com/acme/x` → `github.com/acme/x`: what people type, shown under the QR code. */
export function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
