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

describe('dedent and regionNames', () => {
  it('removes only the shared indentation and empties blank lines', () => {
    expect(dedent(['    a', '      b', '  ', '    c'])).toEqual(['a', '  b', '', 'c']);
    expect(dedent(['\ta', '\t\tb'])).toEqual(['a', '\tb']);
  });

  it('lists regions in order', () => {
    expect(regionNames(source)).toEqual(['hello', 'inner', 'other']);
  });
});
