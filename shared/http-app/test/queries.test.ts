import { describe, expect, it } from 'vitest';
import { queriesOf } from '../src/index.js';

describe('queriesOf', () => {
  it.each([
    ['/queries', 1],
    ['/queries?', 1],
    ['/queries?queries=20', 20],
    ['/queries?queries=3&queries=7', 3],
    ['/queries?queries=&queries=7', 1],
    ['/queries?x=1&queries=%32%30', 20],
    ['/queries?queries=2+0', 1],
    ['/queries?queries=501', 500],
    ['http://localhost:3000/updates?queries=12', 12],
    ['/queries?queries=9#queries=4', 9],
    ['/queries?a=1#queries=4', 1],
  ])('%s → %i', (target, n) => {
    expect(queriesOf(target)).toBe(n);
  });
});
