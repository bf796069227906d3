/**
 * Bucket growth factor. A value is reported as its bucket's geometric middle, so the error is
 * at most sqrt(1.05) - 1 ≈ 2.5%, inside the 5% asked of p50/p95.
 */
const RATIO = 1.05;
const LOG_RATIO = Math.log(RATIO);

/** Bucket 0 holds durations under 1 ms; bucket i >= 1 holds [RATIO^(i-1), RATIO^i) ms. */
function bucketOf(ms: number): number {
  return ms < 1 ? 0 : 1 + Math.floor(Math.log(ms) / LOG_RATIO);
}

function middleOf(bucket: number): number {
  return bucket === 0 ? 0.5 : Math.pow(RATIO, bucket - 0.5);
}

/**
 * A log-scale histogram of durations (ms): constant memory per distinct bucket whatever the
 * number of runs, percentiles within ~2.5%.
 */
export class DurationHistogram {
  private readonly counts = new Map<number, number>();
  private total = 0;

  add(ms: number, count = 1): void {
    const bucket = bucketOf(Math.max(0, ms));
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + count);
    this.total += count;
  }

  /** Adds every count of `other` to this one. */
  merge(other: DurationHistogram): void {
    for (const [bucket, count] of other.counts) {
      this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + count);
      this.total += count;
    }
  }

  get size(): number {
    return this.total;
  }

  /** The nearest-rank percentile (`p` in 0..1), or null when empty. */
  percentile(p: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(p * this.total));
    const buckets = [...this.counts.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const bucket of buckets) {
      seen += this.counts.get(bucket) ?? 0;
      if (seen >= rank) return middleOf(bucket);
    }
    return null;
  }

  /** `[bucket, count]` pairs for persistence. */
  toJSON(): [number, number][] {
    return [...this.counts];
  }

  /** Rebuilds a histogram from `toJSON()` output. */
  static fromJSON(pairs: readonly (readonly [number, number])[]): DurationHistogram {
    const histogram = new DurationHistogram();
    for (const [bucket, count] of pairs) {
      histogram.counts.set(bucket, count);
      histogram.total += count;
    }
    return histogram;
  }
}
