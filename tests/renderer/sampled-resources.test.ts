import { describe, expect, it } from 'vitest';
import { sampledResources } from '../../renderer/components/task-detail/sampled-resources.js';

const none = { cpuTimeMs: 120, cpuAvgPercent: null, cpuPeakPercent: null, rssPeakBytes: null };

describe("a running run's figures from its readings so far", () => {
  it('are the mean and peak CPU and the peak memory of the samples; CPU time stays as given', () => {
    expect(
      sampledResources(none, [
        { t: 1, cpuPercent: 10, rssBytes: 4_000 },
        { t: 2, cpuPercent: 90, rssBytes: 9_000 },
        { t: 3, cpuPercent: 50, rssBytes: 6_000 },
      ]),
    ).toEqual({ cpuTimeMs: 120, cpuAvgPercent: 50, cpuPeakPercent: 90, rssPeakBytes: 9_000 });
  });

  it('without readings are what the host said', () => {
    expect(sampledResources(none, [])).toBe(none);
  });
});
