import { describe, expect, it } from 'vitest';
import { MAX_SERIES_POINTS, ResourceTracker } from '../../../electron/core/resource-tracker.js';
import { seededRandom } from '../history/records.js';

const T0 = Date.parse('2026-05-01T10:00:00Z');

describe('ResourceTracker', () => {
  it('keeps 10,000 samples in at most 300 points, with exact totals and the peaks', () => {
    const random = seededRandom(11);
    const tracker = new ResourceTracker();
    const inputs: { t: number; cpuPercent: number; rssBytes: number }[] = [];
    let longest = 0;
    for (let i = 0; i < 10_000; i++) {
      // A noisy load with one CPU spike and one memory spike, each a single sample.
      const sample = {
        t: T0 + i * 1_000,
        cpuPercent: i === 7_777 ? 390 : 20 + 60 * random(),
        rssBytes: i === 4_242 ? 9_000_000_000 : 50_000_000 + Math.floor(10_000_000 * random()),
      };
      inputs.push(sample);
      tracker.add(sample, (i + 1) * 10);
      longest = Math.max(longest, tracker.samples().length);
    }

    const series = tracker.samples();
    expect(longest).toBeLessThanOrEqual(MAX_SERIES_POINTS);
    expect(series.length).toBeGreaterThan(MAX_SERIES_POINTS / 2);
    const cpu = inputs.map((s) => s.cpuPercent);
    expect(tracker.summary()).toEqual({
      cpuTimeMs: 100_000,
      cpuAvgPercent: cpu.reduce((sum, value) => sum + value, 0) / cpu.length,
      cpuPeakPercent: 390,
      rssPeakBytes: 9_000_000_000,
    });
    // The chart keeps the memory peak; CPU points are means, so the area (CPU time) is kept.
    expect(Math.max(...series.map((s) => s.rssBytes))).toBe(9_000_000_000);
    const seriesMean = series.reduce((sum, s) => sum + s.cpuPercent, 0) / series.length;
    expect(Math.abs(seriesMean - (tracker.summary().cpuAvgPercent ?? 0))).toBeLessThan(0.5);
    // Oldest first, spread over the whole run, ending at the newest sample.
    const times = series.map((s) => s.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
    expect(times[0]).toBeLessThan(T0 + 100_000);
    expect(times.at(-1)).toBe(inputs.at(-1)?.t);
  });

  it('has no figures before a sample, and keeps a CPU time given without samples', () => {
    const tracker = new ResourceTracker();
    expect(tracker.summary()).toEqual({
      cpuTimeMs: null,
      cpuAvgPercent: null,
      cpuPeakPercent: null,
      rssPeakBytes: null,
    });
    expect(tracker.samples()).toEqual([]);
    tracker.add({ t: T0, cpuPercent: 50, rssBytes: 1_000 }, null);
    tracker.add({ t: T0 + 1, cpuPercent: 0, rssBytes: 3_000 }, 42);
    tracker.add({ t: T0 + 2, cpuPercent: 100, rssBytes: 2_000 }, null);
    expect(tracker.summary()).toEqual({
      cpuTimeMs: 42,
      cpuAvgPercent: 50,
      cpuPeakPercent: 100,
      rssPeakBytes: 3_000,
    });
    // Below the limit every sample is a point of its own.
    expect(tracker.samples()).toEqual([
      { t: T0, cpuPercent: 50, rssBytes: 1_000 },
      { t: T0 + 1, cpuPercent: 0, rssBytes: 3_000 },
      { t: T0 + 2, cpuPercent: 100, rssBytes: 2_000 },
    ]);
  });
});
