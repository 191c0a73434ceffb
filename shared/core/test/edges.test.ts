import { describe, expect, it } from 'vitest';
import { checkPath, hostProblem, isValidHost, originForm, pathOf } from '../src/edges.js';
import { type HttpError, MESSAGES } from '../src/errors.js';

const codeOf = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as HttpError).code;
  }
};

describe('edge rules', () => {
  it('accepts reg-names, IPv4 and [IPv6] hosts with a port ≤ 65535, nothing else', () => {
    for (const ok of ['localhost', 'a.example:8080', '127.0.0.1:1', '[::1]:3000', 'hello', 'x:65535']) {
      expect(isValidHost(ok), ok).toBe(true);
    }
    for (const bad of ['', 'a b', 'x:99999', 'a@b', 'x/y', 'a,b', '-x', 'x:', ':80']) {
      expect(isValidHost(bad), bad).toBe(false);
    }
  });

  it('requires exactly one valid Host on HTTP/1.1; HTTP/1.0 may omit it', () => {
    expect(hostProblem('1.1', [])).toBe(MESSAGES.badHost);
    expect(hostProblem('1.1', ['a', 'b'])).toBe(MESSAGES.badHost);
    expect(hostProblem('1.1', ['a b'])).toBe(MESSAGES.badHost);
    expect(hostProblem('1.1', ['localhost'])).toBeUndefined();
    expect(hostProblem('1.0', [])).toBeUndefined();
    expect(hostProblem('1.0', ['a', 'b'])).toBe(MESSAGES.badHost);
  });

  it('turns absolute-form into origin-form and drops the fragment', () => {
    expect(originForm('http://x/json?a=1')).toBe('/json?a=1');
    expect(originForm('HTTPS://x')).toBe('/');
    expect(originForm('/hello/bob#x?y')).toBe('/hello/bob');
    expect(originForm('/a?b#c')).toBe('/a?b');
    expect(originForm('*')).toBe('*');
  });

  it('reads the raw path of a target or a full URL, without the query and without decoding', () => {
    expect(pathOf('/hello/%62ob?x=1')).toBe('/hello/%62ob');
    expect(pathOf('http://hello/hello/bob')).toBe('/hello/bob');
    expect(pathOf('http://x')).toBe('/');
    expect(pathOf('*')).toBe('*');
    expect(pathOf('/a://b/json')).toBe('/a://b/json');
  });

  it('routes nothing through dot segments, empty segments or %XX outside a parameter', () => {
    for (const path of [
      '//',
      '/json/',
      '/hello/../json',
      '/%2e/json',
      '/%2E%2E',
      '/hello/.',
      '/%6Ason',
      '/hello%2Fbob',
    ]) {
      expect(
        codeOf(() => checkPath('GET', path)),
        path,
      ).toBe('NOT_FOUND');
    }
    for (const path of [
      '/',
      '/json',
      '/hello/%62ob',
      '/hello/b%2Fob',
      '/hello/.bob',
      '/hello/..x',
      '/hello/%5C',
    ]) {
      expect(
        codeOf(() => checkPath('GET', path)),
        path,
      ).toBeUndefined();
    }
    for (const path of ['/hello/%ZZ', '/%E0%A4%A', '/json%', '*', '/\\json', '/hello/a\\b', '/json\\']) {
      expect(
        codeOf(() => checkPath('GET', path)),
        path,
      ).toBe('BAD_REQUEST');
    }
    // A raw backslash is refused in every app, not read as `/` by some and as a name by others.
    expect(() => checkPath('GET', '/hello/a\\b')).toThrow(MESSAGES.backslash);
  });
});
