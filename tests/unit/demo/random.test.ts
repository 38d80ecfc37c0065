import { describe, expect, it } from 'vitest';
import { Random } from '../../../server/demo/random.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Random', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => {
      const random = new Random(seed);
      return Array.from({ length: 20 }, () => random.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('keeps numbers in range', () => {
    const random = new Random(1);
    const reals = Array.from({ length: 5000 }, () => random.next());
    expect(Math.min(...reals)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...reals)).toBeLessThan(1);
    const integers = Array.from({ length: 5000 }, () => random.int(-3, 3));
    expect(integers.every((value) => Number.isInteger(value) && value >= -3 && value <= 3)).toBe(true);
    const seen = new Set(Array.from({ length: 500 }, () => random.int(1, 6)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('follows the weights of a weighted pick', () => {
    const random = new Random(3);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 10_000; i++) counts[random.weighted<keyof typeof counts>([['a', 3], ['b', 1], ['never', 0]])]++;
    expect(counts.never).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.5);
    expect(counts.a / counts.b).toBeLessThan(3.5);
    expect(() => random.weighted([['x', 0]])).toThrow(RangeError);
  });

  it('samples distinct items and shuffles without losing any', () => {
    const random = new Random(4);
    const items = [...Array(30).keys()];
    const sample = random.sample(items, 10);
    expect(new Set(sample).size).toBe(10);
    expect(random.sample(items, 100)).toHaveLength(30);
    expect(random.shuffle(items).sort((a, b) => a - b)).toEqual(items);
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it('makes v4-shaped UUIDs that are unique and repeatable', () => {
    const ids = (seed: number) => {
      const random = new Random(seed);
      return Array.from({ length: 20_000 }, () => random.uuid());
    };
    const first = ids(11);
    expect(first.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(first).size).toBe(first.length);
    expect(ids(11)).toEqual(first);
    expect(new Set([...first, ...ids(12)]).size).toBe(2 * first.length);
  });

  it('forks independent streams by label', () => {
    const root = new Random(5);
    const a = root.fork('mentors').next();
    expect(new Random(5).fork('mentors').next()).toBe(a);
    expect(new Random(5).fork('events').next()).not.toBe(a);
    // Ids do not move the stream, so adding ids elsewhere does not reshuffle draws.
    const plain = new Random(9);
    const withIds = new Random(9);
    withIds.uuid();
    expect(withIds.next()).toBe(plain.next());
  });
});
