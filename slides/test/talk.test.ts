import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { talkTitle } from '../src/expand.js';
import { displayUrl, qrSvg, readRepository, readTalkConfig, repositoryUrl } from '../src/talk.js';
import { removeDir, tempDir, writeTree } from './fixtures.js';

describe('repositoryUrl: the package.json field as a web address', () => {
  it('is null while the field is unset', () => {
    expect(repositoryUrl(undefined)).toBeNull();
    expect(repositoryUrl('')).toBeNull();
  });

  it('reads every form npm documents', () => {
    const url = 'https://github.com/acme/shoot-out';
    for (const field of [
      'acme/shoot-out',
      'github:acme/shoot-out',
      { type: 'git', url: 'git+https://github.com/acme/shoot-out.git' },
      { type: 'git', url: 'https://github.com/acme/shoot-out' },
      { type: 'git', url: 'git+ssh://git@github.com/acme/shoot-out.git' },
      { type: 'git', url: 'git@github.com:acme/shoot-out.git' },
      { type: 'git', url: 'git://github.com/acme/shoot-out.git' },
    ]) {
      expect(repositoryUrl(field), JSON.stringify(field)).toBe(url);
    }
    expect(repositoryUrl('gitlab:acme/shoot-out')).toBe('https://gitlab.com/acme/shoot-out');
    expect(repositoryUrl('bitbucket:acme/shoot-out')).toBe('https://bitbucket.org/acme/shoot-out');
    expect(repositoryUrl({ url: 'https://git.example.org/team/shoot-out/' })).toBe(
      'https://git.example.org/team/shoot-out',
    );
  });

  it('refuses a field that names no web address, rather than guessing one', () => {
    expect(() => repositoryUrl({ type: 'git' })).toThrow('"url" string');
    expect(() => repositoryUrl('not a url')).toThrow('not a URL');
    expect(() => repositoryUrl('gist:11081aaa281')).toThrow('does not name a web address');
    expect(() => repositoryUrl({ url: 'file:../shoot-out' })).toThrow('does not name a web address');
  });

  it('shows the address without its scheme', () => {
    expect(displayUrl('https://github.com/acme/x')).toBe('github.com/acme/x');
  });
});

describe('the talk config and package.json', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
    await writeTree(dir, {
      'ok.json': JSON.stringify({ title: ' Shoot-out ', speaker: 'Ann', event: '', date: '' }),
      'short.json': JSON.stringify({ title: 'Shoot-out' }),
      'typo.json': JSON.stringify({ title: 'Shoot-out', speakr: 'Ann' }),
      'number.json': JSON.stringify({ title: 'Shoot-out', date: 2026 }),
      'untitled.json': JSON.stringify({ title: '  ', speaker: 'Ann' }),
      'bad.json': '{ "title": ',
      'pkg/package.json': JSON.stringify({ name: 'shoot-out' }),
      'pkg-repo/package.json': JSON.stringify({ name: 'shoot-out', repository: 'acme/shoot-out' }),
      'pkg-bad/package.json': JSON.stringify({ name: 'shoot-out', repository: { type: 'git' } }),
    });
  });
  afterAll(() => removeDir(dir));

  it('reads the four fields, trimmed; missing ones are empty', async () => {
    expect(await readTalkConfig(join(dir, 'ok.json'))).toEqual({
      title: 'Shoot-out',
      speaker: 'Ann',
      event: '',
      date: '',
    });
    expect(await readTalkConfig(join(dir, 'short.json'))).toEqual({
      title: 'Shoot-out',
      speaker: '',
      event: '',
      date: '',
    });
  });

  it('refuses a misspelt field, a non-string, an empty title, broken JSON and a missing file', async () => {
    await expect(readTalkConfig(join(dir, 'typo.json'))).rejects.toThrow('unknown field(s) speakr');
    await expect(readTalkConfig(join(dir, 'number.json'))).rejects.toThrow('"date" must be a string');
    await expect(readTalkConfig(join(dir, 'untitled.json'))).rejects.toThrow('"title" must not be empty');
    await expect(readTalkConfig(join(dir, 'bad.json'))).rejects.toThrow('bad.json');
    await expect(readTalkConfig(join(dir, 'nope.json'))).rejects.toThrow('does not exist');
  });

  it('puts only what is filled in under the title', () => {
    const talk = { title: 'Shoot-out', speaker: '', event: '', date: '' };
    expect(talkTitle(talk)).toBe('# Shoot-out');
    expect(talkTitle({ ...talk, speaker: 'Ann <3', date: '2026-12-03' })).toBe(
      '# Shoot-out\n\n<p class="byline">Ann &#60;3 · 2026-12-03</p>',
    );
  });

  it('reads the repository from package.json, and names the file when the field is broken', async () => {
    expect(await readRepository(join(dir, 'pkg/package.json'))).toEqual({ name: 'shoot-out', url: null });
    expect(await readRepository(join(dir, 'pkg-repo/package.json'))).toEqual({
      name: 'shoot-out',
      url: 'https://github.com/acme/shoot-out',
    });
    await expect(readRepository(join(dir, 'pkg-bad/package.json'))).rejects.toThrow(
      /pkg-bad\/package\.json: "repository"/,
    );
  });
});

describe('qrSvg', () => {
  it('draws one line of SVG, sized by CSS, labelled with what it encodes', async () => {
    const svg = await qrSvg('https://github.com/acme/shoot-out');
    expect(svg).toMatch(/^<svg role="img" aria-label="QR code: https:\/\/github\.com\/acme\/shoot-out" /);
    expect(svg).not.toContain('\n');
    expect(svg).not.toMatch(/\swidth=/);
    expect(svg.endsWith('</svg>')).toBe(true);
  });
});
