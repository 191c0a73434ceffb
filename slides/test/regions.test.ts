import { describe, expect, it } from 'vitest';
import { dedent, extractRegion, regionNames } from '../src/regions.js';

const source = [
  "import x from 'x';",
  '',
  'export function app() {',
  '  // #region hello',
  "  app.get('/', (c) => c.text('hi')); // keeps its comment",
  '  // #region inner',
  "  app.get('/json', (c) => c.json({}));",
  '  // #endregion',
  '',
  '    indented(`${a}`);',
  '  // #endregion',
  '  // #region other',
  '  other();',
  '  // #endregion',
  '}',
].join('\n');

describe('extractRegion', () => {
  it('returns the region verbatim, dedented, without the nested region marker lines', () => {
    expect(extractRegion(source, 'hello')).toBe(
      [
        "app.get('/', (c) => c.text('hi')); // keeps its comment",
        "app.get('/json', (c) => c.json({}));",
        '',
        '  indented(`${a}`);',
      ].join('\n'),
    );
  });

  it('extracts a nested region on its own', () => {
    expect(extractRegion(source, 'inner')).toBe("app.get('/json', (c) => c.json({}));");
  });

  it('handles CRLF sources and template comment styles', () => {
    expect(extractRegion('a\r\n// #region r\r\n  b\r\n// #endregion\r\n', 'r')).toBe('b');
    expect(extractRegion('{{!-- #region t --}}\n<p>{{x}}</p>\n{{!-- #endregion --}}', 't')).toBe(
      '<p>{{x}}</p>',
    );
  });

  it('names the known regions when the one asked for is missing', () => {
    expect(() => extractRegion(source, 'ws')).toThrow(
      'region "ws" not found (regions here: hello, inner, other)',
    );
    expect(() => extractRegion('const a = 1;', 'ws')).toThrow('the file has no regions');
  });

  it('refuses duplicate, unterminated and empty regions', () => {
    expect(() =>
      extractRegion('// #region a\nx\n// #endregion\n// #region a\ny\n// #endregion', 'a'),
    ).toThrow('defined 2 times');
    expect(() => extractRegion('// #region a\nx\n', 'a')).toThrow('no matching #endregion');
    expect(() => extractRegion('// #region a\n\n// #endregion', 'a')).toThrow('is empty');
  });

  it('does not confuse a region whose name starts like another', () => {
    expect(
      extractRegion('// #region hello-world\na\n// #endregion\n// #region hello\nb\n// #endregion', 'hello'),
    ).toBe('b');
  });
});

describe('extractRegion: #elide … #endelide', () => {
  const long = [
    'function serve() {',
    '  // #region loop',
    '  const a = 1;',
    '  // #elide the head rules',
    '  check(a);',
    '  check(b);',
    '  // #endelide',
    '  if (a) {',
    '    // #elide',
    '    deep();',
    '    // #endelide',
    '  }',
    '  // #endregion',
    '}',
  ].join('\n');

  it('turns each cut into one "…" line at the marker\'s indentation, keeping its words', () => {
    expect(extractRegion(long, 'loop')).toBe(
      ['const a = 1;', '// … the head rules', 'if (a) {', '  // …', '}'].join('\n'),
    );
  });

  it('writes the "…" line in the marker\'s comment style (block, handlebars, HTML, #)', () => {
    const cut = (open: string, close = '') =>
      extractRegion(
        [
          `${open} #region r${close}`,
          'a',
          `${open} #elide rows${close}`,
          'b',
          `${open} #endelide${close}`,
          'c',
          `${open} #endregion${close}`,
        ].join('\n'),
        'r',
      );
    expect(cut('/*', ' */')).toBe('a\n/* … rows */\nc');
    expect(cut('{{!--', ' --}}')).toBe('a\n{{!-- … rows --}}\nc');
    expect(cut('<!--', ' -->')).toBe('a\n<!-- … rows -->\nc');
    expect(cut('#')).toBe('a\n# … rows\nc');
  });

  it('leaves the source alone outside the region asked for, and a region without cuts verbatim', () => {
    const src = `// #elide\nx\n// #endelide\n// #region r\ny\n// #endregion`;
    expect(extractRegion(src, 'r')).toBe('y');
  });

  it('refuses an unterminated, a nested or a stray cut, with its line', () => {
    expect(() => extractRegion('// #region r\na\n// #elide\nb\n// #endregion', 'r')).toThrow(
      'region "r": #elide on line 3 has no #endelide',
    );
    expect(() =>
      extractRegion('// #region r\n// #elide\n// #elide\nb\n// #endelide\n// #endregion', 'r'),
    ).toThrow('#elide on line 3 inside the one on line 2');
    expect(() => extractRegion('// #region r\na\n// #endelide\n// #endregion', 'r')).toThrow(
      '#endelide on line 3 without #elide',
    );
  });

  it('does not take #elided or #endelided for a marker', () => {
    expect(extractRegion('// #region r\n// #elided is a word\na\n// #endregion', 'r')).toBe(
      '// #elided is a word\na',
    );
  });
});

describe('dedent and regionNames', () => {
  it('removes only the shared indentation and empties blank lines', () => {
    expect(dedent(['    a', '      b', '  ', '    c'])).toEqual(['a', '  b', '', 'c']);
    expect(dedent(['\ta', '\t\tb'])).toEqual(['a', '\tb']);
  });

  it('lists regions in order', () => {
    expect(regionNames(source)).toEqual(['hello', 'inner', 'other']);
  });
});
