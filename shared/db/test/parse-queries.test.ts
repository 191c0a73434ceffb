import { describe, expect, it } from 'vitest';
import { parseQueries } from '../src/index.js';

// The decided edge cases (see parse-queries.ts): only a whole string of ASCII digits counts.
const TABLE: [string | null | undefined, number][] = [
  [undefined, 1],
  [null, 1],
  ['', 1],
  ['foo', 1],
  ['0', 1],
  ['-1', 1],
  ['1', 1],
  ['2', 2],
  ['20', 20],
  ['007', 7],
  ['500', 500],
  ['501', 500],
  ['1'.repeat(40), 500],
  ['0'.repeat(40) + '3', 3],
  ['20abc', 1],
  ['1.5', 1],
  ['1e3', 1],
  ['+5', 1],
  [' 7', 1],
  ['7 ', 1],
  ['0x10', 1],
  ['٣', 1], // an Arabic-Indic digit: not ASCII
];

describe('parseQueries', () => {
  it.each(TABLE)('%j → %i', (raw, expected) => {
    expect(parseQueries(raw)).toBe(expected);
  });
});
