import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DurationHistogram } from '../../../electron/adapters/history/duration-histogram.js';

/** The exact nearest-rank percentile of `values`. */
function exact(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] ?? NaN;
}

const durations = fc.array(fc.integer({ min: 1, max: 86_400_000 }), {
  minLength: 1,
  maxLength: 400,
});

describe('DurationHistogram', () => {
  it('gives percentiles within 5% of the exact ones (one bucket), merged or read back alike', () => {
    fc.assert(
      fc.property(durations, durations, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, p) => {
        const first = new DurationHistogram();
        for (const ms of a) first.add(ms);
        const second = new DurationHistogram();
        for (const ms of b) second.add(ms);
        const json: unknown = JSON.parse(JSON.stringify(first));
        if (!DurationHistogram.isJSON(json)) throw new Error('not the persisted form');
        const merged = DurationHistogram.fromJSON(json);
        merged.merge(second);
        expect(merged.size).toBe(a.length + b.length);
        for (const [histogram, values] of [
          [first, a],
          [merged, [...a, ...b]],
        ] as const) {
          const want = exact(values, p);
          expect(Math.abs((histogram.percentile(p) ?? NaN) - want) / want).toBeLessThan(0.05);
        }
      }),
    );
  });

  it('keeps one entry per bucket in use, whatever the number of runs', () => {
    const histogram = new DurationHistogram();
    for (let i = 0; i < 100_000; i++) histogram.add(100 + (i % 7));
    // Seven distinct durations fall in at most seven buckets, each held once, in order.
    const pairs = histogram.toJSON();
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.length).toBeLessThanOrEqual(7);
    expect(pairs.map(([bucket]) => bucket)).toEqual(
      [...new Set(pairs.map(([bucket]) => bucket))].sort((a, b) => a - b),
    );
    expect(pairs.reduce((sum, [, count]) => sum + count, 0)).toBe(100_000);
    expect(new DurationHistogram().percentile(0.5)).toBeNull();
    for (const bad of [{}, [[1]], [[1, 2, -3]], [[1, 2, 3, 4]], [[1, 0.5]], [['1', 2]]]) {
      expect(DurationHistogram.isJSON(bad)).toBe(false);
    }
  });

  it('reads runs that took alike as they took, not as the middle of their bucket', () => {
    const histogram = new DurationHistogram();
    histogram.add(2_010);
    histogram.add(2_012);
    expect(histogram.percentile(0.5)).toBe(2_011);
    expect(histogram.percentile(0.95)).toBe(2_011);
  });

  it('reads a file of older [bucket, count] pairs, counting each at the middle of its bucket', () => {
    const old: unknown = [[157, 2]];
    if (!DurationHistogram.isJSON(old)) throw new Error('older pairs are refused');
    const middle = Math.pow(1.05, 156.5);
    expect(DurationHistogram.fromJSON(old).percentile(0.5)).toBeCloseTo(middle, 6);
  });
});
