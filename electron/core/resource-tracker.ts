import type { ResourceSample } from '../../shared/schemas/execution.js';

/** Longest series kept per execution; older points are merged pairwise to stay under it. */
export const MAX_SERIES_POINTS = 300;

/** Figures of an execution's process tree over its whole run. */
export interface ResourceSummary {
  cpuTimeMs: number | null;
  cpuAvgPercent: number | null;
  cpuPeakPercent: number | null;
  rssPeakBytes: number | null;
}

/**
 * Accumulates one execution's resource samples: totals, peaks and a downsampled series whose
 * size never exceeds MAX_SERIES_POINTS however long the run.
 */
export class ResourceTracker {
  private count = 0;
  private cpuSum = 0;
  private cpuPeak = 0;
  private rssPeak = 0;
  private cpuTime: number | null = null;
  private series: ResourceSample[] = [];
  private stride = 1;
  private pending: ResourceSample[] = [];

  add(sample: ResourceSample, cpuTimeMs: number | null): void {
    this.count++;
    this.cpuSum += sample.cpuPercent;
    this.cpuPeak = Math.max(this.cpuPeak, sample.cpuPercent);
    this.rssPeak = Math.max(this.rssPeak, sample.rssBytes);
    if (cpuTimeMs !== null) this.cpuTime = cpuTimeMs;
    this.pending.push(sample);
    if (this.pending.length < this.stride) return;
    this.series.push(merge(this.pending));
    this.pending = [];
    if (this.series.length >= MAX_SERIES_POINTS) {
      const halved: ResourceSample[] = [];
      for (let i = 0; i < this.series.length; i += 2)
        halved.push(merge(this.series.slice(i, i + 2)));
      this.series = halved;
      this.stride *= 2;
    }
  }

  summary(): ResourceSummary {
    if (this.count === 0)
      return {
        cpuTimeMs: this.cpuTime,
        cpuAvgPercent: null,
        cpuPeakPercent: null,
        rssPeakBytes: null,
      };
    return {
      cpuTimeMs: this.cpuTime,
      cpuAvgPercent: this.cpuSum / this.count,
      cpuPeakPercent: this.cpuPeak,
      rssPeakBytes: this.rssPeak,
    };
  }

  /** The downsampled series, oldest first, including a partial last group. */
  samples(): ResourceSample[] {
    return this.pending.length > 0 ? [...this.series, merge(this.pending)] : this.series.slice();
  }
}

/** One point standing for several: the last time, mean CPU, peak memory (peaks matter most). */
function merge(points: ResourceSample[]): ResourceSample {
  const last = points[points.length - 1] as ResourceSample;
  let cpu = 0;
  let rss = 0;
  for (const point of points) {
    cpu += point.cpuPercent;
    rss = Math.max(rss, point.rssBytes);
  }
  return { t: last.t, cpuPercent: cpu / points.length, rssBytes: rss };
}
