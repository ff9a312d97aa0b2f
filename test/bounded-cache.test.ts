// core/bounded-cache.ts: kept answers are given back, a kept null or undefined counts as kept,
// and the cache never holds more than its limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedCache } from '../src/core/bounded-cache';

describe('BoundedCache', () => {
  it('computes once per key, including answers that are null', () => {
    const cache = new BoundedCache<string, string | null>(10);
    let calls = 0;
    const compute = (key: string) => {
      calls++;
      return key === 'none' ? null : key.toUpperCase();
    };
    assert.equal(cache.getOr('a', compute), 'A');
    assert.equal(cache.getOr('a', compute), 'A');
    assert.equal(cache.getOr('none', compute), null);
    assert.equal(cache.getOr('none', compute), null);
    assert.equal(calls, 2);
  });

  it('empties itself when full, so hostile keys cannot grow it', () => {
    const cache = new BoundedCache<number, number>(3);
    for (let i = 0; i < 3; i++) cache.set(i, i);
    assert.equal(cache.get(2), 2);
    cache.set(3, 3);
    assert.equal(cache.get(0), undefined, 'emptied before the fourth');
    assert.equal(cache.get(3), 3);
  });
});
