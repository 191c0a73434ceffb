/**
 * Turns the hand-written deck into the one Marp renders: every marker replaced by the real code,
 * the bench's real numbers or the lines-of-code table. Any marker that cannot be honoured fails
 * the build, and the error lists every such marker at once.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import { chatUrl } from './chat-url.js';
import { countApps, locTable } from './loc.js';
import { findMarkers, parseMarker, forEachLineOutsideFences, type Marker } from './markers.js';
import { extractRegion } from './regions.js';
import { MissingResultsError, readResults, readTakeaway } from './results.js';
import { joinDeck, splitDeck, type Slide } from './slides.js';
import { displayUrl, escapeHtml, qrSvg, readRepository, readTalkConfig, type TalkConfig } from './talk.js';

export interface ExpandOptions {
  /** Repository root: code marker paths are relative to it, and LOC counts `<root>/apps/*\/src`. */
  root: string;
  /** Where the bench's `<scenario>.md`/`.svg` are (default `slides/generated`). */
  generatedDir: string;
  /** Name used in error messages (e.g. `slides/deck.md`). */
  source?: string;
  /** Whose `repository` field the take-home marker shows (default `<root>/package.json`). */
  packageFile?: string;
  /** Title, speaker, event, date for the talk-title marker (default `<root>/slides/talk.config.json`). */
  talkFile?: string;
  /**
   * By scenario: "⚠ measured on abc1234; apps/express-app changed since", for results whose measured
   * code has changed in commits since (the build asks git; see build-deck.ts). Shown on their slides.
   */
  stale?: ReadonlyMap<string, string>;
}

export interface Expanded {
  markdown: string;
  /** Number of slides after optional ones were dropped. */
  slideCount: number;
  /** Every file the expansion read, for watch mode. */
  deps: string[];
  /** Scenarios whose results made it into the deck. */
  scenarios: string[];
  /** Optional scenarios whose slide was dropped because the bench wrote nothing for them. */
  dropped: string[];
  /** Things the speaker should fix that do not stop the build (e.g. no `repository` yet: no QR code). */
  warnings: string[];
  /** `plaintext: ⚠ measured on abc1234; … changed since`, once per stale scenario shown. */
  stale: string[];
}

