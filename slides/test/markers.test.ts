import { describe, expect, it } from 'vitest';
import { findMarkers, MarkerSyntaxError, parseMarker } from '../src/markers.js';

describe('parseMarker', () => {
  it('reads code markers with and without a region', () => {
    expect(parseMarker('<!-- code: apps/hono-app/src/app.ts#hello -->')).toEqual({
      kind: 'code',
      file: 'apps/hono-app/src/app.ts',
      region: 'hello',
    });
    expect(parseMarker('  <!--code:shared/fixtures/templates/fortunes.hbs-->  ')).toEqual({
      kind: 'code',
      file: 'shared/fixtures/templates/fortunes.hbs',
      region: null,
    });
  });

  it('reads results markers (chart or table, optional or not) and the loc marker', () => {
    expect(parseMarker('<!-- results: ws-echo -->')).toEqual({
      kind: 'results',
      scenario: 'ws-echo',
      optional: false,
      table: false,
      chart: false,
    });
    expect(parseMarker('<!-- results: ws-capacity (optional) -->')).toEqual({
      kind: 'results',
      scenario: 'ws-capacity',
      optional: true,
      table: false,
      chart: false,
    });
    expect(parseMarker('<!-- results: json (table) -->')).toMatchObject({ optional: false, table: true });
    expect(parseMarker('<!-- results: node-matrix (table, optional) -->')).toMatchObject({
      optional: true,
      table: true,
    });
    expect(() => parseMarker('<!-- results: json (table, table) -->')).toThrow('repeated');
    expect(() => parseMarker('<!-- results: json (tables) -->')).toThrow('malformed marker');
    expect(parseMarker('<!-- results: runtimes (chart, optional) -->')).toMatchObject({
      chart: true,
      optional: true,
    });
    expect(() => parseMarker('<!-- results: json (table, chart) -->')).toThrow('do not go together');
    expect(parseMarker('<!-- loc -->')).toEqual({ kind: 'loc' });
  });

  it('reads the talk-title and take-home markers, and refuses arguments to them', () => {
    expect(parseMarker('<!-- talk-title -->')).toEqual({ kind: 'talk-title' });
    expect(parseMarker('<!--take-home-->')).toEqual({ kind: 'take-home' });
    expect(() => parseMarker('<!-- take-home: https://example.com -->')).toThrow(
      'expected <!-- take-home -->',
    );
    expect(parseMarker('<!-- take-home-page is a note -->')).toBeNull();
  });

  it('leaves speaker notes, directives and Markdown alone', () => {
    for (const line of [
      '<!-- Say hello to the room -->',
      '<!-- _class: lead -->',
      '# code: x',
      '<!--',
      'location',
    ]) {
      expect(parseMarker(line)).toBeNull();
    }
  });

  it('rejects a comment that starts like a marker but does not parse, so it never becomes a note', () => {
    expect(() => parseMarker('<!-- code: apps/x.ts#two words -->')).toThrow(MarkerSyntaxError);
    expect(() => parseMarker('<!-- results: Plain Text -->')).toThrow('expected <!-- results: scenario -->');
    expect(() => parseMarker('<!-- loc: apps -->')).toThrow('malformed marker');
    expect(() => parseMarker('<!-- code: ../secret.ts#a -->')).toThrow('relative to the repository root');
    expect(() => parseMarker('<!-- code: /etc/passwd -->')).toThrow('relative to the repository root');
  });
});

describe('findMarkers', () => {
  it('finds markers with their line numbers and skips fenced code', () => {
    const deck = [
      '# A',
      '<!-- loc -->',
      '```md',
      '<!-- results: plaintext -->',
      '```',
      '<!-- results: json -->',
    ].join('\n');
    expect(findMarkers(deck).map((m) => [m.line, m.marker.kind])).toEqual([
      [2, 'loc'],
      [6, 'results'],
    ]);
  });

  it('reports the line of a malformed marker', () => {
    expect(() => findMarkers('a\n\n<!-- results: -->')).toThrow(
      /^line 3: <!-- results: -->: malformed marker/,
    );
  });
});