/** A build-stopping problem with the deck; `problems` has one line per failing marker. */
export class DeckError extends Error {
  override name = 'DeckError';
  constructor(readonly problems: string[]) {
    super(`The deck cannot be built:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** What an optional results marker expands to when the bench wrote nothing: leave the slide out. */
const DROP = Symbol('drop slide');

/** Fence languages by file extension; the rest use the extension itself. */
const LANGUAGES: Record<string, string> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.js': 'js',
  '.mjs': 'js',
  '.hbs': 'handlebars',
  '.json': 'json',
  '.sh': 'sh',
  '.md': 'markdown',
};

/** A fence longer than any backtick run inside the code, so the code cannot close it early. */
export function fenced(code: string, lang: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${code}\n${fence}`;
}

/**
 * Expands every marker in `markdown`. Rejects with {@link DeckError} naming each marker that points
 * at a missing file, region or (non-optional) results partial.
 *
 * @example
 * const { markdown } = await expandDeck(await readFile('deck.md', 'utf8'), { root, generatedDir });
 */
export async function expandDeck(markdown: string, options: ExpandOptions): Promise<Expanded> {
  const source = options.source ?? 'deck.md';
  // Parse every marker first so a malformed one fails before any file is read.
  try {
    findMarkers(markdown);
  } catch (err) {
    throw new DeckError([`${source}: ${(err as Error).message}`]);
  }

  const deck = splitDeck(markdown);
  const problems: string[] = [];
  const deps = new Set<string>();
  const scenarios: string[] = [];
  const dropped: string[] = [];
  const warnings = new Set<string>();
  const stale = new Map<string, string>();
  /** The stale note of a scenario as a line of its slide (bold: it must not read as a footnote). */
  const staleLine = (scenario: string): string => {
    const note = options.stale?.get(scenario);
    if (note === undefined) return '';
    stale.set(scenario, `${scenario}: ${note}`);
    return `<p class="stale"><strong>${escapeHtml(note)}</strong></p>\n\n`;
  };
  let loc: string | undefined;
  const packageFile = options.packageFile ?? join(options.root, 'package.json');
  const talkFile = options.talkFile ?? join(options.root, 'slides', 'talk.config.json');
  let talk: TalkConfig | undefined;

  const expandOne = async (marker: Marker): Promise<string | typeof DROP> => {
    switch (marker.kind) {
      case 'code': {
        // parseMarker already refused absolute paths and "..", so this stays inside the repository.
        const file = resolve(options.root, marker.file);
        deps.add(file);
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT')
            throw new Error(`file ${marker.file} does not exist`);
          throw err;
        }
        const code = marker.region === null ? text.trimEnd() : extractRegion(text, marker.region);
        return fenced(code, LANGUAGES[extname(file)] ?? extname(file).slice(1));
      }
      case 'results': {
        if (!marker.table && !marker.chart) {
          let t;
          try {
            t = await readTakeaway(options.generatedDir, marker.scenario);
          } catch (err) {
            if (marker.optional && err instanceof MissingResultsError) return DROP;
            throw err;
          }
          t.files.forEach((f) => deps.add(f));
          scenarios.push(marker.scenario);
          const chart = t.chart
            ? `<p class="chart"><img src="${t.chart}" alt="Chart: ${marker.scenario} results"></p>\n`
            : '';
          // The title is the data's takeaway; blank lines keep the Markdown inside the div Markdown.
          return `## ${t.title}\n\n<div class="results takeaway" data-scenario="${marker.scenario}">\n\n${chart}\n${staleLine(marker.scenario)}${t.body}\n\n</div>`;
        }
        let partial;
        try {
          partial = await readResults(options.generatedDir, marker.scenario);
        } catch (err) {
          if (marker.optional && err instanceof MissingResultsError) return DROP;
          throw err;
        }
        // (table): the appendix's full table; (chart): the chart and the partial's lines on a slide
        // that has its own heading and more (the runtimes slide's three entry files).
        const files = marker.chart ? partial.files : partial.files.filter((f) => f.endsWith('.md'));
        files.forEach((f) => deps.add(f));
        if (marker.chart) scenarios.push(marker.scenario);
        const chart =
          marker.chart && partial.chart
            ? `<p class="chart"><img src="${partial.chart}" alt="Chart: ${marker.scenario} results"></p>\n`
            : '';
        // Blank lines around the table so Markdown inside the HTML block is still parsed as Markdown.
        return `<div class="results" data-scenario="${marker.scenario}">\n\n${staleLine(marker.scenario)}${partial.markdown}\n${chart}\n</div>`;
      }
      case 'chat-url':
        return `<p class="big">${chatUrl()}</p>`;
      case 'loc': {
        const appsDir = join(options.root, 'apps');
        deps.add(appsDir);
        loc ??= locTable(await countApps(appsDir));
        return loc;
      }
      case 'talk-title': {
        deps.add(talkFile);
        talk = await readTalkConfig(talkFile);
        return talkTitle(talk);
      }
      case 'take-home': {
        deps.add(packageFile);
        const repo = await readRepository(packageFile);
        if (repo.url === null) {
          warnings.add(
            `${relative(options.root, packageFile) || packageFile} has no "repository" field: the slides show "npm ci && npm run dev" and no QR code ` +
              '(set "repository" to the repository\'s URL to show it with a QR code)',
          );
        }
        return takeHome(repo);
      }
    }
  };

  const kept: Slide[] = [];
  for (const slide of deck.slides) {
    const out: string[] = [];
    const todo: { index: number; marker: Marker; text: string; line: number }[] = [];
    // Fences are tracked per slide; markers are found outside them only, like findMarkers does.
    forEachLineOutsideFences(slide.lines, (line, i) => {
      const marker = parseMarker(line);
      if (marker) todo.push({ index: i, marker, text: line.trim(), line: slide.start + i + 1 });
    });
    const replacements = new Map<number, string>();
    let drop = false;
    for (const { index, marker, text, line } of todo) {
      try {
        const expanded = await expandOne(marker);
        if (expanded === DROP) {
          drop = true;
          if (marker.kind === 'results') dropped.push(marker.scenario);
        } else replacements.set(index, expanded);
      } catch (err) {
        problems.push(`${source}:${line} ${text}: ${(err as Error).message}`);
      }
    }
    if (drop) continue;
    slide.lines.forEach((l, i) => out.push(replacements.get(i) ?? l));
    kept.push({ ...slide, lines: out });
  }
  if (problems.length) throw new DeckError(problems);

  // The HTML <title> follows the config too, when the deck takes its title from there.
  const frontMatter = talk
    ? deck.frontMatter.map((l) => (/^title\s*:/.test(l) ? `title: ${JSON.stringify(talk!.title)}` : l))
    : deck.frontMatter;
  return {
    markdown: joinDeck({ frontMatter, slides: kept }),
    slideCount: kept.length,
    deps: [...deps],
    scenarios,
    dropped,
    warnings: [...warnings],
    stale: [...stale.values()],
  };
}

/** `# Title`, then speaker · event · date on one line, leaving out the ones the config leaves empty. */
export function talkTitle(talk: TalkConfig): string {
  const byline = [talk.speaker, talk.event, talk.date].filter((s) => s !== '');
  return [
    `# ${talk.title}`,
    ...(byline.length ? ['', `<p class="byline">${escapeHtml(byline.join(' · '))}</p>`] : []),
  ].join('\n');
}

/**
 * Where to get the code: the repository's address with its QR code (inline SVG, drawn now, offline),
 * or, while `package.json` names no repository, the package name — never a made-up URL. Either way
 * followed by the one command that starts everything.
 */
export async function takeHome({ name, url }: { name: string; url: string | null }): Promise<string> {
  const start = '<p class="start"><code>npm ci &amp;&amp; npm run dev</code></p>';
  if (url === null) {
    const repo = name ? `<p class="repo">the repo: <code>${escapeHtml(name)}</code></p>` : '';
    return ['<div class="take-home">', `<div>${repo}${start}</div>`, '</div>'].join('\n');
  }
  const href = escapeHtml(url);
  return [
    '<div class="take-home">',
    `<a class="qr" href="${href}">${await qrSvg(url)}</a>`,
    `<div><p class="repo"><a href="${href}">${escapeHtml(displayUrl(url))}</a></p>${start}</div>`,
    '</div>',
  ].join('\n');
}
